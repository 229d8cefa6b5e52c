package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void percentileInterpolatesBetweenRanks() {
        double[] values = {40, 10, 30, 20};
        assertThat(Report.percentile(values, 50)).isEqualTo(25.0);
        assertThat(Report.percentile(values, 0)).isEqualTo(10.0);
        assertThat(Report.percentile(values, 100)).isEqualTo(40.0);
        assertThat(Report.percentile(new double[] {7}, 50)).isEqualTo(7.0);
    }

    private static Sample sample(Double firstStop, Double secondStop) {
        return new Sample(500, List.of(100.0, 10.0), 1024, -1, -1, -1, List.of(), Arrays.asList(firstStop, secondStop));
    }

    @Test
    void eventToStopIsTheMedianPerInvocationOverTheSamplesThatStopped() {
        List<Sample> samples = List.of(sample(300.0, 9.0), sample(100.0, 7.0), sample(200.0, null));

        assertThat(Report.eventToStop(samples, 0)).isEqualTo(200.0);
        assertThat(Report.eventToStop(samples, 1)).isEqualTo(8.0);
        assertThat(Report.eventToStop(List.of(sample(null, null)), 0)).as("nothing stopped").isNull();
    }
}

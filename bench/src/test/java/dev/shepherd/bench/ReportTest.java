package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}

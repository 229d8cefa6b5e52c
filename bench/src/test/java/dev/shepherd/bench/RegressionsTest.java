package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionsTest {
    private static Report.Row row(String name, double coldRatio, int classes, long jarBytes) {
        return new Report.Row(name, "", "h", jarBytes, 1, 1, 1, 2, 0, 0, coldRatio, 1, 50, classes / 2, classes, 10,
                List.of(), List.of(new Sample(1, List.of(1.0, 0.5), 1024, classes / 2, classes, 10, List.of())));
    }

    private static Report report(Report.Row... rows) {
        return new Report("25", 2, 1, 1024, List.of(), List.of(rows), List.of());
    }

    @Test
    void flagsEachThresholdCrossedAndNothingWithinIt() {
        Report baseline = report(row("hello", 1.0, 2000, 100), row("hook", 3.0, 5000, 1000));
        Report current = report(row("hello", 1.0, 2099, 109), row("hook", 3.4, 5300, 1200), row("new", 9, 9, 9));

        assertThat(Regressions.between(baseline, current)).containsExactly(
                "hook: cold ratio to hello 3.00 -> 3.40 (+13 %, limit +10 %)",
                "hook: classes loaded 5000.00 -> 5300.00 (+6 %, limit +5 %)",
                "hook: jar bytes 1000.00 -> 1200.00 (+20 %, limit +10 %)");
    }

    @Test
    void aWrittenReportReadsBackForComparison() throws Exception {
        Report written = report(row("hook", 3.0, 5000, 1000));
        Report read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(written), Report.class);

        assertThat(read).isEqualTo(written);
        assertThat(Regressions.between(written, read)).isEmpty();
    }
}

package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionsTest {
    private static Report.Row row(String name, double coldRatio, int classes, long jarBytes) {
        return new Report.Row(name, "", "h", jarBytes, 1, 1, 1, 2, 0, 0, coldRatio, 1, 50, classes / 2, classes, 10,
                null, null, List.of(), List.of(new Sample(1, List.of(1.0, 0.5), 1024, classes / 2, classes, 10,
                List.of(), Arrays.asList(null, null))));
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
        Report.Row stopping = new Report.Row("responder", "", "h", 1000, 1, 1, 1, 2, 0, 0, 3.0, 1, 50, 2500, 5000, 10,
                310.5, 12.25, List.of("CodeDeploy:StopDeployment"), List.of(new Sample(1, List.of(1.0, 0.5), 1024,
                -1, -1, -1, List.of("CodeDeploy:StopDeployment"), List.of(310.5, 12.25))));
        Report written = report(row("hook", 3.0, 5000, 1000), stopping);
        Report read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(written), Report.class);

        assertThat(read).isEqualTo(written);
        assertThat(read.subjects().get(0).eventToStop1Ms()).as("no stop call: no figure").isNull();
        assertThat(read.subjects().get(1).eventToStop2Ms()).isEqualTo(12.25);
        assertThat(Regressions.between(written, read)).isEmpty();
    }

    @Test
    void aReportFromBeforeTheStopFigureStillReadsForComparison() throws Exception {
        String json = Json.MAPPER.writeValueAsString(report(row("hook", 3.0, 5000, 1000)))
                .replace("\"eventToStop1Ms\":null,\"eventToStop2Ms\":null,", "")
                .replace(",\"eventToStopMs\":[null,null]", "");
        assertThat(json).doesNotContain("eventToStop");

        Report read = Json.MAPPER.readValue(json, Report.class);

        assertThat(read.subjects().get(0).eventToStop1Ms()).isNull();
        assertThat(Regressions.between(read, report(row("hook", 3.4, 5000, 1000)))).singleElement().asString()
                .contains("cold ratio");
    }
}

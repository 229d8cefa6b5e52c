package dev.shepherd.compliance;

import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Severity;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one notice of a run: every failure first, then what could not be told, then the checks that found nothing
 * to check. A run where everything passes says nothing, except the daily run on the summary day, which says that
 * all passed (so silence is never the only sign the checks still run).
 */
final class ComplianceNotices {
    static final String SOURCE = "compliance-check";
    /** Lines of problems in one notice; the report in S3 has them all. */
    static final int MAX_LINES = 40;

    private final ComplianceConfig config;

    ComplianceNotices(ComplianceConfig config) {
        this.config = config;
    }

    Optional<Notice> of(Report report, String reportLocation) {
        Report.Overall overall = report.overall();
        boolean summaryDay = report.cadence() == RunRequest.Cadence.DAILY
                && report.runAt().atZone(ZoneOffset.UTC).getDayOfWeek() == config.weeklySummary();
        if (overall == Report.Overall.PASS && !summaryDay) {
            return Optional.empty();
        }
        long fail = report.count(CheckResult.Status.FAIL);
        long untold = report.count(CheckResult.Status.CANNOT_TELL);
        long pass = report.count(CheckResult.Status.PASS);
        String run = report.cadence().wire() + " compliance run";
        String title = switch (overall) {
            case FAIL -> "Compliance: " + fail + " failing" + (untold > 0 ? ", " + untold + " cannot tell" : "")
                    + " (" + run + ")";
            case INCOMPLETE -> "Compliance: " + untold + " cannot tell, nothing failing (" + run + ")";
            case PASS -> "Compliance weekly summary: all " + pass + " result(s) pass";
        };
        List<String> lines = new ArrayList<>();
        for (CheckResult r : report.problems()) {
            lines.add(r.status().name() + " " + r.type() + " " + r.name() + ": " + r.reason());
        }
        report.nothingToCheck().forEach(r -> lines.add("NOTHING TO CHECK " + r.type() + " " + r.name() + ": "
                + r.reason().substring("nothing to check: ".length())));
        StringBuilder summary = new StringBuilder();
        lines.stream().limit(MAX_LINES).forEach(l -> summary.append(l).append('\n'));
        if (lines.size() > MAX_LINES) {
            summary.append("... and ").append(lines.size() - MAX_LINES).append(" more in the report\n");
        }
        List<Notice.Fact> facts = List.of(
                new Notice.Fact("Overall", overall.name()),
                new Notice.Fact("Results", fail + " fail, " + untold + " cannot tell, " + pass + " pass"),
                new Notice.Fact("Run", report.cadence().wire() + " at " + report.runAt()),
                new Notice.Fact("Report", reportLocation));
        Severity severity = switch (overall) {
            case FAIL -> Severity.HIGH;
            case INCOMPLETE -> Severity.MEDIUM;
            case PASS -> Severity.LOW;
        };
        return Optional.of(new Notice(SOURCE, config.environment(), severity, Phase.INFO, title,
                summary.toString().strip(), facts, List.of(),
                "compliance#" + config.environment() + "#" + report.cadence().wire() + "#" + report.runAt(),
                List.of(), report.runAt()));
    }
}

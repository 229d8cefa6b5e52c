package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.notify.Delivery;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notifier;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One invocation: reads the run request, runs the checks, and publishes the report: stored once in S3 (a repeated
 * scheduled run stops there), one EMF metric per check and resource, one notice. The answer is the report itself,
 * for {@code ./shepherd invoke} and people reading the invocation; no trigger reads it.
 */
final class ComplianceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ComplianceCheck.class);

    private final ComplianceRun run;
    private final Optional<ReportStore> store;
    private final ComplianceNotices notices;
    private final Notifier notifier;
    private final Telemetry telemetry;

    ComplianceCheck(ComplianceRun run, Optional<ReportStore> store, ComplianceNotices notices, Notifier notifier,
            Telemetry telemetry) {
        this.run = run;
        this.store = store;
        this.notices = notices;
        this.notifier = notifier;
        this.telemetry = telemetry;
    }

    ObjectNode handle(List<Envelope> envelopes, Deadline deadline) {
        RunRequest request;
        try {
            request = RunRequest.of(envelopes);
        } catch (RunRequest.Refused e) {
            LOG.error("refused the event: {}", e.getMessage());
            telemetry.count("RefusedEvent", "function", ComplianceNotices.SOURCE);
            return JsonNodeFactory.instance.objectNode().put("refused", e.getMessage());
        }
        Report report = run.run(request, deadline);
        ObjectNode answer = report.json();
        String location = "not stored (no REPORT_BUCKET)";
        if (store.isPresent()) {
            String key = ReportStore.key(report);
            location = "s3://" + store.get().bucket() + "/" + key;
            try {
                if (!store.get().writeOnce(key, Json.write(answer))) {
                    LOG.info("run {} was reported before ({} exists): nothing announced again", report.runAt(), location);
                    telemetry.count("DuplicateRun", "cadence", report.cadence().wire());
                    return answer.put("duplicate", true).put("report", location);
                }
            } catch (SdkException e) {
                LOG.error("the report could not be stored: {}", AwsErrors.reason(e, "S3"));
                telemetry.count("ReportNotStored", "cadence", report.cadence().wire());
                location = "not stored: " + AwsErrors.reason(e, "S3");
            }
        }
        answer.put("report", location);
        measure(report);
        Optional<Notice> notice = notices.of(report, location);
        if (notice.isPresent()) {
            List<Delivery> sent = notifier.send(notice.get(),
                    notifier.routes().route(notice.get().severity()).channels(), deadline);
            answer.set("deliveries", Delivery.json(sent));
        }
        LOG.info("{} run at {}: {}", report.cadence().wire(), report.runAt(), report.overall());
        return answer;
    }

    /** One series per check and resource: Compliant 1 or 0, or CannotTell 1 (no Compliant point: missing data). */
    private void measure(Report report) {
        for (CheckResult r : report.results()) {
            if (r.status() == CheckResult.Status.CANNOT_TELL) {
                telemetry.measure("CannotTell", 1, "check", r.type(), "resource", r.name());
            } else {
                telemetry.measure("Compliant", r.passed() ? 1 : 0, "check", r.type(), "resource", r.name());
            }
        }
        for (CheckResult c : report.checks()) {
            if (!c.passed()) {
                telemetry.measure("CannotTell", 1, "check", c.type(), "resource", c.name());
            }
        }
        telemetry.count("ComplianceRun", "overall", report.overall().name());
    }
}

package dev.shepherd.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeS3;
import dev.shepherd.sandbox.FakeSns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A day's compliance report of the dev account, through the real compliance check of the template on the demo's
 * scenario: orders-db meets the promise, billing-db is out of its RPO, reports-db's Tokyo copy is too old, and the
 * reporting password is overdue for rotation. One report goes to S3 and one notice lists the failures first;
 * the schedule's retry of the same run finds its report and announces nothing again.
 */
final class ComplianceAct implements DemoAct {
    static final String FUNCTION = "ComplianceCheckFunction";
    static final String SCENARIO = "events/scenarios/compliance-demo-day.json";
    static final String DAILY = "events/schedules/compliance-daily.json";
    private static final String BUCKET = "shepherd-dev-compliance-reports";
    private static final String KEY = "compliance/dev/daily/2025-12-01/2025-12-01T04:00:00Z.json";
    /** billing-db out of its RPO (RDS, AWS Backup, Tokyo), reports-db's Tokyo copy too old, the secret overdue. */
    static final List<String> EXPECTED_FAILURES = List.of(
            "backup 123456789012/eu-west-1/db:billing-db",
            "backup 123456789012/eu-west-1/db:reports-db",
            "dr-copy 123456789012/eu-west-1/billing-db",
            "dr-copy 123456789012/eu-west-1/reports-db",
            "rds-backup 123456789012/eu-west-1/billing-db",
            "secret-rotation 123456789012/eu-west-1/rds/orders-reporting");
    /** Just after the daily schedule's time in the sample event. */
    private static final Instant START = Instant.parse("2025-12-01T04:00:20Z");

    private final Path repo;

    ComplianceAct(Path repo) {
        this.repo = repo;
    }

    @Override
    public String title() {
        return "a day's compliance report: one database out of RPO, one Tokyo copy too old, one secret overdue";
    }

    @Override
    public MovableClock clock() {
        return new MovableClock(START);
    }

    @Override
    public void play(Stage stage) throws IOException {
        stage.load(repo.resolve(SCENARIO));
        stage.say("dev account 123456789012, Monday 1 December 2025, 04:00 UTC: PostgreSQL orders-db, billing-db and "
                + "reports-db, backed up by RDS and AWS Backup, orders-db and billing-db replicated to Tokyo, reports-db "
                + "copied there weekly; two secrets rotate every 30 days");
        stage.say("the promise (defaults of /shepherd/dev/compliance): RPO 60 min, retention 30 d, a copy in "
                + "ap-northeast-1 no older than 24 h, rotation on schedule plus 24 h");
        String event = Files.readString(repo.resolve(DAILY));

        String answer = stage.invoke("EventBridge Scheduler: the daily run (" + DAILY + ")", FUNCTION, event);
        JsonNode report = Json.parse(answer);
        List<String> failures = new ArrayList<>();
        report.path("results").forEach(r -> {
            if (r.path("status").asText().equals("FAIL")) {
                failures.add(r.path("check").asText() + " " + r.path("resource").asText());
                stage.say("FAIL " + r.path("check").asText() + " " + r.path("resource").asText() + ": "
                        + r.path("reason").asText());
            }
        });
        DemoAct.expect(failures.equals(EXPECTED_FAILURES), "exactly " + EXPECTED_FAILURES + ", got " + failures);
        DemoAct.expect(s3(stage).object(BUCKET, KEY).isPresent(), "the report at s3://" + BUCKET + "/" + KEY);
        List<FakeSns.Published> notices = stage.sandbox().fake(FakeSns.class).published();
        DemoAct.expect(notices.size() == 1, "one notice, there are " + notices.size());
        String notice = notices.getFirst().message();
        stage.say("report: s3://" + BUCKET + "/" + KEY + " (" + s3(stage).object(BUCKET, KEY).orElseThrow()
                .body().length + " bytes), overall " + report.path("overall").asText());
        stage.say("notice: " + notice.lines().findFirst().orElse(""));

        String retry = stage.invoke("the schedule retries the same run (same scheduled time)", FUNCTION, event);
        DemoAct.expect(Json.parse(retry).path("duplicate").asBoolean(), "the retry to find its report: " + retry);
        DemoAct.expect(stage.sandbox().fake(FakeSns.class).published().size() == 1, "no second notice");
        stage.verdict("REPORTED: billing-db out of its RPO (rds-backup, dr-copy, backup), reports-db's Tokyo copy too old "
                + "(dr-copy, backup) and rds/orders-reporting overdue, announced once; the retry found its report in S3 "
                + "and said nothing again");
    }

    private static FakeS3 s3(Stage stage) {
        return stage.sandbox().fake(FakeS3.class);
    }
}

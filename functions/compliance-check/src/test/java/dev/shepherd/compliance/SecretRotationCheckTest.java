package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** Secret rotation hygiene against the sandbox's Secrets Manager (compliance reference section 3; edge cases 24-31, 38). */
class SecretRotationCheckTest {
    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    static final String ACCOUNT = "123456789012";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Sandbox sandbox = new Sandbox();
    final Findings findings = new Findings();

    /**
     * One scenario secret: rotation flag (null: never configured), DescribeSecret's metadata (CreatedDate defaults to
     * 2026-01-01), extra keys of the scenario secret.
     */
    static String secret(String name, Boolean rotation, String metadata, String extra) {
        List<String> fields = new ArrayList<>();
        if (!metadata.contains("CreatedDate")) {
            fields.add("\"CreatedDate\": \"2026-01-01T00:00:00Z\"");
        }
        if (!metadata.isEmpty()) {
            fields.add(metadata);
        }
        return "{\"name\": \"" + name + "\", \"value\": \"s3cr3t-value\""
                + (rotation == null ? "" : ", \"rotationEnabled\": " + rotation)
                + ", \"metadata\": {" + String.join(", ", fields) + "}" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    void seed(String... secrets) {
        sandbox.load(Json.parse("{\"secretsmanager\": {\"secrets\": [" + String.join(",", secrets) + "]}}"));
    }

    CheckResult run(Targets targets) throws Exception {
        Scope scope = new Scope(ACCOUNT, "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, sandbox);
        return new SecretRotationCheck(scope, targets, findings, clock).run(Deadline.of(clock, 60_000, Duration.ZERO));
    }

    CheckResult only(Targets targets) throws Exception {
        run(targets);
        assertThat(findings.all()).hasSize(1);
        CheckResult result = findings.all().getFirst();
        assertThat(result.type()).isEqualTo("secret-rotation");
        assertThat(result.reason()).doesNotContain("s3cr3t-value");
        return result;
    }

    CheckResult only() throws Exception {
        return only(Targets.DEFAULTS);
    }

    static Targets targets(String json) {
        List<String> problems = new ArrayList<>();
        Targets t = Targets.parse(Json.parse(json), problems);
        assertThat(problems).isEmpty();
        return t;
    }

    CheckResult result(String secret) {
        return findings.all().stream().filter(r -> r.name().equals(ACCOUNT + "/eu-west-1/" + secret)).findFirst()
                .orElseThrow();
    }

    int calls(String operation) {
        return sandbox.journal().calls("secretsmanager", operation).size();
    }

    @Test
    void rotatedWithinItsScheduleWithoutPendingPasses() throws Exception {
        seed(secret("app/orders-db", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-01T03:00:00Z",
                "NextRotationDate": "2026-07-01T00:00:00Z\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.name()).isEqualTo(ACCOUNT + "/eu-west-1/app/orders-db");
        assertThat(result.reason()).contains("every 30 days", "last rotated 2026-06-01T03:00:00Z",
                "next due by 2026-07-02T00:00:00Z");
        assertThat(calls("DescribeSecret")).as("a passing listing needs no confirmation").isZero();
        assertThat(calls("GetSecretValue")).isZero();
    }

    @Test
    void overdueRotationFailsNamingTheSignal_edge25() throws Exception {
        seed(secret("app/orders-db", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-04-01T03:00:00Z\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("rotation overdue: last rotated 2026-04-01T03:00:00Z",
                "due by 2026-05-02T00:00:00Z + 24 h grace", "confirmed by DescribeSecret");
    }

    @Test
    void lateOnlyOnceTheWindowAndTheGraceHavePassed() throws Exception {
        // every 30 days from 2026-05-15: the window on 2026-06-14 closes at midnight, the grace 12 h later is NOW.
        seed(secret("on-the-edge", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-05-15T23:00:00Z\"""", ""),
                secret("one-day-later", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-05-14T23:00:00Z\"""", ""));
        Targets noonGrace = targets("{\"rotationGraceHours\": 12}");

        run(noonGrace);

        assertThat(findings.all()).extracting(CheckResult::status).containsExactly(Status.PASS, Status.FAIL);
    }

    @Test
    void rotationNeverConfiguredFails_edge24() throws Exception {
        seed(secret("app/legacy", null, "", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("rotation never configured", "never rotated (created 2026-01-01T00:00:00Z)");
    }

    @Test
    void rotationDisabledLaterFails_edge24() throws Exception {
        seed(secret("app/turned-off", false, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-01T00:00:00Z",
                "NextRotationDate": "2026-07-01T00:00:00Z\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("rotation not enabled", "last rotated 2026-06-01T00:00:00Z");
    }

    @Test
    void neverRotatedIsJudgedFromItsCreation_edge24() throws Exception {
        seed(secret("recent", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "CreatedDate": "2026-06-10T00:00:00Z\"""", ""),
                secret("old", true, "\"RotationRules\": {\"AutomaticallyAfterDays\": 30}", ""));

        run(Targets.DEFAULTS);

        assertThat(result("recent").status()).isEqualTo(Status.PASS);
        assertThat(result("recent").reason()).contains("never rotated (created 2026-06-10T00:00:00Z)",
                "next due by 2026-07-11T00:00:00Z");
        assertThat(result("old").status()).isEqualTo(Status.FAIL);
        assertThat(result("old").reason()).contains("never rotated: created 2026-01-01T00:00:00Z",
                "was due by 2026-02-01T00:00:00Z");
    }

    @Test
    void pendingOnAnotherVersionIsAStuckRotation_edge25() throws Exception {
        seed(secret("app/stuck", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-10T00:00:00Z\"""",
                "\"rotating\": \"11111111-2222-3333-4444-555555555555\""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("rotation stuck: AWSPENDING is on version 11111111-2222-3333-4444-555555555555")
                .doesNotContain("overdue");
    }

    @Test
    void pendingOnTheCurrentVersionPasses_edge26() throws Exception {
        String token = "11111111-2222-3333-4444-555555555555";
        seed(secret("app/finished", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-10T00:00:00Z\"""",
                "\"rotating\": \"" + token + "\""));
        // The rotation's end state: AWSCURRENT moved onto the pending version, AWSPENDING left there too.
        sandbox.fake(FakeSecretsManager.class).moveStage("app/finished", "AWSCURRENT", token);
        assertThat(sandbox.fake(FakeSecretsManager.class).stages("app/finished").get(token))
                .containsExactlyInAnyOrder("AWSCURRENT", "AWSPENDING");

        assertThat(only().status()).isEqualTo(Status.PASS);
    }

    @Test
    void nextRotationDateInThePastFails_edge25() throws Exception {
        seed(secret("app/missed", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-05-20T00:00:00Z",
                "NextRotationDate": "2026-06-10T00:00:00Z\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("NextRotationDate 2026-06-10T00:00:00Z has passed",
                "window closed 2026-06-11T00:00:00Z").doesNotContain("overdue");
    }

    @Test
    void rateInHoursTakesTheExpressionOverAutomaticallyAfterDays_edge27() throws Exception {
        // rate(4 hours): the next window closes within 4 h + its 1 h window of the last rotation.
        seed(secret("within", true, """
                "RotationRules": {"ScheduleExpression": "rate(4 hours)", "AutomaticallyAfterDays": 1},
                "LastRotatedDate": "2026-06-15T07:01:00Z\"""", ""),
                secret("late", true, """
                "RotationRules": {"ScheduleExpression": "rate(4 hours)", "AutomaticallyAfterDays": 1},
                "LastRotatedDate": "2026-06-15T06:59:00Z\"""", ""));

        run(targets("{\"rotationGraceHours\": 0}"));

        assertThat(findings.all()).extracting(CheckResult::status).containsExactly(Status.PASS, Status.FAIL);
        assertThat(findings.all().get(1).reason()).contains("under rate(4 hours) was due by 2026-06-15T11:59:00Z");
    }

    @Test
    void cronInDaysIsDueAtTheCloseOfItsNextWindow_edge27() throws Exception {
        // 16:00 UTC on the 1st and the 15th; the window runs to the end of the UTC day.
        seed(secret("rotated-on-the-1st", true, """
                "RotationRules": {"ScheduleExpression": "cron(0 16 1,15 * ? *)"},
                "LastRotatedDate": "2026-06-01T16:30:00Z\"""", ""),
                secret("missed-the-1st", true, """
                "RotationRules": {"ScheduleExpression": "cron(0 16 1,15 * ? *)"},
                "LastRotatedDate": "2026-05-15T16:30:00Z\"""", ""));

        run(Targets.DEFAULTS);

        assertThat(findings.all()).extracting(CheckResult::status).containsExactly(Status.PASS, Status.FAIL);
        assertThat(findings.all().get(0).reason()).contains("next due by 2026-06-16T00:00:00Z");
        assertThat(findings.all().get(1).reason()).contains("was due by 2026-06-02T00:00:00Z");
    }

    @Test
    void cronInHoursWithAWindowDuration_edge27() throws Exception {
        // 04:00 and 16:00, two-hour windows: the 04:00 window of June 15 closed at 06:00.
        seed(secret("rotated-at-four", true, """
                "RotationRules": {"ScheduleExpression": "cron(0 4/12 * * ? *)", "Duration": "2h"},
                "LastRotatedDate": "2026-06-15T04:30:00Z\"""", ""),
                secret("missed-four", true, """
                "RotationRules": {"ScheduleExpression": "cron(0 4/12 * * ? *)", "Duration": "2h"},
                "LastRotatedDate": "2026-06-14T16:30:00Z\"""", ""));

        run(targets("{\"rotationGraceHours\": 0}"));

        assertThat(findings.all()).extracting(CheckResult::status).containsExactly(Status.PASS, Status.FAIL);
        assertThat(findings.all().get(1).reason()).contains("cron(0 4/12 * * ? *), window 2h was due by 2026-06-15T06:00:00Z");
    }

    @Test
    void aScheduleItCannotReadIsCannotTellNeverAPass() throws Exception {
        seed(secret("app/odd", true, """
                "RotationRules": {"ScheduleExpression": "cron(30 4 * * ? *)"}, "LastRotatedDate": "2026-06-15T04:30:00Z\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result.reason()).contains("the minutes field must be 0");
    }

    @Test
    void aStaleListingIsOverruledByDescribeSecret_edge30() throws Exception {
        // Rotated two minutes ago: DescribeSecret knows, ListSecrets still shows the rotation from April.
        seed(secret("app/just-rotated", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-15T11:58:00Z\"""",
                "\"listed\": {\"LastRotatedDate\": \"2026-04-01T00:00:00Z\"}"));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.reason()).contains("last rotated 2026-06-15T11:58:00Z", "ListSecrets", "still showed",
                "rotation overdue");
        assertThat(calls("DescribeSecret")).isEqualTo(1);
    }

    @Test
    void aFailureIsOnlyReportedOnceDescribeSecretConfirmsIt_edge30() throws Exception {
        seed(secret("app/stale-both", true, """
                "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-04-01T00:00:00Z\"""", ""));
        sandbox.load(Json.parse("{\"secretsmanager\": {\"faults\": {\"DescribeSecret\": [\"AccessDeniedException\"]}}}"));

        CheckResult result = only();

        assertThat(result.status()).as("the listing alone never fails a secret").isEqualTo(Status.CANNOT_TELL);
        assertThat(result.reason()).contains("ListSecrets shows: rotation overdue", "not confirmed",
                "DescribeSecret: access denied (AccessDeniedException)");
    }

    @Test
    void rdsManagedSecretIsCheckedAndTheReasonNamesItsOwner_edge29() throws Exception {
        seed(secret("rds!db-1234", true, """
                "RotationRules": {"AutomaticallyAfterDays": 7}, "LastRotatedDate": "2026-05-01T00:00:00Z",
                "OwningService": "rds\"""", ""));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("rotation overdue", "managed by rds (OwningService)");
    }

    @Test
    void secretsScheduledForDeletionAreNotListedSoNothingToCheck_edge28_edge38() throws Exception {
        seed(secret("app/retired", null, "", "\"deleted\": true"));

        CheckResult summary = run(Targets.DEFAULTS);

        assertThat(findings.all()).isEmpty();
        assertThat(summary.status()).isEqualTo(Status.PASS);
        assertThat(summary.reason()).startsWith("nothing to check: no secret in scope in eu-west-1");
        assertThat(sandbox.journal().calls("secretsmanager", "ListSecrets").getFirst().request()
                .path("IncludePlannedDeletion").asBoolean(true)).isFalse();
    }

    @Test
    void onlySecretsCarryingTheScopeTagsAreJudged() throws Exception {
        seed(secret("app/prod-db", null, "", "\"tags\": {\"env\": \"prod\"}"),
                secret("app/dev-db", null, "", "\"tags\": {\"env\": \"dev\"}"));

        CheckResult summary = run(targets("{\"scopeTags\": {\"env\": \"prod\"}}"));

        assertThat(findings.all()).extracting(CheckResult::name).containsExactly(ACCOUNT + "/eu-west-1/app/prod-db");
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
    }

    @Test
    void everyPageOfMoreThanAHundredSecretsIsRead_edge1() throws Exception {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            secrets.add(secret("app/s-%03d".formatted(i), true, """
                    "RotationRules": {"AutomaticallyAfterDays": 30}, "LastRotatedDate": "2026-06-01T00:00:00Z\"""", ""));
        }
        seed(secrets.toArray(String[]::new));

        CheckResult summary = run(Targets.DEFAULTS);

        assertThat(findings.all()).hasSize(205).allMatch(CheckResult::passed);
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 205 judged, ");
        assertThat(sandbox.journal().calls("secretsmanager", "ListSecrets")).hasSize(3)
                .allSatisfy(c -> assertThat(c.request().path("MaxResults").asInt()).isEqualTo(100));
    }

    @Test
    void accessDeniedOnTheListingIsCannotTellForTheWholeCheck_edge6() throws Exception {
        sandbox.load(Json.parse("{\"secretsmanager\": {\"faults\": {\"ListSecrets\": [\"AccessDeniedException\"]}}}"));

        assertThatThrownBy(() -> run(Targets.DEFAULTS)).isInstanceOfSatisfying(CheckFailure.class, e -> {
            CheckResult result = e.result("secret-rotation", "x");
            assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
            assertThat(result.reason()).isEqualTo("Secrets Manager in eu-west-1: access denied (AccessDeniedException); "
                    + "the function's role lacks the read permission");
        });
    }

    @Test
    void anInvalidNextTokenIsCannotTellNeverAPass_edge3() throws Exception {
        seed(secret("app/orders-db", null, "", ""));
        sandbox.load(Json.parse("{\"secretsmanager\": {\"faults\": {\"ListSecrets\": [\"InvalidNextTokenException\"]}}}"));

        assertThatThrownBy(() -> run(Targets.DEFAULTS)).isInstanceOfSatisfying(CheckFailure.class, e ->
                assertThat(e.getMessage()).contains("the listing broke off"));
    }
}

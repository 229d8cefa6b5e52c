package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import dev.shepherd.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/** {@link AuditTrailCheck} against the sandbox's Regional CloudTrail. */
class AuditTrailCheckTest {
    final Clock clock = Clock.fixed(Instant.parse("2025-12-01T05:30:00Z"), ZoneOffset.UTC);
    final Findings findings = new Findings();

    static Sandbox trails(String trails) {
        return new Sandbox().load(Json.parse("{\"cloudtrail\": {\"trails\": [" + trails + "]}}"));
    }

    static String trail(String name, boolean multiRegion, String extra, String status) {
        return """
                {"trail": {"Name": "%s", "S3BucketName": "audit-logs", "IsMultiRegionTrail": %s%s}%s}"""
                .formatted(name, multiRegion, extra, status == null ? "" : ", \"status\": " + status);
    }

    CheckResult only(ClientSource clients, Region region) throws Exception {
        CheckResult summary = new AuditTrailCheck(new Scope("123456789012", "prod", region, Region.AP_NORTHEAST_1, clients),
                Targets.DEFAULTS, findings, clock).run(Deadline.of(clock, 60_000, Duration.ZERO));
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(findings.all()).hasSize(1);
        return findings.all().getFirst();
    }

    CheckResult only(ClientSource clients) throws Exception {
        return only(clients, Region.EU_WEST_1);
    }

    @Test
    void aLoggingMultiRegionTrailPasses() throws Exception {
        CheckResult result = only(new Sandbox().load(Path.of(System.getProperty("shepherd.repo.root", "../.."),
                "events/scenarios/compliance-backup-dr.json")));

        assertThat(result).isEqualTo(CheckResult.pass("audit-trail", "123456789012/eu-west-1/org-audit",
                "multi-Region trail org-audit is logging"));
    }

    @Test
    void theShadowOfATrailHomedElsewhereCountsAndIsReadByArn() throws Exception {
        Sandbox sandbox = trails(trail("org-audit", true, ", \"HomeRegion\": \"eu-west-1\"", "{\"IsLogging\": true}"));

        CheckResult result = only(sandbox, Region.AP_NORTHEAST_1);

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.name()).isEqualTo("123456789012/ap-northeast-1/org-audit");
        assertThat(result.reason()).isEqualTo("multi-Region trail org-audit is logging (homed in eu-west-1)");
        assertThat(sandbox.journal().calls("cloudtrail", "GetTrailStatus").getFirst().request().path("Name").asText())
                .isEqualTo("arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-audit");
    }

    @Test
    void anOrganizationTrailCounts() throws Exception {
        CheckResult result = only(trails(trail("org-trail", true, ", \"IsOrganizationTrail\": true", "{\"IsLogging\": true}")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.reason()).isEqualTo("multi-Region trail org-trail is logging (organization trail)");
    }

    @Test
    void aMultiRegionTrailThatIsNotLoggingFailsNamingIt() throws Exception {
        CheckResult result = only(trails(trail("org-audit", true, "", "{\"IsLogging\": false}")));

        assertThat(result).isEqualTo(CheckResult.fail("audit-trail", "123456789012/eu-west-1/org-audit",
                "trail org-audit is not logging"));
    }

    @Test
    void aTrailThatCannotDeliverFailsWithTheErrorCodeOnly() throws Exception {
        CheckResult result = only(trails(trail("org-audit", true, "",
                "{\"IsLogging\": true, \"LatestDeliveryError\": \"NoSuchBucket: the bucket audit-logs is gone\"}")));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("trail org-audit cannot deliver its logs (NoSuchBucket)");
    }

    @Test
    void oneLoggingTrailIsEnoughWhenAnotherIsStopped() throws Exception {
        CheckResult result = only(trails(trail("a-stopped", true, "", "{\"IsLogging\": false}") + ","
                + trail("b-audit", true, "", "{\"IsLogging\": true}")));

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.name()).endsWith("/b-audit");
    }

    @Test
    void singleRegionTrailsOnlyFail() throws Exception {
        CheckResult result = only(trails(trail("eu-only", false, "", "{\"IsLogging\": true}")));

        assertThat(result).isEqualTo(CheckResult.fail("audit-trail", "123456789012/eu-west-1/cloudtrail",
                "no multi-Region trail: configuration changes are not tracked (single-Region only: eu-only)"));
    }

    @Test
    void noTrailFails() throws Exception {
        CheckResult result = only(new Sandbox());

        assertThat(result).isEqualTo(CheckResult.fail("audit-trail", "123456789012/eu-west-1/cloudtrail",
                "no multi-Region trail: configuration changes are not tracked"));
    }

    @Test
    void accessDeniedIsCannotTell_edge6() {
        Sandbox sandbox = new Sandbox().load(Json.parse(
                "{\"cloudtrail\": {\"faults\": {\"DescribeTrails\": [\"AccessDeniedException\"]}}}"));

        CheckFailure failure = assertThrows(CheckFailure.class, () -> new AuditTrailCheck(new Scope("123456789012",
                "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, sandbox), Targets.DEFAULTS, findings, clock)
                .run(Deadline.of(clock, 60_000, Duration.ZERO)));

        CheckResult result = failure.result("audit-trail", "123456789012/eu-west-1");
        assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result.reason()).isEqualTo("CloudTrail in eu-west-1: access denied (AccessDeniedException); "
                + "the function's role lacks the read permission");
        assertThat(findings.all()).isEmpty();
    }

    @Test
    void aRegionNotEnabledIsRegionUnavailable_edge4() {
        CheckFailure failure = assertThrows(CheckFailure.class, () -> new AuditTrailCheck(new Scope("123456789012",
                "prod", Region.AP_EAST_1, Region.AP_NORTHEAST_1, new Sandbox()), Targets.DEFAULTS, findings, clock)
                .run(Deadline.of(clock, 60_000, Duration.ZERO)));

        assertThat(failure.getMessage()).startsWith("CloudTrail in ap-east-1: Region unavailable (UnrecognizedClientException");
    }
}

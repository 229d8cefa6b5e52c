package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.sandbox.moto.MotoSdk;
import dev.shepherd.sandbox.moto.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

/**
 * {@link AuditTrailCheck} on the sandbox and on moto (which implements DescribeTrails and GetTrailStatus): the same
 * trails give the same verdict. The trails are created on moto over raw HTTP, outside the SDK, so set-up stays out of
 * the operations file the IAM check reads. Moto never reports a delivery error, so that case is the sandbox's only.
 * The operation-level parity of the two calls is {@code sandbox/.../moto/CloudTrailMotoParityTest}.
 */
class AuditTrailCheckMotoTest {
    static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static MotoSdk moto;
    final Clock clock = Clock.fixed(Instant.parse("2025-12-01T05:30:00Z"), ZoneOffset.UTC);

    record Seed(String name, boolean multiRegion, boolean logging) {
    }

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoSdk.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    ClientSource backend(String which, List<Seed> trails) throws Exception {
        if (which.equals("fake")) {
            StringBuilder json = new StringBuilder();
            for (Seed t : trails) {
                json.append(json.isEmpty() ? "" : ",").append("""
                        {"trail": {"Name": "%s", "S3BucketName": "audit-logs", "IsMultiRegionTrail": %s},
                         "status": {"IsLogging": %s}}""".formatted(t.name(), t.multiRegion(), t.logging()));
            }
            return new Sandbox().load(Json.parse("{\"cloudtrail\": {\"trails\": [" + json + "]}}"));
        }
        MotoServer server = moto.server();
        server.raw("s3", "PUT", "/audit-logs", null, "<CreateBucketConfiguration><LocationConstraint>eu-west-1"
                + "</LocationConstraint></CreateBucketConfiguration>");
        for (Seed t : trails) {
            server.raw("cloudtrail", "POST", "/", TARGET + "CreateTrail", """
                    {"Name": "%s", "S3BucketName": "audit-logs", "IsMultiRegionTrail": %s}"""
                    .formatted(t.name(), t.multiRegion()));
            if (t.logging()) {
                server.raw("cloudtrail", "POST", "/", TARGET + "StartLogging", "{\"Name\": \"" + t.name() + "\"}");
            }
        }
        return new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.recording());
    }

    CheckResult judge(ClientSource clients) throws Exception {
        Findings findings = new Findings();
        new AuditTrailCheck(new Scope("123456789012", "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, clients),
                Targets.DEFAULTS, findings, clock).run(Deadline.of(clock, 60_000, Duration.ZERO));
        assertThat(findings.all()).hasSize(1);
        return findings.all().getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void aLoggingMultiRegionTrailPasses(String backend) throws Exception {
        CheckResult result = judge(backend(backend, List.of(new Seed("org-audit", true, true),
                new Seed("eu-only", false, false))));

        assertThat(result).isEqualTo(CheckResult.pass("audit-trail", "123456789012/eu-west-1/org-audit",
                "multi-Region trail org-audit is logging"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void aStoppedMultiRegionTrailFails(String backend) throws Exception {
        CheckResult result = judge(backend(backend, List.of(new Seed("org-audit", true, false))));

        assertThat(result).isEqualTo(CheckResult.fail("audit-trail", "123456789012/eu-west-1/org-audit",
                "trail org-audit is not logging"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void singleRegionTrailsOnlyFail(String backend) throws Exception {
        CheckResult result = judge(backend(backend, List.of(new Seed("eu-only", false, true))));

        assertThat(result).isEqualTo(CheckResult.fail("audit-trail", "123456789012/eu-west-1/cloudtrail",
                "no multi-Region trail: configuration changes are not tracked (single-Region only: eu-only)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fake", "moto"})
    void noTrailFails(String backend) throws Exception {
        CheckResult result = judge(backend(backend, List.of()));

        assertThat(result.reason()).isEqualTo("no multi-Region trail: configuration changes are not tracked");
    }
}

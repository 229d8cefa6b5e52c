package dev.shepherd.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * {@link BackupRecoveryCheck} with the real SDK clients on the wire (moto does not implement Backup's recovery-point
 * reads): AWS-shaped REST-JSON answers (epoch-second dates, {@code Lifecycle} / {@code CalculatedLifecycle}, copies
 * naming {@code SourceBackupVaultArn}, {@code NextToken} pages, an empty one among them), the requests the check sends
 * (RDS's {@code maxResults} of at least 20, the DR vault filtered by {@code resourceArn}, signed for Tokyo), throttling
 * retried by the SDK, and a Tokyo that refuses the credentials. The operations' shapes on their own are
 * {@code sandbox/.../contract/BackupContractTest}, against the fake.
 */
class BackupRecoveryCheckWireTest {
    static final String DB = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    static final String DB_PATH = "arn%3Aaws%3Ards%3Aeu-west-1%3A123456789012%3Adb%3Aorders-db";
    static final String SNAPSHOT = "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-4f6a2b1c";
    static final String CONTINUOUS = "arn:aws:backup:eu-west-1:123456789012:recovery-point:continuous:db-ORDERS-8f2e";
    static final String PRIMARY = "arn:aws:backup:eu-west-1:123456789012:backup-vault:primary";
    static final String DR_VAULT = "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:dr-tokyo";
    static final String HOME = "/eu-west-1/backup/aws4_request";
    static final String TOKYO = "/ap-northeast-1/backup/aws4_request";

    static WireMockServer wire;
    final Clock clock = Clock.fixed(Instant.parse("2025-12-01T05:30:00Z"), ZoneOffset.UTC);
    Findings findings;

    @BeforeAll
    static void start() {
        wire = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(wire);
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
        findings = new Findings();
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", code).withBody("{\"message\":\"" + message + "\"}");
    }

    static MappingBuilder in(String region, MappingBuilder request) {
        return request.withHeader("Authorization", containing(region));
    }

    /** The inventory in two pages, the first empty with a token. */
    void inventory() {
        wire.stubFor(in(HOME, get(urlPathEqualTo("/resources/"))).withQueryParam("nextToken", absent())
                .willReturn(ok("{\"Results\":[],\"NextToken\":\"inv-2\"}")));
        wire.stubFor(in(HOME, get(urlPathEqualTo("/resources/"))).withQueryParam("nextToken", equalTo("inv-2"))
                .willReturn(ok("""
                        {"Results":[{"ResourceArn":"%s","ResourceType":"RDS","ResourceName":"orders-db",
                          "LastBackupTime":1764558000,"LastBackupVaultArn":"%s","LastRecoveryPointArn":"%s"}]}"""
                        .formatted(DB, PRIMARY, SNAPSHOT))));
    }

    void homePoints(String body) {
        wire.stubFor(in(HOME, get(urlPathEqualTo("/resources/" + DB_PATH + "/recovery-points/"))).willReturn(ok(body)));
    }

    void detail(String arn, String body) {
        wire.stubFor(in(HOME, get(urlPathMatching("/backup-vaults/primary/recovery-points/.+")))
                .willReturn(ok(body.formatted(arn))));
    }

    void tokyoVaults() {
        wire.stubFor(in(TOKYO, get(urlPathEqualTo("/backup-vaults/"))).willReturn(ok("""
                {"BackupVaultList":[{"BackupVaultName":"dr-tokyo","BackupVaultArn":"%s","VaultType":"BACKUP_VAULT",
                  "VaultState":"AVAILABLE","CreationDate":1735689600,"NumberOfRecoveryPoints":2,"Locked":false}]}"""
                .formatted(DR_VAULT))));
    }

    /** Tokyo's points for the database: a page with a point that is no copy, then the copy created at {@code created}. */
    void tokyoCopies(long created) {
        MappingBuilder points = in(TOKYO, get(urlPathEqualTo("/backup-vaults/dr-tokyo/recovery-points/")))
                .withQueryParam("resourceArn", equalTo(DB));
        wire.stubFor(points.withQueryParam("nextToken", absent()).willReturn(ok("""
                {"NextToken":"dr-2","RecoveryPoints":[{"RecoveryPointArn":"arn:aws:rds:ap-northeast-1:123456789012:snapshot:awsbackup:job-local",
                  "BackupVaultName":"dr-tokyo","BackupVaultArn":"%s","ResourceArn":"%s","ResourceType":"RDS",
                  "Status":"COMPLETED","CreationDate":1764565800}]}""".formatted(DR_VAULT, DB))));
        wire.stubFor(in(TOKYO, get(urlPathEqualTo("/backup-vaults/dr-tokyo/recovery-points/")))
                .withQueryParam("resourceArn", equalTo(DB)).withQueryParam("nextToken", equalTo("dr-2")).willReturn(ok("""
                {"RecoveryPoints":[{"RecoveryPointArn":"arn:aws:rds:ap-northeast-1:123456789012:snapshot:awsbackup:copyjob-0a1b",
                  "BackupVaultName":"dr-tokyo","BackupVaultArn":"%s","SourceBackupVaultArn":"%s","ResourceArn":"%s",
                  "ResourceType":"RDS","ResourceName":"orders-db","Status":"COMPLETED","CreationDate":%d,
                  "CompletionDate":%d,"Lifecycle":{"DeleteAfterDays":30},"IsEncrypted":true,"VaultType":"BACKUP_VAULT"}]}"""
                .formatted(DR_VAULT, PRIMARY, DB, created, created + 7200))));
    }

    CheckResult judge() throws Exception {
        AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.recording());
        CheckResult summary = new BackupRecoveryCheck(new Scope("123456789012", "prod", Region.EU_WEST_1,
                Region.AP_NORTHEAST_1, clients), Targets.DEFAULTS, findings, clock)
                .run(Deadline.of(clock, 60_000, Duration.ZERO));
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(findings.all()).hasSize(1);
        return findings.all().getFirst();
    }

    @Test
    void aContinuousBackupAndAFreshTokyoCopyPassWithTheNoPitrWarning() throws Exception {
        inventory();
        homePoints("""
                {"RecoveryPoints":[
                 {"RecoveryPointArn":"%s","CreationDate":1764565800,"Status":"PARTIAL","BackupVaultName":"primary"},
                 {"RecoveryPointArn":"%s","CreationDate":1764558000,"Status":"COMPLETED","BackupVaultName":"primary"},
                 {"RecoveryPointArn":"%s","CreationDate":1761955200,"Status":"COMPLETED","BackupVaultName":"primary"}]}"""
                .formatted(SNAPSHOT + "-partial", SNAPSHOT, CONTINUOUS));
        detail(CONTINUOUS, """
                {"RecoveryPointArn":"%s","BackupVaultName":"primary","Status":"COMPLETED","CreationDate":1761955200,"Lifecycle":{"DeleteAfterDays":35},
                 "StorageClass":"WARM"}""");
        tokyoVaults();
        tokyoCopies(1764558000);

        CheckResult result = judge();

        assertThat(result).isEqualTo(CheckResult.pass("backup", "123456789012/eu-west-1/db:orders-db",
                "continuous backup (point-in-time restore); kept 35 d; copy in ap-northeast-1 2 h old; "
                        + "warning: no point-in-time restore in ap-northeast-1 (copies there are snapshots)"));
        wire.verify(getRequestedFor(urlPathEqualTo("/resources/" + DB_PATH + "/recovery-points/"))
                .withQueryParam("maxResults", equalTo(String.valueOf(BackupRecoveryCheck.POINTS_PAGE))));
        wire.verify(getRequestedFor(urlPathMatching("/backup-vaults/primary/recovery-points/.+"))
                .withHeader("Authorization", containing(HOME)));
        assertThat(wire.findAll(getRequestedFor(urlPathEqualTo("/backup-vaults/primary/recovery-points/"
                + CONTINUOUS.replace(":", "%3A"))))).as("the judged point's lifecycle is read").hasSize(1);
        wire.verify(2, getRequestedFor(urlPathEqualTo("/resources/")));
        wire.verify(2, getRequestedFor(urlPathEqualTo("/backup-vaults/dr-tokyo/recovery-points/")));
    }

    @Test
    void retentionFromCalculatedLifecycleAndACopyTooOldFail() throws Exception {
        inventory();
        homePoints("""
                {"RecoveryPoints":[{"RecoveryPointArn":"%s","CreationDate":1764565200,"Status":"COMPLETED",
                  "BackupVaultName":"primary"}]}""".formatted(SNAPSHOT));
        // DeleteAt 29 days after CreationDate, and no DeleteAfterDays.
        detail(SNAPSHOT, """
                {"RecoveryPointArn":"%s","BackupVaultName":"primary","Status":"COMPLETED","CreationDate":1764565200,
                 "CalculatedLifecycle":{"DeleteAt":1767070800}}""");
        tokyoVaults();
        tokyoCopies(1764475200);

        CheckResult result = judge();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("kept 29 d, policy 30 d; newest copy in ap-northeast-1 is 25 h old "
                + "(source created 2025-11-30T04:00:00Z), limit 24 h");
    }

    @Test
    void throttlingIsRetriedByTheSdk_edge7() throws Exception {
        inventory();
        wire.stubFor(in(HOME, get(urlPathEqualTo("/resources/"))).withQueryParam("nextToken", absent())
                .inScenario("throttled").whenScenarioStateIs(STARTED).willSetStateTo("calm")
                .willReturn(error(400, "ThrottlingException", "Rate exceeded")));
        wire.stubFor(in(HOME, get(urlPathEqualTo("/resources/"))).withQueryParam("nextToken", absent())
                .inScenario("throttled").whenScenarioStateIs("calm")
                .willReturn(ok("{\"Results\":[],\"NextToken\":\"inv-2\"}")));
        homePoints("""
                {"RecoveryPoints":[{"RecoveryPointArn":"%s","CreationDate":1764565200,"Status":"COMPLETED",
                  "BackupVaultName":"primary"}]}""".formatted(SNAPSHOT));
        detail(SNAPSHOT, """
                {"RecoveryPointArn":"%s","BackupVaultName":"primary","Status":"COMPLETED","CreationDate":1764565200,
                 "Lifecycle":{"DeleteAfterDays":30},"CalculatedLifecycle":{"DeleteAt":1767157200}}""");
        tokyoVaults();
        tokyoCopies(1764558000);

        assertThat(judge().status()).isEqualTo(Status.PASS);
        wire.verify(3, getRequestedFor(urlPathEqualTo("/resources/")));
    }

    @Test
    void aTokyoThatRefusesTheCredentialsIsRegionUnavailable_edge4() throws Exception {
        inventory();
        homePoints("""
                {"RecoveryPoints":[{"RecoveryPointArn":"%s","CreationDate":1764565200,"Status":"COMPLETED",
                  "BackupVaultName":"primary"}]}""".formatted(SNAPSHOT));
        detail(SNAPSHOT, """
                {"RecoveryPointArn":"%s","BackupVaultName":"primary","Status":"COMPLETED","CreationDate":1764565200,
                 "Lifecycle":{"DeleteAfterDays":30}}""");
        wire.stubFor(in(TOKYO, get(urlPathEqualTo("/backup-vaults/")))
                .willReturn(error(403, "UnrecognizedClientException", "The security token included in the request is invalid.")));

        CheckResult result = judge();

        assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result.reason()).isEqualTo("newest point 30 min old; kept 30 d; DR copies: AWS Backup in ap-northeast-1: "
                + "Region unavailable (UnrecognizedClientException: the account's credentials are refused there; "
                + "is the Region enabled?)");
    }
}

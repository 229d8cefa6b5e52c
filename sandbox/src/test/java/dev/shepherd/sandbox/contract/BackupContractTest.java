package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.sandbox.Sandbox;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupException;
import software.amazon.awssdk.services.backup.model.CopyJobState;
import software.amazon.awssdk.services.backup.model.InvalidParameterValueException;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.backup.model.ResourceNotFoundException;
import software.amazon.awssdk.services.backup.model.RestoreJobStatus;

/**
 * AWS Backup (REST-JSON, epoch-second timestamps) on the wire versus {@code FakeBackup} seeded from
 * {@code events/scenarios/compliance-backup-dr.json}: each operation's request and an AWS-shaped answer parse to what
 * the fake answers; the errors the fake throws map the same; throttling is retried, an empty page with a token is
 * followed.
 */
class BackupContractTest extends ContractTest {
    static final String DB = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    static final String SNAPSHOT = "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-4f6a2b1c-0000-4000-8000-000000000001";
    static final String CONTINUOUS = "arn:aws:backup:eu-west-1:123456789012:recovery-point:continuous:db-ORDERS4A3B2C1D-8f2e";
    static final String COPY = "arn:aws:rds:ap-northeast-1:123456789012:snapshot:awsbackup:copyjob-0a1b2c3d";
    static final String PRIMARY = "arn:aws:backup:eu-west-1:123456789012:backup-vault:primary";
    static final String DR = "arn:aws:backup:ap-northeast-1:123456789012:backup-vault:dr-tokyo";
    static final String HOME_KEY = "arn:aws:kms:eu-west-1:123456789012:key/1b2c3d4e-0000-4000-8000-00000000aaaa";
    static final String TOKYO_KEY = "arn:aws:kms:ap-northeast-1:123456789012:key/9f8e7d6c-0000-4000-8000-00000000bbbb";

    Sandbox sandbox;
    BackupClient fake;
    BackupClient fakeTokyo;
    BackupClient real;
    BackupClient realTokyo;

    @BeforeEach
    void clients() {
        sandbox = new Sandbox().load(Path.of(System.getProperty("shepherd.repo.root", ".."),
                "events/scenarios/compliance-backup-dr.json"));
        fake = sandbox.client(BackupClient.class);
        fakeTokyo = sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1);
        real = real(BackupClient.class);
        realTokyo = real(BackupClient.class, "ap-northeast-1");
    }

    static ResponseDefinitionBuilder restJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String decodedUrl() {
        return URLDecoder.decode(onlyRequest().getUrl(), StandardCharsets.UTF_8);
    }

    @Test
    void listRecoveryPointsByBackupVaultNewestFirstWithLifecycle() {
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/primary/recovery-points/")).withQueryParam("maxResults", equalTo("50"))
                .willReturn(restJson("""
                {"NextToken":null,"RecoveryPoints":[
                 {"RecoveryPointArn":"%1$s","BackupVaultName":"primary","BackupVaultArn":"%3$s","ResourceArn":"%4$s",
                  "ResourceType":"RDS","ResourceName":"orders-db","Status":"COMPLETED","CreationDate":1764558000,
                  "CompletionDate":1764559200,"BackupSizeInBytes":21474836480,"Lifecycle":{"DeleteAfterDays":30},
                  "CalculatedLifecycle":{"DeleteAt":1767150000},"EncryptionKeyArn":"%5$s","IsEncrypted":true,"IsParent":false,
                  "VaultType":"BACKUP_VAULT","CreatedBy":{"BackupPlanId":"8d0c4f1e-0000-4000-8000-0000000000p1","BackupRuleId":"rule-daily"}},
                 {"RecoveryPointArn":"%2$s","BackupVaultName":"primary","BackupVaultArn":"%3$s","ResourceArn":"%4$s",
                  "ResourceType":"RDS","ResourceName":"orders-db","Status":"COMPLETED","CreationDate":1761955200,
                  "CompletionDate":1761955200,"BackupSizeInBytes":21474836480,"Lifecycle":{"DeleteAfterDays":35},
                  "CalculatedLifecycle":{"DeleteAt":1764979200},"EncryptionKeyArn":"%5$s","IsEncrypted":true,"IsParent":false,
                  "VaultType":"BACKUP_VAULT","CreatedBy":{"BackupPlanId":"8d0c4f1e-0000-4000-8000-0000000000p1","BackupRuleId":"rule-continuous"}}]}
                """.formatted(SNAPSHOT, CONTINUOUS, PRIMARY, DB, HOME_KEY))));

        List<RecoveryPointByBackupVault> fromWire = real.listRecoveryPointsByBackupVault(r -> r.backupVaultName("primary")
                .maxResults(50)).recoveryPoints();
        List<RecoveryPointByBackupVault> fromFake = fake.listRecoveryPointsByBackupVault(r -> r.backupVaultName("primary")
                .maxResults(50)).recoveryPoints();

        assertThat(fromWire).isEqualTo(fromFake);
        assertThat(fromWire.getFirst().calculatedLifecycle().deleteAt()).isEqualTo("2025-12-31T03:00:00Z");
        assertThat(onlyRequest().getHeader("Authorization")).contains("/eu-west-1/backup/aws4_request");
        assertThat(journal.calls("backup", "ListRecoveryPointsByBackupVault")).hasSize(1);
    }

    @Test
    void theTokyoCopyNamesItsSourceVaultAndIsASnapshot() {
        wire.stubFor(get(urlPathMatching("/backup-vaults/dr-tokyo/recovery-points/.+")).willReturn(restJson("""
                {"RecoveryPointArn":"%1$s","BackupVaultName":"dr-tokyo","BackupVaultArn":"%2$s","SourceBackupVaultArn":"%3$s",
                 "ResourceArn":"%4$s","ResourceType":"RDS","ResourceName":"orders-db","Status":"COMPLETED",
                 "CreationDate":1764558000,"CompletionDate":1764565200,"BackupSizeInBytes":21474836480,
                 "Lifecycle":{"DeleteAfterDays":30},"CalculatedLifecycle":{"DeleteAt":1767150000},"EncryptionKeyArn":"%5$s",
                 "IsEncrypted":true,"StorageClass":"WARM","IsParent":false,"VaultType":"BACKUP_VAULT"}
                """.formatted(COPY, DR, PRIMARY, DB, TOKYO_KEY))));

        var fromWire = realTokyo.describeRecoveryPoint(r -> r.backupVaultName("dr-tokyo").recoveryPointArn(COPY));
        var fromFake = fakeTokyo.describeRecoveryPoint(r -> r.backupVaultName("dr-tokyo").recoveryPointArn(COPY));

        assertSameFields(fromWire, fromFake);
        assertThat(fromWire.sourceBackupVaultArn()).isEqualTo(PRIMARY);
        assertThat(decodedUrl()).endsWith("/recovery-points/" + COPY);
        assertThat(onlyRequest().getUrl()).as("the ARN is one path segment").contains("arn%3Aaws%3Ards%3Aap-northeast-1");
        assertThat(onlyRequest().getHeader("Authorization")).contains("/ap-northeast-1/backup/aws4_request");
    }

    @Test
    void listRecoveryPointsByResourceInTokyo() {
        wire.stubFor(get(urlPathMatching("/resources/.+/recovery-points/")).withQueryParam("maxResults", equalTo("20"))
                .willReturn(restJson("""
                {"RecoveryPoints":[{"RecoveryPointArn":"%s","CreationDate":1764558000,"Status":"COMPLETED",
                  "EncryptionKeyArn":"%s","BackupSizeBytes":21474836480,"BackupVaultName":"dr-tokyo","IsParent":false,
                  "ResourceName":"orders-db","VaultType":"BACKUP_VAULT"}]}
                """.formatted(COPY, TOKYO_KEY))));

        var fromWire = realTokyo.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(20)).recoveryPoints();
        var fromFake = fakeTokyo.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(20)).recoveryPoints();

        assertThat(fromWire).isEqualTo(fromFake).hasSize(1);
        assertThat(decodedUrl()).contains("/resources/" + DB + "/recovery-points/");
    }

    @Test
    void anRdsResourceNeedsMaxResultsOfAtLeast20() {
        assertWireErrorLikeFake(get(urlPathMatching("/resources/.+/recovery-points/")), false,
                () -> fake.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(19)),
                () -> real.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(19)));
        assertThat(thrownBy(() -> fake.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(19))))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void anUnknownVaultIsAccessDeniedNotEmpty() {
        assertWireErrorLikeFake(get(urlPathEqualTo("/backup-vaults/nope/recovery-points/")), false,
                () -> fake.listRecoveryPointsByBackupVault(r -> r.backupVaultName("nope")),
                () -> real.listRecoveryPointsByBackupVault(r -> r.backupVaultName("nope")));
        var denied = thrownBy(() -> fake.listRecoveryPointsByBackupVault(r -> r.backupVaultName("nope")));
        assertThat(denied).isExactlyInstanceOf(BackupException.class);
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @Test
    void anUnknownRecoveryPointIsNotFound() {
        String missing = "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-gone";
        assertWireErrorLikeFake(get(urlPathMatching("/backup-vaults/primary/recovery-points/.+")), false,
                () -> fake.describeRecoveryPoint(r -> r.backupVaultName("primary").recoveryPointArn(missing)),
                () -> real.describeRecoveryPoint(r -> r.backupVaultName("primary").recoveryPointArn(missing)));
    }

    @Test
    void listProtectedResourcesWithTheNewestPoint() {
        wire.stubFor(get(urlPathEqualTo("/resources/")).willReturn(restJson("""
                {"Results":[{"ResourceArn":"%s","ResourceType":"RDS","ResourceName":"orders-db","LastBackupTime":1764558000,
                  "LastBackupVaultArn":"%s","LastRecoveryPointArn":"%s"}]}""".formatted(DB, PRIMARY, SNAPSHOT))));

        var fromWire = real.listProtectedResources(r -> r.maxResults(100)).results();

        assertThat(fromWire).isEqualTo(fake.listProtectedResources(r -> r.maxResults(100)).results());
        assertThat(onlyRequest().getQueryParams().get("maxResults").firstValue()).isEqualTo("100");
    }

    @Test
    void describeProtectedResourceMeasuresTheLatestRestore() {
        wire.stubFor(get(urlPathMatching("/resources/[^/]+")).willReturn(restJson("""
                {"ResourceArn":"%s","ResourceType":"RDS","ResourceName":"orders-db","LastBackupTime":1764558000,
                 "LastBackupVaultArn":"%s","LastRecoveryPointArn":"%s","LatestRestoreExecutionTimeMinutes":150,
                 "LatestRestoreJobCreationDate":1763604000,"LatestRestoreRecoveryPointCreationDate":1763521200}
                """.formatted(DB, PRIMARY, SNAPSHOT))));

        var fromWire = real.describeProtectedResource(r -> r.resourceArn(DB));

        assertSameFields(fromWire, fake.describeProtectedResource(r -> r.resourceArn(DB)));
        assertThat(fromWire.latestRestoreExecutionTimeMinutes()).isEqualTo(150L);
        assertThat(decodedUrl()).endsWith("/resources/" + DB);
    }

    @Test
    void anUnprotectedResourceIsNotFound() {
        String other = "arn:aws:rds:eu-west-1:123456789012:db:unprotected";
        assertWireErrorLikeFake(get(urlPathMatching("/resources/[^/]+")), false,
                () -> fake.describeProtectedResource(r -> r.resourceArn(other)),
                () -> real.describeProtectedResource(r -> r.resourceArn(other)));
        assertThat(thrownBy(() -> fake.describeProtectedResource(r -> r.resourceArn(other))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listCopyJobsByStateInTheSourceRegion() {
        wire.stubFor(get(urlPathEqualTo("/copy-jobs/")).withQueryParam("state", equalTo("COMPLETED"))
                .withQueryParam("resourceArn", equalTo(DB)).willReturn(restJson("""
                {"CopyJobs":[{"AccountId":"123456789012","CopyJobId":"0A1B2C3D-0000-4000-8000-0000000000C1",
                  "SourceBackupVaultArn":"%s","SourceRecoveryPointArn":"%s","DestinationBackupVaultArn":"%s",
                  "DestinationRecoveryPointArn":"%s","ResourceArn":"%s","CreationDate":1764559200,"CompletionDate":1764565200,
                  "State":"COMPLETED","BackupSizeInBytes":21474836480,"ResourceType":"RDS"}]}
                """.formatted(PRIMARY, SNAPSHOT, DR, COPY, DB))));

        var fromWire = real.listCopyJobs(r -> r.byState(CopyJobState.COMPLETED).byResourceArn(DB)).copyJobs();

        assertThat(fromWire).isEqualTo(fake.listCopyJobs(r -> r.byState(CopyJobState.COMPLETED).byResourceArn(DB)).copyJobs());
        assertThat(fakeTokyo.listCopyJobs(r -> r.byResourceArn(DB)).copyJobs()).as("listed where the job ran").isEmpty();
    }

    @Test
    void listBackupVaultsInTokyoCountsTheirPoints() {
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/")).withQueryParam("vaultType", equalTo("BACKUP_VAULT"))
                .willReturn(restJson("""
                {"BackupVaultList":[{"BackupVaultName":"dr-tokyo","BackupVaultArn":"%s","VaultType":"BACKUP_VAULT",
                  "VaultState":"AVAILABLE","CreationDate":1735689600,"NumberOfRecoveryPoints":1,"Locked":false}]}
                """.formatted(DR))));

        var fromWire = realTokyo.listBackupVaults(r -> r.byVaultType("BACKUP_VAULT")).backupVaultList();

        assertThat(fromWire).isEqualTo(fakeTokyo.listBackupVaults(r -> r.byVaultType("BACKUP_VAULT")).backupVaultList());
        assertThat(fromWire.getFirst().numberOfRecoveryPoints()).isEqualTo(1L);
    }

    @Test
    void listRestoreJobsWithCompletionTimes() {
        wire.stubFor(get(urlPathEqualTo("/restore-jobs/")).withQueryParam("status", equalTo("COMPLETED"))
                .willReturn(restJson("""
                {"RestoreJobs":[{"AccountId":"123456789012","RestoreJobId":"restore-7e1d-0001",
                  "RecoveryPointArn":"arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-0c0c0c0c-0000-4000-8000-000000000000",
                  "SourceResourceArn":"%s","CreationDate":1763604000,"CompletionDate":1763613000,"Status":"COMPLETED",
                  "ExpectedCompletionTimeMinutes":120,"CreatedResourceArn":"arn:aws:rds:eu-west-1:123456789012:db:orders-db-restore-test",
                  "ResourceType":"RDS","RecoveryPointCreationDate":1763521200}]}""".formatted(DB))));

        var fromWire = real.listRestoreJobs(r -> r.byStatus(RestoreJobStatus.COMPLETED)).restoreJobs();

        assertThat(fromWire).isEqualTo(fake.listRestoreJobs(r -> r.byStatus(RestoreJobStatus.COMPLETED)).restoreJobs());
        assertThat(java.time.Duration.between(fromWire.getFirst().creationDate(), fromWire.getFirst().completionDate()))
                .hasMinutes(150);
    }

    @Test
    void anEmptyPageWithATokenIsFollowed() {
        MappingBuilder first = get(urlPathEqualTo("/backup-vaults/primary/recovery-points/")).withQueryParam("nextToken", absent());
        wire.stubFor(first.willReturn(restJson("{\"RecoveryPoints\":[],\"NextToken\":\"page-2\"}")));
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/primary/recovery-points/")).withQueryParam("nextToken", equalTo("page-2"))
                .willReturn(restJson("{\"RecoveryPoints\":[{\"RecoveryPointArn\":\"%s\",\"CreationDate\":1764558000}]}"
                        .formatted(SNAPSHOT))));

        var all = real.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName("primary")).recoveryPoints().stream()
                .map(RecoveryPointByBackupVault::recoveryPointArn).toList();

        assertThat(all).containsExactly(SNAPSHOT);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void throttlingIsRetried() {
        stubSequence(() -> get(urlPathEqualTo("/resources/")), List.of(
                aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", "ThrottlingException").withBody("{\"message\":\"Rate exceeded\"}"),
                restJson("{\"Results\":[]}")));
        assertThat(real.listProtectedResources(r -> r.maxResults(10)).results()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}

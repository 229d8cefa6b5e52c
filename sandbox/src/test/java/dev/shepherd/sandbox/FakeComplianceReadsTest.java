package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupException;
import software.amazon.awssdk.services.backup.model.InvalidParameterValueException;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByBackupVaultResponse;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SortByType;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;

/** The rules of the fakes a compliance check reads (Backup, CloudTrail, Account, ListSecrets, DescribeParameters). */
class FakeComplianceReadsTest {
    static final Path DR = Path.of(System.getProperty("shepherd.repo.root", ".."), "events/scenarios/compliance-backup-dr.json");
    static final String DB = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";

    /** A vault holding {@code others} points of another DB, then {@code ours} of orders-db, newest first. */
    private static BackupClient vaultWith(int ours, int others) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < ours + others; i++) {
            String resource = i < others ? "arn:aws:rds:eu-west-1:123456789012:db:billing-db" : DB;
            points.append(i == 0 ? "" : ",").append("""
                    {"RecoveryPointArn": "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-%d", "BackupVaultName": "primary",
                     "ResourceArn": "%s", "Status": "COMPLETED", "CreationDate": %d}""".formatted(i, resource, 1764558000 - i * 86400));
        }
        return new Sandbox().load(Json.parse("""
                {"backup": {"vaults": [{"BackupVaultName": "primary"}], "recoveryPoints": [%s]}}""".formatted(points)))
                .client(BackupClient.class);
    }

    @Test
    void multiPageRecoveryPointsWithAnEmptyPageThatStillCarriesAToken() {
        BackupClient backup = vaultWith(3, 25);
        List<Integer> pageSizes = new ArrayList<>();
        List<String> found = new ArrayList<>();
        String token = null;
        do {
            String from = token;
            ListRecoveryPointsByBackupVaultResponse page = backup.listRecoveryPointsByBackupVault(r -> r
                    .backupVaultName("primary").byResourceArn(DB).maxResults(10).nextToken(from));
            pageSizes.add(page.recoveryPoints().size());
            page.recoveryPoints().forEach(p -> found.add(p.recoveryPointArn()));
            token = page.nextToken();
        } while (token != null);

        assertThat(pageSizes).containsExactly(0, 0, 3);
        assertThat(found).hasSize(3);
        assertThat(backup.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName("primary").byResourceArn(DB)
                .maxResults(10)).recoveryPoints()).extracting(RecoveryPointByBackupVault::recoveryPointArn).isEqualTo(found);
    }

    @Test
    void maxResultsBelow20OnAnRdsResourceIsRefusedAndMaxResultsIsBounded() {
        BackupClient backup = vaultWith(1, 0);
        assertThatThrownBy(() -> backup.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(19)))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThat(backup.listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(20)).recoveryPoints()).hasSize(1);
        assertThatThrownBy(() -> backup.listProtectedResources(r -> r.maxResults(1001)))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> backup.listCopyJobs(r -> r.nextToken("forged")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void theDrScenarioHasAContinuousPointAtHomeButOnlyASnapshotCopyInTokyo() {
        Sandbox sandbox = new Sandbox().load(DR);
        var home = sandbox.client(BackupClient.class).listRecoveryPointsByResource(r -> r.resourceArn(DB).maxResults(20))
                .recoveryPoints();
        var tokyo = sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1)
                .listRecoveryPointsByBackupVault(r -> r.backupVaultName("dr-tokyo")).recoveryPoints();

        assertThat(home).extracting(p -> FakeBackup.continuous(p.recoveryPointArn())).containsExactly(false, true);
        assertThat(tokyo).singleElement().satisfies(copy -> {
            assertThat(FakeBackup.continuous(copy.recoveryPointArn())).isFalse();
            assertThat(copy.sourceBackupVaultArn()).isEqualTo("arn:aws:backup:eu-west-1:123456789012:backup-vault:primary");
            assertThat(copy.creationDate()).as("a copy keeps its source's creation date").isEqualTo("2025-12-01T03:00:00Z");
        });
        assertThat(sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1).listProtectedResources(r -> { }).results())
                .singleElement().satisfies(r -> assertThat(r.lastBackupVaultArn()).contains(":ap-northeast-1:"));
    }

    @Test
    void backupScenariosRefuseWhatAwsCannotHold() {
        String continuousCopy = """
                {"backup": {"vaults": [{"BackupVaultName": "dr"}], "recoveryPoints": [
                  {"RecoveryPointArn": "arn:aws:backup:eu-west-1:123456789012:recovery-point:continuous:db-X", "BackupVaultName": "dr",
                   "SourceBackupVaultArn": "arn:aws:backup:us-east-1:123456789012:backup-vault:src", "ResourceArn": "%s",
                   "Status": "COMPLETED", "CreationDate": 1764558000}]}}""".formatted(DB);
        assertThatThrownBy(() -> new Sandbox().load(Json.parse(continuousCopy)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a cross-Region copy of one is a snapshot");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("""
                {"backup": {"vaults": [{"BackupVaultName": "v1"}], "recoveryPoints": [{"RecoveryPointArn": "arn:x",
                  "BackupVaultName": "elsewhere", "ResourceArn": "%s", "Status": "COMPLETED", "CreationDate": 1}]}}""".formatted(DB))))
                .hasMessageContaining("must name a vault seeded in eu-west-1");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("""
                {"backup": {"vaults": [{"BackupVaultName": "v1"}], "recoveryPoints": [{"RecoveryPointArn": "arn:x",
                  "BackupVaultName": "v1", "ResourceArn": "%s", "Status": "COMPLETED", "CreationDate": 1,
                  "Lifecycle": {"MoveToColdStorageAfterDays": 30, "DeleteAfterDays": 60}}]}}""".formatted(DB))))
                .hasMessageContaining("90 days");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"backup\": {\"vaults\": [{\"BackupVaultName\": \"v1\", \"Colour\": 1}]}}")))
                .hasMessageContaining("unknown field 'Colour'");
    }

    @Test
    void faultsCanBeInjectedPerRegion() {
        Sandbox sandbox = new Sandbox().load(Json.parse("""
                {"backup": {"vaults": [{"BackupVaultName": "primary"}],
                            "regions": {"ap-northeast-1": {"vaults": [{"BackupVaultName": "dr-tokyo"}],
                                                           "faults": {"ListBackupVaults": ["AccessDeniedException"]}}}}}"""));
        assertThat(sandbox.client(BackupClient.class).listBackupVaults(r -> { }).backupVaultList()).hasSize(1);
        BackupClient tokyo = sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1);
        assertThatThrownBy(() -> tokyo.listBackupVaults(r -> { })).isInstanceOfSatisfying(BackupException.class,
                e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(tokyo.listBackupVaults(r -> { }).backupVaultList()).as("once only").hasSize(1);
        assertThat(sandbox.journal().calls("backup", "ListBackupVaults")).hasSize(3);
    }

    @Test
    void aRegionNotEnabledRefusesEveryServiceAndAOneRegionFakeIsNotHandedOutElsewhere() {
        Sandbox sandbox = new Sandbox();
        assertThatThrownBy(() -> sandbox.client(SsmClient.class, Region.ME_SOUTH_1).getParameter(r -> r.name("/x")))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(403);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                });
        assertThatThrownBy(() -> sandbox.client(CodeDeployClient.class, Region.AP_NORTHEAST_1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("keeps eu-west-1 only");
        assertThat(sandbox.client(CloudTrailClient.class, Region.EU_WEST_1)).isSameAs(sandbox.client(CloudTrailClient.class));
        assertThat(sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1))
                .isSameAs(sandbox.client(BackupClient.class, Region.AP_NORTHEAST_1));
    }

    @Test
    void listSecretsLagsWhereTheScenarioSaysSoWhileDescribeSecretIsFresh() {
        SecretsManagerClient sm = new Sandbox().load(Json.parse("""
                {"secretsmanager": {"secrets": [
                  {"name": "app/rotated-just-now", "value": "v", "rotationEnabled": true,
                   "metadata": {"LastRotatedDate": "2025-12-01T09:58:00Z", "NextRotationDate": "2025-12-31T09:58:00Z",
                                "RotationRules": {"AutomaticallyAfterDays": 30}},
                   "listed": {"LastRotatedDate": "2025-10-01T09:58:00Z", "NextRotationDate": "2025-10-31T09:58:00Z"}},
                  {"name": "app/rotation-off", "value": "v", "rotationEnabled": false,
                   "metadata": {"NextRotationDate": "2025-12-31T00:00:00Z", "LastRotatedDate": "2025-06-01T00:00:00Z"}}]}}"""))
                .client(SecretsManagerClient.class);

        var listed = sm.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.NAME).values("app/rotated"))).secretList();
        var described = sm.describeSecret(r -> r.secretId("app/rotated-just-now"));

        assertThat(listed.getFirst().lastRotatedDate()).isEqualTo(Instant.parse("2025-10-01T09:58:00Z"));
        assertThat(described.lastRotatedDate()).isEqualTo(Instant.parse("2025-12-01T09:58:00Z"));
        assertThat(described.rotationRules().automaticallyAfterDays()).isEqualTo(30L);
        assertThat(sm.describeSecret(r -> r.secretId("app/rotation-off")).nextRotationDate())
                .as("rotation off: no next date").isNull();
        assertThat(sm.listSecrets(r -> r.sortBy(SortByType.NAME).sortOrder(SortOrderType.DESC)).secretList())
                .extracting(e -> e.name()).containsExactly("app/rotation-off", "app/rotated-just-now");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("""
                {"secretsmanager": {"secrets": [{"name": "x", "value": "v", "metadata": {"Name": "y"}}]}}""")))
                .hasMessageContaining("come from the secret's own keys");
        assertThatThrownBy(() -> sm.listSecrets(r -> r.maxResults(101))).isInstanceOf(AwsServiceException.class);
        assertThatThrownBy(() -> sm.listSecrets(r -> r.filters(f -> f.key(FilterNameStringType.ALL).values("x"))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describeParametersPagesAreBestEffortSoAPageCanBeEmptyAndStillCarryAToken() {
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            list.append(i == 0 ? "" : ",").append("{\"Name\": \"/shepherd/dev/p%02d\", \"Type\": \"String\", \"Value\": \"v\"}".formatted(i));
        }
        list.append(",{\"Name\": \"/shepherd/staging/only\", \"Type\": \"SecureString\", \"Value\": \"s3cr3t\", \"Tier\": \"Advanced\","
                + " \"Tags\": [{\"Key\": \"team\", \"Value\": \"orders\"}]}");
        SsmClient ssm = new Sandbox().load(Json.parse("{\"ssm\": {\"parameters\": [" + list + "]}}")).client(SsmClient.class);

        DescribeParametersResponse first = ssm.describeParameters(r -> r.maxResults(10)
                .parameterFilters(f -> f.key("Path").values("/shepherd/staging")));
        DescribeParametersResponse second = ssm.describeParameters(r -> r.maxResults(10).nextToken(first.nextToken())
                .parameterFilters(f -> f.key("Path").values("/shepherd/staging")));

        assertThat(first.parameters()).isEmpty();
        assertThat(first.nextToken()).isNotNull();
        assertThat(second.parameters()).singleElement().satisfies(m -> {
            assertThat(m.tierAsString()).isEqualTo("Advanced");
            assertThat(m.keyId()).isEqualTo("alias/aws/ssm");
        });
        assertThat(second.nextToken()).isNull();
        assertThat(ssm.describeParameters(r -> r.maxResults(50).parameterFilters(f -> f.key("tag:team").values("orders")))
                .parameters()).hasSize(1);
        assertThat(ssm.describeParameters(r -> r.maxResults(50).parameterFilters(f -> f.key("Tier").values("Standard")))
                .parameters()).hasSize(12);
        assertThatThrownBy(() -> ssm.describeParameters(r -> r.maxResults(51))).isInstanceOf(AwsServiceException.class);
        assertThatThrownBy(() -> ssm.describeParameters(r -> r.parameterFilters(f -> f.key("Label").values("x"))))
                .isInstanceOfSatisfying(AwsServiceException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidFilterKey"));
    }
}

package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.shepherd.core.Json;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.RdsException;

/** The rules of {@link FakeRds}: paging, filters, per-Region state and ARNs, what it derives, what a scenario may say. */
class FakeRdsTest {
    static final String ORDERS_ARN = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";

    static Sandbox load(String rds) {
        return new Sandbox().load(Json.parse("{\"rds\": " + rds + "}"));
    }

    static void assertInvalid(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(RdsException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void instancesPageWithMaxRecords20To100AndAMarker() {
        Sandbox sandbox = new Sandbox();
        IntStream.range(0, 203).forEach(i -> sandbox.fake(FakeRds.class).addInstance(
                DBInstance.builder().dbInstanceIdentifier("db-" + i).build(), "test"));
        RdsClient rds = sandbox.client(RdsClient.class);

        DescribeDbInstancesResponse first = rds.describeDBInstances(r -> { });
        DescribeDbInstancesResponse second = rds.describeDBInstances(r -> r.marker(first.marker()));
        DescribeDbInstancesResponse third = rds.describeDBInstances(r -> r.marker(second.marker()));
        assertThat(List.of(first.dbInstances().size(), second.dbInstances().size(), third.dbInstances().size()))
                .containsExactly(100, 100, 3);
        assertThat(third.marker()).isNull();
        assertThat(rds.describeDBInstancesPaginator(r -> r.maxRecords(20)).dbInstances()).hasSize(203);

        assertInvalid(() -> rds.describeDBInstances(r -> r.maxRecords(19)), "MaxRecords");
        assertInvalid(() -> rds.describeDBInstances(r -> r.maxRecords(101)), "MaxRecords");
        assertInvalid(() -> rds.describeDBInstances(r -> r.marker("not-a-marker")), "marker");
    }

    @Test
    void thereIsNoTagFilterButTheApisFiltersWork() {
        RdsClient rds = load("""
                {"clusters": [{"DBClusterIdentifier": "orders"}],
                 "instances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "orders"},
                               {"DBInstanceIdentifier": "billing-db", "Engine": "mysql", "TagList": [{"Key": "env", "Value": "prod"}]}]}""")
                .client(RdsClient.class);

        assertInvalid(() -> rds.describeDBInstances(r -> r.filters(f -> f.name("tag:env").values("prod"))),
                "Unrecognized filter name: tag:env");
        assertThat(rds.describeDBInstances(r -> r.filters(f -> f.name("engine").values("mysql"))).dbInstances())
                .extracting(DBInstance::dbInstanceIdentifier).containsExactly("billing-db");
        assertThat(rds.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id")
                .values("arn:aws:rds:eu-west-1:123456789012:cluster:orders"))).dbInstances())
                .extracting(DBInstance::dbInstanceIdentifier).containsExactly("orders-1");
        assertThat(rds.describeDBClusters(r -> { }).dbClusters().getFirst().dbClusterMembers())
                .extracting(DBClusterMember::dbInstanceIdentifier, DBClusterMember::isClusterWriter)
                .containsExactly(tuple("orders-1", true));
    }

    @Test
    void eachRegionHasItsOwnDatabasesWhoseArnsNameIt() {
        Sandbox sandbox = load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db"}],
                 "regions": {"ap-northeast-1": {"instances": [{"DBInstanceIdentifier": "orders-dr"}]}}}""");
        RdsClient tokyo = sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1);

        assertThat(tokyo.describeDBInstances(r -> { }).dbInstances()).singleElement().satisfies(i -> {
            assertThat(i.dbInstanceArn()).isEqualTo("arn:aws:rds:ap-northeast-1:123456789012:db:orders-dr");
            assertThat(i.dbiResourceId()).matches("db-[A-Z2-7]{26}");
        });
        assertThatThrownBy(() -> tokyo.describeDBInstances(r -> r.dbInstanceIdentifier(ORDERS_ARN)))
                .isInstanceOfSatisfying(AwsServiceException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBInstanceNotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThat(sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1)).isSameAs(tokyo);
        assertThatThrownBy(() -> load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db", "DBInstanceArn": "arn:aws:rds:us-east-1:123456789012:db:orders-db"}]}"""))
                .hasMessageContaining("in eu-west-1 its ARN is " + ORDERS_ARN);
    }

    @Test
    void snapshotsListAutomatedAndManualByDefaultAndAwsBackupsWhenAsked() {
        RdsClient rds = load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db"}],
                 "snapshots": [{"DBSnapshotIdentifier": "rds:orders-db-2025-12-01-03-00", "DBInstanceIdentifier": "orders-db",
                                "SnapshotCreateTime": "2025-12-01T03:00:00Z"},
                               {"DBSnapshotIdentifier": "before-release", "DBInstanceIdentifier": "orders-db",
                                "SnapshotCreateTime": "2025-11-30T18:00:00Z"},
                               {"DBSnapshotIdentifier": "awsbackup:job-1", "DBInstanceIdentifier": "orders-db",
                                "SnapshotCreateTime": "2025-12-01T05:00:00Z"}]}""").client(RdsClient.class);

        assertThat(rds.describeDBSnapshots(r -> { }).dbSnapshots()).extracting(DBSnapshot::snapshotType)
                .containsExactly("automated", "manual");
        assertThat(rds.describeDBSnapshots(r -> r.snapshotType("awsbackup")).dbSnapshots()).singleElement()
                .satisfies(s -> assertThat(s.dbSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-1"));
        assertThat(rds.describeDBSnapshots(r -> r.snapshotType("shared")).dbSnapshots()).isEmpty();
        assertThat(rds.describeDBSnapshots(r -> r.dbInstanceIdentifier("gone-db")).dbSnapshots())
                .as("a DB that no longer exists has no snapshots to list, and is no error").isEmpty();
        DBSnapshot automated = rds.describeDBSnapshots(r -> r.snapshotType("automated")).dbSnapshots().getFirst();
        assertThat(automated.dbSnapshotArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2025-12-01-03-00");
        assertThat(automated.dbiResourceId()).isEqualTo(rds.describeDBInstances(r -> { }).dbInstances().getFirst().dbiResourceId());
        assertThat(automated.originalSnapshotCreateTime()).isEqualTo(automated.snapshotCreateTime());
        assertThat(automated.percentProgress()).isEqualTo(100);
        assertThatThrownBy(() -> rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier("nope")))
                .isInstanceOfSatisfying(DbSnapshotNotFoundException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBSnapshotNotFound"));
        assertInvalid(() -> rds.describeDBSnapshots(r -> r.snapshotType("daily")), "snapshot type");
    }

    @Test
    void aCrossRegionCopyKeepsItsSourcesOriginalTimeAndResourceIdAndNamesItsSource() {
        Sandbox sandbox = load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db"}],
                 "snapshots": [{"DBSnapshotIdentifier": "rds:orders-db-2025-12-01-03-00", "DBInstanceIdentifier": "orders-db",
                                "SnapshotCreateTime": "2025-12-01T03:00:00Z"}],
                 "regions": {"ap-northeast-1": {"snapshots": [{"DBSnapshotIdentifier": "orders-db-tokyo",
                   "SourceDBSnapshotIdentifier": "arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2025-12-01-03-00",
                   "SnapshotCreateTime": "2025-12-01T09:30:00Z"}]}}}""");

        DBSnapshot copy = sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1).describeDBSnapshots(r -> { })
                .dbSnapshots().getFirst();
        DBSnapshot source = sandbox.client(RdsClient.class).describeDBSnapshots(r -> { }).dbSnapshots().getFirst();
        assertThat(copy.snapshotType()).isEqualTo("manual");
        assertThat(copy.sourceRegion()).isEqualTo("eu-west-1");
        assertThat(copy.dbInstanceIdentifier()).isEqualTo("orders-db");
        assertThat(copy.dbiResourceId()).isEqualTo(source.dbiResourceId());
        assertThat(copy.originalSnapshotCreateTime()).isEqualTo(source.snapshotCreateTime());
        assertThat(copy.snapshotCreateTime()).isEqualTo("2025-12-01T09:30:00Z");
        assertThat(copy.dbSnapshotArn()).isEqualTo("arn:aws:rds:ap-northeast-1:123456789012:snapshot:orders-db-tokyo");
    }

    @Test
    void automatedBackupsDeriveFromTheInstancesAndAReplicatingOneShowsOnItsSource() {
        Sandbox sandbox = load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db", "BackupRetentionPeriod": 7,
                                "LatestRestorableTime": "2025-12-01T11:55:00Z", "InstanceCreateTime": "2025-06-01T00:00:00Z"},
                               {"DBInstanceIdentifier": "no-backups", "BackupRetentionPeriod": 0}],
                 "regions": {"ap-northeast-1": {"automatedBackups": [{"DBInstanceArn": "%s", "Status": "replicating",
                     "RestoreWindow": {"EarliestTime": "2025-11-24T12:00:00Z", "LatestTime": "2025-12-01T11:40:00Z"}}]}}}"""
                .formatted(ORDERS_ARN));
        RdsClient home = sandbox.client(RdsClient.class);
        RdsClient tokyo = sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1);

        DBInstanceAutomatedBackup active = home.describeDBInstanceAutomatedBackups(r -> { }).dbInstanceAutomatedBackups()
                .getFirst();
        assertThat(home.describeDBInstanceAutomatedBackups(r -> { }).dbInstanceAutomatedBackups()).hasSize(1);
        assertThat(active.status()).isEqualTo("active");
        assertThat(active.region()).isEqualTo("eu-west-1");
        assertThat(active.restoreWindow().latestTime()).isEqualTo("2025-12-01T11:55:00Z");
        assertThat(active.restoreWindow().earliestTime()).isEqualTo("2025-11-24T11:55:00Z");
        String replication = home.describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")).dbInstances().getFirst()
                .dbInstanceAutomatedBackupsReplications().getFirst().dbInstanceAutomatedBackupsArn();
        assertThat(replication).matches("arn:aws:rds:ap-northeast-1:123456789012:auto-backup:ab-[A-Z2-7]{26}");
        assertThat(active.dbInstanceAutomatedBackupsReplications().getFirst().dbInstanceAutomatedBackupsArn()).isEqualTo(replication);
        DBInstanceAutomatedBackup replicated = tokyo.describeDBInstanceAutomatedBackups(r -> r
                .dbInstanceAutomatedBackupsArn(replication)).dbInstanceAutomatedBackups().getFirst();
        assertThat(replicated.status()).isEqualTo("replicating");
        assertThat(replicated.region()).isEqualTo("eu-west-1");
        assertThat(replicated.dbiResourceId()).isEqualTo(active.dbiResourceId());
        assertThat(tokyo.describeDBInstanceAutomatedBackups(r -> r.filters(f -> f.name("status").values("retained")))
                .dbInstanceAutomatedBackups()).isEmpty();
        assertThatThrownBy(() -> tokyo.describeDBInstanceAutomatedBackups(r -> r.dbInstanceAutomatedBackupsArn(
                "arn:aws:rds:ap-northeast-1:123456789012:auto-backup:ab-GONE")))
                .isInstanceOfSatisfying(DbInstanceAutomatedBackupNotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBInstanceAutomatedBackupNotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
    }

    @Test
    void globalClustersAreGlobalWithOneWriterWhoseReadersAreDerived() {
        Sandbox sandbox = load("""
                {"globalClusters": [{"GlobalClusterIdentifier": "orders-global", "GlobalClusterMembers": [
                  {"DBClusterArn": "arn:aws:rds:eu-west-1:123456789012:cluster:orders", "IsWriter": true},
                  {"DBClusterArn": "arn:aws:rds:ap-northeast-1:123456789012:cluster:orders-tokyo", "SynchronizationStatus": "connected"}]}]}""");

        var global = sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1).describeGlobalClusters(r -> { }).globalClusters()
                .getFirst();
        assertThat(global.globalClusterArn()).isEqualTo("arn:aws:rds::123456789012:global-cluster:orders-global");
        assertThat(global.globalClusterMembers().getFirst().readers())
                .containsExactly("arn:aws:rds:ap-northeast-1:123456789012:cluster:orders-tokyo");
        assertThat(sandbox.client(RdsClient.class).describeGlobalClusters(r -> r.filters(f -> f.name("region")
                .values("us-east-1"))).globalClusters()).isEmpty();
        assertThatThrownBy(() -> sandbox.client(RdsClient.class).describeGlobalClusters(r -> r.globalClusterIdentifier("x")))
                .isInstanceOfSatisfying(GlobalClusterNotFoundException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("GlobalClusterNotFoundFault"));
        assertThatThrownBy(() -> load("""
                {"globalClusters": [{"GlobalClusterIdentifier": "two", "GlobalClusterMembers": [
                  {"DBClusterArn": "arn:aws:rds:eu-west-1:123456789012:cluster:a", "IsWriter": true},
                  {"DBClusterArn": "arn:aws:rds:ap-northeast-1:123456789012:cluster:b", "IsWriter": true}]}]}"""))
                .hasMessageContaining("one writer");
    }

    @Test
    void aDatabaseDeletedAfterListingIsGoneForTheNextLook() {
        RdsClient rds = load("""
                {"instances": [{"DBInstanceIdentifier": "retired-db"}],
                 "snapshots": [{"DBSnapshotIdentifier": "rds:retired-db-1", "DBInstanceIdentifier": "retired-db",
                                "SnapshotCreateTime": "2025-12-01T03:00:00Z"},
                               {"DBSnapshotIdentifier": "retired-db-final", "DBInstanceIdentifier": "retired-db",
                                "SnapshotCreateTime": "2025-12-01T04:00:00Z"}],
                 "deletedAfterListing": ["retired-db"]}""").client(RdsClient.class);

        assertThat(rds.describeDBInstances(r -> { }).dbInstances()).hasSize(1);
        assertThatThrownBy(() -> rds.describeDBInstances(r -> r.dbInstanceIdentifier("retired-db")))
                .isInstanceOfSatisfying(AwsServiceException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("DBInstanceNotFound"));
        assertThat(rds.describeDBSnapshots(r -> { }).dbSnapshots()).as("its automated snapshots go with it")
                .extracting(DBSnapshot::dbSnapshotIdentifier).containsExactly("retired-db-final");
    }

    @Test
    void rotationsShortFormStillSeedsAnEndpoint() {
        DBCluster cluster = load("""
                {"clusters": [{"id": "orders", "endpoint": "orders.cluster-x.eu-west-1.rds.amazonaws.com"}],
                 "instances": [{"id": "orders-db", "address": "orders-db.x.eu-west-1.rds.amazonaws.com", "port": 5433}]}""")
                .client(RdsClient.class).describeDBClusters(r -> r.dbClusterIdentifier("ORDERS")).dbClusters().getFirst();
        assertThat(cluster.endpoint()).isEqualTo("orders.cluster-x.eu-west-1.rds.amazonaws.com");
        assertThatThrownBy(() -> load("""
                {"instances": [{"id": "orders-db", "address": "a", "BackupRetentionPeriod": 3}]}"""))
                .hasMessageContaining("unknown key 'BackupRetentionPeriod'");
    }

    @Test
    void aScenarioThatAwsCouldNotHoldIsRefusedAtLoad() {
        assertThatThrownBy(() -> load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db", "BackupRetentionPeriod": 36}]}"""))
                .hasMessageContaining("0 to 35 days");
        assertThatThrownBy(() -> load("""
                {"clusters": [{"DBClusterIdentifier": "orders", "BackupRetentionPeriod": 0}]}"""))
                .hasMessageContaining("cannot be turned off");
        assertThatThrownBy(() -> load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db", "DBInstanceStatus": "stoped"}]}"""))
                .hasMessageContaining("is not an RDS status");
        assertThatThrownBy(() -> load("""
                {"snapshots": [{"DBSnapshotIdentifier": "rds:gone-db-1", "DBInstanceIdentifier": "gone-db",
                                "SnapshotCreateTime": "2025-12-01T03:00:00Z"}]}"""))
                .hasMessageContaining("an automated snapshot belongs to an instance seeded in eu-west-1");
        assertThatThrownBy(() -> load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db"}],
                 "snapshots": [{"DBSnapshotIdentifier": "rds:orders-db-1", "DBInstanceIdentifier": "orders-db",
                                "SnapshotType": "manual", "SnapshotCreateTime": "2025-12-01T03:00:00Z"}]}"""))
                .hasMessageContaining("is automated by its name");
        assertThatThrownBy(() -> load("""
                {"instances": [{"DBInstanceIdentifier": "orders-db", "DBClusterIdentifier": "nowhere"}]}"""))
                .hasMessageContaining("names no cluster seeded");
        assertThatThrownBy(() -> load("""
                {"automatedBackups": [{"DBInstanceArn": "%s", "Status": "active"}]}""".formatted(ORDERS_ARN)))
                .hasMessageContaining("active ones derive from the instances");
    }

    @Test
    void faultsAreInjectedPerRegion() {
        Sandbox sandbox = load("""
                {"regions": {"ap-northeast-1": {"faults": {"DescribeDBSnapshots": ["AccessDenied"]}}}}""");

        assertThat(sandbox.client(RdsClient.class).describeDBSnapshots(r -> { }).dbSnapshots()).isEmpty();
        assertThatThrownBy(() -> sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1).describeDBSnapshots(r -> { }))
                .isInstanceOfSatisfying(RdsException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                    assertThat(e.statusCode()).isEqualTo(403);
                });
        assertThat(sandbox.journal().calls("rds", "DescribeDBSnapshots")).hasSize(2);
    }
}

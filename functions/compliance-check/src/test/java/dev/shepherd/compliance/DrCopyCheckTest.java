package dev.shepherd.compliance;

import static dev.shepherd.compliance.RdsWorld.instance;
import static dev.shepherd.compliance.RdsWorld.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** dr-copy against the sandbox's RDS at home and in Tokyo: replication, snapshot copies, global databases (§8). */
class DrCopyCheckTest {
    static final String ORDERS = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    static final String HOME_SNAPSHOT = "arn:aws:rds:eu-west-1:123456789012:snapshot:rds:orders-db-2025-12-01-03-00";
    final RdsWorld world = new RdsWorld();

    DrCopyCheck check() {
        return new DrCopyCheck(world.scope(), world.targets, world.findings, world.clock);
    }

    /** orders-db at home with today's automated snapshot, and {@code tokyo} as Tokyo's section. */
    CheckResult runWith(String tokyo) throws InterruptedException {
        return runWithRegions("{\"ap-northeast-1\": " + tokyo + "}");
    }

    CheckResult runWithRegions(String regions) throws InterruptedException {
        world.load("""
                {"rds": {"instances": [%s],
                         "snapshots": [{"DBSnapshotIdentifier": "rds:orders-db-2025-12-01-03-00", "DBInstanceIdentifier": "orders-db",
                                        "SnapshotCreateTime": "2025-12-01T03:00:00Z"}],
                         "regions": %s}}""".formatted(instance("orders-db", ""), regions));
        return world.run(check());
    }

    static String replicated(String status, String latest) {
        return """
                {"DBInstanceArn": "%s", "Status": "%s",
                 "RestoreWindow": {"EarliestTime": "2025-11-01T12:00:00Z", "LatestTime": "%s"}}""".formatted(ORDERS, status, latest);
    }

    @Test
    void automatedBackupsReplicatingToTokyoWithinTheRpoPass() throws Exception {
        CheckResult summary = runWith("""
                {"automatedBackups": [%s]}""".formatted(replicated("replicating", minutesAgo(12).toString())));

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).isEqualTo("automated backups replicated to ap-northeast-1, "
                + "restorable there to 2025-12-01T11:48:00Z (12 min ago), within the 60 min RPO");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBInstanceAutomatedBackups")).singleElement()
                .satisfies(c -> assertThat(c.request().path("DBInstanceAutomatedBackupsArn").asText())
                        .startsWith("arn:aws:rds:ap-northeast-1:123456789012:auto-backup:ab-"));
    }

    @Test
    void replicationBehindTheRpoFails() throws Exception {
        runWith("""
                {"automatedBackups": [%s]}""".formatted(replicated("replicating", minutesAgo(95).toString())));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo("automated backups replicated to ap-northeast-1 are "
                + "restorable there to 2025-12-01T10:25:00Z (95 min ago), over the 60 min RPO");
    }

    @Test
    void replicationStoppedLeavesRetainedBackupsWhichFail() throws Exception { // edge 20: retained vs replicating
        runWith("""
                {"automatedBackups": [%s]}""".formatted(replicated("retained", minutesAgo(30).toString())));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo("automated backups replicated to ap-northeast-1 are "
                + "retained (replication stopped: they no longer advance), restorable there to 2025-12-01T11:30:00Z (30 min ago)");
    }

    @Test
    void replicationToAnotherRegionThanTokyoFails() throws Exception { // edge 20
        runWithRegions("""
                {"us-west-2": {"automatedBackups": [%s]}}""".formatted(replicated("replicating", minutesAgo(5).toString())));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo(
                "its automated backups replicate to us-west-2, not ap-northeast-1");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBInstanceAutomatedBackups"))
                .as("Tokyo is asked for retained backups of it, never for the us-west-2 ARN").singleElement()
                .satisfies(c -> assertThat(c.request().has("DBInstanceAutomatedBackupsArn")).isFalse());
    }

    @Test
    void aTokyoCopyOldByOriginalSnapshotCreateTimeFailsThoughItWasCopiedJustNow() throws Exception { // edge 18
        runWith("""
                {"snapshots": [{"DBSnapshotIdentifier": "orders-db-2025-12-01-tokyo", "SourceDBSnapshotIdentifier": "%s",
                                "SnapshotCreateTime": "%s"}]}""".formatted(HOME_SNAPSHOT, minutesAgo(10)));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo("snapshot copy orders-db-2025-12-01-tokyo in "
                + "ap-northeast-1 holds data from 2025-12-01T03:00:00Z, 9 h old by its OriginalSnapshotCreateTime (copied at "
                + "2025-12-01T11:50:00Z), over the 60 min RPO; a snapshot copy is never fresher than its source snapshot, so "
                + "only automated-backup replication can meet an RPO this short");
    }

    @Test
    void aTokyoCopyWithinALooserRpoPasses() throws Exception {
        world.targets("""
                {"rpoMinutes": 720}""");
        runWith("""
                {"snapshots": [{"DBSnapshotIdentifier": "orders-db-2025-12-01-tokyo", "SourceDBSnapshotIdentifier": "%s",
                                "SnapshotCreateTime": "%s"}]}""".formatted(HOME_SNAPSHOT, minutesAgo(10)));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).contains("9 h old by its OriginalSnapshotCreateTime",
                "within the 12 h RPO");
    }

    @Test
    void aCopyStillCopyingDoesNotCount() throws Exception { // edge 17
        world.targets("""
                {"rpoMinutes": 720}""");
        runWith("""
                {"snapshots": [{"DBSnapshotIdentifier": "orders-db-tokyo", "SourceDBSnapshotIdentifier": "%s",
                                "Status": "copying", "PercentProgress": 55}]}""".formatted(HOME_SNAPSHOT));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo(
                "snapshot copy orders-db-tokyo in ap-northeast-1 is copying (55 %): not restorable yet");
    }

    @Test
    void everyPageOfTokyosSnapshotsIsRead() throws Exception { // edge 1
        world.load("""
                {"rds": {"instances": [%s]}}""".formatted(instance("orders-db", "")));
        var tokyo = world.rds().inRegion("ap-northeast-1");
        IntStream.range(0, 150).forEach(i -> tokyo.addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier("other-" + i)
                .dbInstanceIdentifier("billing-db").dbiResourceId("db-BILLING").snapshotCreateTime(minutesAgo(5)).build(), "test"));
        String ordersResource = world.rds().describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")).dbInstances()
                .getFirst().dbiResourceId();
        tokyo.addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier("orders-last").dbInstanceIdentifier("orders-db")
                .dbiResourceId(ordersResource).sourceDBSnapshotIdentifier(HOME_SNAPSHOT.replace("rds:orders-db", "orders-manual"))
                .snapshotCreateTime(minutesAgo(40)).originalSnapshotCreateTime(minutesAgo(45)).build(), "test");

        world.run(check());

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).startsWith("snapshot copy orders-last in ap-northeast-1 holds data");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBSnapshots")).hasSize(2);
    }

    /** Aurora orders at home in a global database with orders-tokyo, whose member is {@code tokyoMember}. */
    CheckResult runGlobal(String tokyoMember, String failover) throws InterruptedException {
        world.load("""
                {"rds": {"clusters": [{"DBClusterIdentifier": "orders", "Engine": "aurora-postgresql", "LatestRestorableTime": "%s"}],
                         "instances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "orders"},
                                       {"DBInstanceIdentifier": "orders-2", "DBClusterIdentifier": "orders"},
                                       {"DBInstanceIdentifier": "orders-3", "DBClusterIdentifier": "orders"}],
                         "globalClusters": [{"GlobalClusterIdentifier": "orders-global", %s
                           "GlobalClusterMembers": [{"DBClusterArn": "arn:aws:rds:eu-west-1:123456789012:cluster:orders"%s},
                                                    {"DBClusterArn": "arn:aws:rds:ap-northeast-1:123456789012:cluster:orders-tokyo", %s}]}],
                         "regions": {"ap-northeast-1": {"clusters": [{"DBClusterIdentifier": "orders-tokyo",
                                                                      "Engine": "aurora-postgresql"}]}}}}"""
                .formatted(minutesAgo(2), failover, tokyoMember.contains("\"IsWriter\": true") ? "" : ", \"IsWriter\": true",
                        tokyoMember));
        return world.run(check());
    }

    @Test
    void anAuroraClusterWithThreeMembersIsJudgedOnceByItsConnectedTokyoMember() throws Exception { // edge 8
        CheckResult summary = runGlobal("\"SynchronizationStatus\": \"connected\"", "");

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(world.result("orders").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders").reason()).isEqualTo("global database orders-global: its member in ap-northeast-1, "
                + "arn:aws:rds:ap-northeast-1:123456789012:cluster:orders-tokyo, is connected (replication lag is typically "
                + "under a second)");
    }

    @Test
    void aTokyoMemberPendingResyncFails() throws Exception { // edge 21
        runGlobal("\"SynchronizationStatus\": \"pending-resync\"", "");

        assertThat(world.result("orders").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders").reason()).isEqualTo("global database orders-global: its member in ap-northeast-1, "
                + "arn:aws:rds:ap-northeast-1:123456789012:cluster:orders-tokyo, is pending-resync, not connected: no usable "
                + "copy until it resyncs");
    }

    @Test
    void tokyoAsTheWriterAfterAFailoverPassesNamingTheFailover() throws Exception { // edge 21
        runGlobal("\"IsWriter\": true", "\"FailoverState\": {\"Status\": \"failing-over\"},");

        assertThat(world.result("orders").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders").reason()).endsWith("orders-tokyo, is the writer (a failover is failing-over)");
    }

    @Test
    void noRecoveryPointInTokyoFailsAndAReplicaThereIsNotCounted() throws Exception { // edge 9
        world.load("""
                {"rds": {"instances": [%s]}}""".formatted(instance("billing-db", """
                "ReadReplicaDBInstanceIdentifiers": ["arn:aws:rds:ap-northeast-1:123456789012:db:billing-replica"]""")));

        world.run(check());

        assertThat(world.result("billing-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("billing-db").reason()).isEqualTo("its read replica "
                + "arn:aws:rds:ap-northeast-1:123456789012:db:billing-replica is not counted: a replica is no recovery point "
                + "(deletes and corruption replicate to it)");
    }

    @Test
    void aCreatingInstanceCannotTellYetWithoutAskingTokyo() throws Exception { // edge 11
        world.load("""
                {"rds": {"instances": [%s]}}""".formatted(instance("new-db", "\"DBInstanceStatus\": \"creating\"")));

        world.run(check());

        assertThat(world.result("new-db").status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(world.result("new-db").reason()).isEqualTo("creating, no restorable time yet");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBSnapshots")).isEmpty();
    }

    @Test
    void nothingInTokyoFailsSayingWhatIsMissing() throws Exception {
        runWith("{}");

        assertThat(world.result("orders-db").reason()).isEqualTo(
                "no recovery point in ap-northeast-1: no automated-backup replication and no snapshot copy there");
    }

    @Test
    void aClusterCopyInTokyoIsAgedByItsSourceSnapshot() throws Exception {
        world.targets("""
                {"rpoMinutes": 720}""");
        world.load("""
                {"rds": {"clusters": [{"DBClusterIdentifier": "ledger", "Engine": "aurora-mysql", "LatestRestorableTime": "%s"}],
                         "clusterSnapshots": [{"DBClusterSnapshotIdentifier": "rds:ledger-2025-11-30-03-00", "DBClusterIdentifier": "ledger",
                                               "SnapshotCreateTime": "2025-11-30T03:00:00Z"}],
                         "regions": {"ap-northeast-1": {"clusterSnapshots": [{"DBClusterSnapshotIdentifier": "ledger-tokyo",
                            "SourceDBClusterSnapshotArn": "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:rds:ledger-2025-11-30-03-00",
                            "SnapshotCreateTime": "2025-12-01T11:00:00Z"}]}}}}""".formatted(minutesAgo(1)));

        world.run(check());

        assertThat(world.result("ledger").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("ledger").reason()).isEqualTo("cluster snapshot copy ledger-tokyo in ap-northeast-1 holds data "
                + "from 2025-11-30T03:00:00Z, 33 h old by its source snapshot "
                + "arn:aws:rds:eu-west-1:123456789012:cluster-snapshot:rds:ledger-2025-11-30-03-00, over the 12 h RPO; a "
                + "snapshot copy is never fresher than its source snapshot, so only an Aurora global database can meet an "
                + "RPO this short");
    }

    @Test
    void aDrRegionNotEnabledCannotTellRegionUnavailable() throws Exception { // edge 4
        world.dr = Region.AP_EAST_1;

        CheckResult summary = runWith("{}");

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS in ap-east-1 (the DR Region): Region unavailable (InvalidClientTokenId");
        assertThat(world.findings.all()).isEmpty();
    }

    @Test
    void accessDeniedInTokyoCannotTellNamingTokyo() throws Exception { // edge 6
        CheckResult summary = runWith("""
                {"faults": {"DescribeDBSnapshots": ["AccessDenied"]}}""");

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS in ap-northeast-1 (the DR Region): access denied (AccessDenied)");
    }

    @Test
    void tokyoFailingMidwayKeepsTheDatabasesAlreadyJudged() throws Exception { // edge 36
        world.load("""
                {"rds": {"instances": [%s, %s],
                         "regions": {"ap-northeast-1": {"automatedBackups": [%s],
                                                        "faults": {"DescribeDBSnapshots": ["Throttling"]}}}}}"""
                .formatted(instance("orders-db", ""), instance("billing-db", ""), replicated("replicating", minutesAgo(3).toString())));

        CheckResult summary = world.run(check());

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS in ap-northeast-1 (the DR Region): throttled past the SDK's retries");
        assertThat(world.findings.all()).singleElement().satisfies(r -> assertThat(r.name()).endsWith("/orders-db"));
    }

    @Test
    void aDatabaseDeletedBetweenTheListingAndItsJudgementIsSkipped() throws Exception { // edge 12
        world.load("""
                {"rds": {"deletedAfterListing": ["orders-db"]}}""");

        CheckResult summary = runWith("{}");

        assertThat(world.findings.all()).isEmpty();
        assertThat(summary.reason()).startsWith("nothing to check");
    }

    @Test
    void noDatabaseAtAllIsSaidAsNothingToCheckWithoutAskingTokyo() throws Exception { // edge 38
        world.dr = Region.AP_EAST_1;

        CheckResult summary = world.run(check());

        assertThat(summary.status()).isEqualTo(Status.PASS);
        assertThat(summary.reason()).isEqualTo("nothing to check: no RDS instance or cluster in scope in eu-west-1");
    }
}

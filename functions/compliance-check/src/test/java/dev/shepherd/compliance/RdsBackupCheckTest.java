package dev.shepherd.compliance;

import static dev.shepherd.compliance.RdsWorld.automatedSnapshot;
import static dev.shepherd.compliance.RdsWorld.instance;
import static dev.shepherd.compliance.RdsWorld.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/** rds-backup against the sandbox's RDS: retention, restorable time against the RPO, snapshot age (edge cases of §8). */
class RdsBackupCheckTest {
    final RdsWorld world = new RdsWorld();

    RdsBackupCheck check() {
        return new RdsBackupCheck(world.scope(), world.targets, world.findings, world.clock);
    }

    CheckResult runWith(String instances, String snapshots) throws InterruptedException {
        world.load("""
                {"rds": {"instances": [%s], "snapshots": [%s]}}""".formatted(instances, snapshots));
        return world.run(check());
    }

    @Test
    void aHealthyInstancePassesSayingWhatItSaw() throws Exception {
        CheckResult summary = runWith(instance("orders-db", ""), automatedSnapshot("orders-db", 3));

        assertThat(summary.status()).isEqualTo(Status.PASS);
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        CheckResult orders = world.result("orders-db");
        assertThat(orders.status()).isEqualTo(Status.PASS);
        assertThat(orders.type()).isEqualTo("rds-backup");
        assertThat(orders.name()).isEqualTo("123456789012/eu-west-1/orders-db");
        assertThat(orders.reason()).contains("kept 30 d (target 30 d)", "5 min ago, RPO 60 min",
                "newest snapshot rds:orders-db-3 (automated) 3 h old (max 24 h)");
    }

    @Test
    void retention30Passes29Fails35PassesAnd0FailsAsDisabled() throws Exception { // edge 13
        runWith(String.join(",", instance("kept-30", "\"BackupRetentionPeriod\": 30"),
                        instance("kept-29", "\"BackupRetentionPeriod\": 29"), instance("kept-35", "\"BackupRetentionPeriod\": 35"),
                        instance("kept-0", "\"BackupRetentionPeriod\": 0")),
                String.join(",", automatedSnapshot("kept-30", 1), automatedSnapshot("kept-29", 1), automatedSnapshot("kept-35", 1)));

        assertThat(world.result("kept-30").status()).isEqualTo(Status.PASS);
        assertThat(world.result("kept-35").status()).isEqualTo(Status.PASS);
        assertThat(world.result("kept-29").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("kept-29").reason()).isEqualTo("automated backups kept 29 d, under the 30 d target");
        assertThat(world.result("kept-0").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("kept-0").reason()).startsWith("automated backups disabled (BackupRetentionPeriod 0)");
    }

    @Test
    void restorableExactlyOneRpoAgoPassesOneSecondMoreFails() throws Exception { // edge 14: the boundary is <=
        runWith(String.join(",", instance("at-rpo", "\"LatestRestorableTime\": \"" + minutesAgo(60) + "\""),
                        instance("past-rpo", "\"LatestRestorableTime\": \"" + minutesAgo(60).minusSeconds(1) + "\"")),
                String.join(",", automatedSnapshot("at-rpo", 2), automatedSnapshot("past-rpo", 2)));

        assertThat(world.result("at-rpo").status()).isEqualTo(Status.PASS);
        assertThat(world.result("past-rpo").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("past-rpo").reason()).isEqualTo(
                "latest restorable time 2025-12-01T10:59:59Z is 60 min old, over the 60 min RPO");
    }

    @Test
    void noLatestRestorableTimeWhileBackupsAreOnFails() throws Exception { // edge 14
        runWith(instance("no-lrt", "\"LatestRestorableTime\": null"), automatedSnapshot("no-lrt", 2));

        assertThat(world.result("no-lrt").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("no-lrt").reason()).isEqualTo("no latest restorable time although automated backups are on");
    }

    @Test
    void aCreatingInstanceCannotTellYet() throws Exception { // edge 11
        runWith(instance("new-db", "\"DBInstanceStatus\": \"creating\", \"LatestRestorableTime\": null"), "");

        assertThat(world.result("new-db").status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(world.result("new-db").reason()).isEqualTo("creating, no restorable time yet");
    }

    @Test
    void aStoppedInstanceFailsNamingItsAutomaticRestart() throws Exception { // edge 10
        runWith(instance("paused-db", """
                "DBInstanceStatus": "stopped", "LatestRestorableTime": "2025-11-28T09:00:00Z",
                "AutomaticRestartTime": "2025-12-05T09:00:00Z\""""), automatedSnapshot("paused-db", 75));

        assertThat(world.result("paused-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("paused-db").reason()).isEqualTo(
                "stopped, auto-restart at 2025-12-05T09:00:00Z: no backups are taken while it is stopped");
    }

    @Test
    void aReadReplicaWithBackupsOffIsExemptAndSaysSo() throws Exception { // edge 9
        runWith(String.join(",", instance("orders-db", ""), instance("orders-replica", """
                "BackupRetentionPeriod": 0, "ReadReplicaSourceDBInstanceIdentifier": "orders-db\"""")),
                automatedSnapshot("orders-db", 1));

        assertThat(world.result("orders-replica").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-replica").reason()).startsWith("read replica of orders-db with automated backups off: exempt");
    }

    @Test
    void theNewestSnapshotOver24HoursOldFailsAndExactly24HoursPasses() throws Exception { // edge 16
        runWith(String.join(",", instance("skipped-backup", ""), instance("on-the-hour", "")),
                String.join(",", automatedSnapshot("skipped-backup", 25), automatedSnapshot("skipped-backup", 49),
                        automatedSnapshot("on-the-hour", 24)));

        assertThat(world.result("on-the-hour").status()).isEqualTo(Status.PASS);
        assertThat(world.result("skipped-backup").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("skipped-backup").reason()).isEqualTo(
                "newest snapshot rds:skipped-backup-25 is 25 h old, over the 24 h maximum");
    }

    @Test
    void aSnapshotStillCreatingDoesNotCountButAManualOrAwsBackupOneDoes() throws Exception { // edge 17
        runWith(String.join(",", instance("creating-only", ""), instance("manual-fresh", ""), instance("backup-fresh", "")),
                String.join(",", automatedSnapshot("creating-only", 30), """
                        {"DBSnapshotIdentifier": "rds:creating-only-now", "DBInstanceIdentifier": "creating-only",
                         "SnapshotCreateTime": "%s", "Status": "creating", "PercentProgress": 40}""".formatted(minutesAgo(20)),
                        """
                        {"DBSnapshotIdentifier": "before-release", "DBInstanceIdentifier": "manual-fresh",
                         "SnapshotCreateTime": "%s"}""".formatted(minutesAgo(90)), """
                        {"DBSnapshotIdentifier": "awsbackup:job-1a2b", "DBInstanceIdentifier": "backup-fresh",
                         "SnapshotCreateTime": "%s"}""".formatted(minutesAgo(100))));

        assertThat(world.result("creating-only").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("creating-only").reason()).isEqualTo("newest snapshot rds:creating-only-30 is 30 h old, "
                + "over the 24 h maximum (rds:creating-only-now (creating, 40 %) is not restorable yet)");
        assertThat(world.result("manual-fresh").reason()).contains("before-release (manual) 90 min old");
        assertThat(world.result("backup-fresh").reason()).contains("awsbackup:job-1a2b (awsbackup) 100 min old");
    }

    @Test
    void anAuroraClusterWithThreeMembersIsJudgedOnceAtClusterLevel() throws Exception { // edge 8
        world.load("""
                {"rds": {
                  "clusters": [{"DBClusterIdentifier": "orders", "Engine": "aurora-postgresql", "BackupRetentionPeriod": 35,
                                "LatestRestorableTime": "%s"}],
                  "instances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "orders"},
                                {"DBInstanceIdentifier": "orders-2", "DBClusterIdentifier": "orders"},
                                {"DBInstanceIdentifier": "orders-3", "DBClusterIdentifier": "orders", "BackupRetentionPeriod": 0}],
                  "clusterSnapshots": [{"DBClusterSnapshotIdentifier": "rds:orders-2025-12-01-03-00", "DBClusterIdentifier": "orders",
                                        "SnapshotCreateTime": "2025-12-01T03:00:00Z"}]}}""".formatted(minutesAgo(3)));

        CheckResult summary = world.run(check());

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(world.findings.all()).singleElement().satisfies(r -> {
            assertThat(r.name()).endsWith("/orders");
            assertThat(r.status()).isEqualTo(Status.PASS);
            assertThat(r.reason()).contains("kept 35 d", "3 min ago", "rds:orders-2025-12-01-03-00 (automated) 9 h old");
        });
    }

    @Test
    void everyPageOf203InstancesIsRead() throws Exception { // edge 1: 100 + 100 + 3
        IntStream.range(0, 203).forEach(i -> {
            DBInstance db = world.rds().addInstance(DBInstance.builder().dbInstanceIdentifier("db-" + i).backupRetentionPeriod(30)
                    .latestRestorableTime(minutesAgo(5)).build(), "test");
            world.rds().addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier("rds:db-" + i + "-today")
                    .dbInstanceIdentifier(db.dbInstanceIdentifier()).snapshotCreateTime(minutesAgo(60)).build(), "test");
        });

        CheckResult summary = world.run(check());

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 203 judged, ");
        assertThat(world.findings.all()).allMatch(CheckResult::passed);
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBInstances")).hasSize(3);
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBSnapshots").stream()
                .map(c -> c.request().path("Marker").asText("first") + "/" + c.request().path("SnapshotType").asText("default"))
                .collect(Collectors.joining(" "))).as("every page of automated and manual, then AWS Backup's")
                .isEqualTo("first/default sandbox-page-100/default sandbox-page-200/default first/awsbackup");
    }

    @Test
    void aDatabaseWithoutTheScopeTagsIsLeftOut() throws Exception {
        world.targets("""
                {"scopeTags": {"backup-policy": "platform"}}""");
        runWith(String.join(",", instance("tagged", "\"TagList\": [{\"Key\": \"backup-policy\", \"Value\": \"platform\"}]"),
                instance("untagged", "\"BackupRetentionPeriod\": 0"),
                instance("other-policy", "\"TagList\": [{\"Key\": \"backup-policy\", \"Value\": \"none\"}]")),
                automatedSnapshot("tagged", 1));

        assertThat(world.findings.all()).extracting(CheckResult::name).containsExactly("123456789012/eu-west-1/tagged");
    }

    @Test
    void aDatabaseDeletedBetweenTheListingAndItsJudgementIsSkipped() throws Exception { // edge 12
        world.load("""
                {"rds": {"clusters": [{"DBClusterIdentifier": "old-orders", "LatestRestorableTime": "%s"}],
                         "instances": [%s, %s], "snapshots": [%s],
                         "deletedAfterListing": ["retired-db", "old-orders"]}}""".formatted(minutesAgo(2),
                instance("orders-db", ""), instance("retired-db", ""), automatedSnapshot("orders-db", 1)));

        CheckResult summary = world.run(check());

        assertThat(world.findings.all()).extracting(CheckResult::name).containsExactly("123456789012/eu-west-1/orders-db");
        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBInstances")).as("the listing, then the look that "
                + "found it gone").hasSize(2);
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBClusters")).hasSize(2);
    }

    @Test
    void accessDeniedMakesTheWholeCheckCannotTell() throws Exception { // edge 6
        world.load("""
                {"rds": {"instances": [%s], "faults": {"DescribeDBSnapshots": ["AccessDenied"]}}}""".formatted(
                instance("orders-db", "")));

        CheckResult summary = world.run(check());

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS in eu-west-1: access denied (AccessDenied)");
        assertThat(world.findings.all()).isEmpty();
    }

    @Test
    void aHomeRegionNotEnabledCannotTellRegionUnavailable() throws Exception { // edge 4
        world.home = Region.AP_EAST_1;

        CheckResult summary = world.run(check());

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS in ap-east-1: Region unavailable (InvalidClientTokenId");
    }

    @Test
    void noDatabaseAtAllIsSaidAsNothingToCheck() throws Exception { // edge 38
        CheckResult summary = world.run(check());

        assertThat(summary.status()).isEqualTo(Status.PASS);
        assertThat(summary.reason()).isEqualTo("nothing to check: no RDS instance or cluster in scope in eu-west-1");
        assertThat(world.sandbox.journal().calls("rds", "DescribeDBSnapshots")).as("no snapshot listing for nothing").isEmpty();
    }

    @Test
    void anInstanceOutOfSpaceSaysItsStatusWithItsProblems() throws Exception {
        Instant stalled = minutesAgo(180);
        runWith(instance("full-db", "\"DBInstanceStatus\": \"storage-full\", \"LatestRestorableTime\": \"" + stalled + "\""),
                automatedSnapshot("full-db", 5));

        assertThat(world.result("full-db").reason()).isEqualTo("status storage-full: latest restorable time "
                + stalled + " is 3 h old, over the 60 min RPO");
    }
}

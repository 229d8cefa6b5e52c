package dev.shepherd.compliance;

import static dev.shepherd.compliance.RdsWorld.automatedSnapshot;
import static dev.shepherd.compliance.RdsWorld.instance;
import static dev.shepherd.compliance.RdsWorld.minutesAgo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** dr-readiness against the sandbox's RDS and AWS Backup: measured restores, our estimate, the RTO (edge case 37). */
class RestoreReadinessCheckTest {
    static final String ORDERS = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    final RdsWorld world = new RdsWorld();

    RestoreReadinessCheck check() {
        return new RestoreReadinessCheck(world.scope(), world.targets, world.findings, world.clock);
    }

    static String restoreJob(String id, String status, long startedMinutesAgo, long tookMinutes) {
        return """
                {"RestoreJobId": "%s", "Status": "%s", "SourceResourceArn": "%s", "ResourceType": "RDS",
                 "RecoveryPointArn": "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-%s",
                 "CreationDate": "%s", "CompletionDate": "%s"%s}""".formatted(id, status, ORDERS, id,
                minutesAgo(startedMinutesAgo), minutesAgo(startedMinutesAgo).plus(Duration.ofMinutes(tookMinutes)),
                status.equals("FAILED") ? ", \"StatusMessage\": \"Insufficient capacity in the Availability Zone\"" : "");
    }

    /** orders-db (100 GiB) with a snapshot 3 h old, and these restore jobs in AWS Backup. */
    CheckResult runWith(String... jobs) throws InterruptedException {
        world.load("""
                {"rds": {"instances": [%s], "snapshots": [%s]}, "backup": {"restoreJobs": [%s]}}""".formatted(
                instance("orders-db", ""), automatedSnapshot("orders-db", 3), String.join(",", jobs)));
        return world.run(check());
    }

    @Test
    void aMeasuredRestoreWithinTheRtoPasses() throws Exception {
        CheckResult summary = runWith(restoreJob("r-1", "COMPLETED", 3000, 150));

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 1 judged, ");
        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).isEqualTo("measured: restore job r-1 (started 2025-11-29T10:00:00Z) "
                + "took 150 min, + 15 min cut-over = 165 min, within the RTO of 240 min");
    }

    @Test
    void a300MinuteRestoreFailsAgainstA240MinuteRto() throws Exception { // edge 37
        runWith(restoreJob("r-1", "COMPLETED", 3000, 300));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).endsWith("took 300 min, + 15 min cut-over = 315 min, over the RTO "
                + "of 240 min");
    }

    @Test
    void aRestoreThatWithItsCutOverTakesExactlyTheRtoPasses() throws Exception {
        runWith(restoreJob("r-1", "COMPLETED", 3000, 225));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).endsWith("= 240 min, within the RTO of 240 min");
    }

    @Test
    void aLatestRestoreTestThatFailedFailsThoughAnOlderOneSucceeded() throws Exception { // edge 37
        runWith(restoreJob("r-old", "COMPLETED", 9000, 60), restoreJob("r-new", "FAILED", 1500, 30));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo("the latest restore test failed (restore job r-new, "
                + "started 2025-11-30T11:00:00Z: Insufficient capacity in the Availability Zone): the RTO is unproven");
    }

    @Test
    void aRestoreStillRunningIsNoMeasurementYet() throws Exception {
        runWith(restoreJob("r-done", "COMPLETED", 9000, 100), """
                {"RestoreJobId": "r-now", "Status": "RUNNING", "SourceResourceArn": "%s",
                 "RecoveryPointArn": "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-now", "CreationDate": "%s"}"""
                .formatted(ORDERS, minutesAgo(30)));

        assertThat(world.result("orders-db").reason()).startsWith("measured: restore job r-done");
    }

    @Test
    void awsBackupsMeasurementOfAProtectedResourceIsUsed() throws Exception {
        world.load("""
                {"backup": {"vaults": [{"BackupVaultName": "primary"}],
                            "recoveryPoints": [{"RecoveryPointArn": "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-r-1",
                                                "BackupVaultName": "primary", "ResourceArn": "%s", "Status": "COMPLETED",
                                                "CreationDate": "2025-11-29T03:00:00Z"}]}}""".formatted(ORDERS));
        runWith(restoreJob("r-1", "COMPLETED", 3000, 130));

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).isEqualTo("measured: AWS Backup's latest restore of it (started "
                + "2025-11-29T10:00:00Z) took 130 min, + 15 min cut-over = 145 min, within the RTO of 240 min");
        assertThat(world.sandbox.journal().calls("backup", "DescribeProtectedResource")).hasSize(1);
    }

    @Test
    void noRestoreTestEverPassesByOurEstimateSayingUnmeasured() throws Exception { // edge 37
        runWith();

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).isEqualTo("unmeasured (no restore test found): estimate (our "
                + "heuristic: 20 min provisioning + 100 GiB warmed at 10 GiB/min (10 min) + 3 h of log since the newest "
                + "snapshot replayed 10x faster (18 min) + 15 min cut-over = 63 min), within the RTO of 240 min");
    }

    @Test
    void aLargeDatabaseWithAStaleSnapshotFailsByOurEstimate() throws Exception {
        world.load("""
                {"rds": {"instances": [%s], "snapshots": [%s]}}""".formatted(
                instance("warehouse", "\"AllocatedStorage\": 2000"), automatedSnapshot("warehouse", 23)));

        world.run(check());

        assertThat(world.result("warehouse").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("warehouse").reason()).contains("2000 GiB warmed at 10 GiB/min (200 min)",
                "23 h of log since the newest snapshot replayed 10x faster (138 min)", "= 373 min), over the RTO of 240 min");
    }

    @Test
    void anAuroraClusterIsEstimatedWithoutItsMeaninglessSizeAndJudgedOnce() throws Exception { // edge 8
        world.load("""
                {"rds": {"clusters": [{"DBClusterIdentifier": "orders", "Engine": "aurora-mysql", "AllocatedStorage": 1}],
                         "instances": [{"DBInstanceIdentifier": "orders-1", "DBClusterIdentifier": "orders"},
                                       {"DBInstanceIdentifier": "orders-2", "DBClusterIdentifier": "orders"},
                                       {"DBInstanceIdentifier": "orders-3", "DBClusterIdentifier": "orders"}]}}""");

        world.run(check());

        assertThat(world.findings.all()).singleElement().satisfies(r -> {
            assertThat(r.name()).endsWith("/orders");
            assertThat(r.reason()).isEqualTo("unmeasured (no restore test found): estimate (our heuristic: 90 min Aurora "
                    + "cluster restore + 15 min cut-over = 105 min), within the RTO of 240 min");
        });
    }

    @Test
    void nothingToRestoreFromFails() throws Exception {
        world.load("""
                {"rds": {"instances": [%s]}}""".formatted(instance("orders-db", "")));

        world.run(check());

        assertThat(world.result("orders-db").reason()).isEqualTo(
                "unmeasured (no restore test found): and no available snapshot to restore from");
    }

    @Test
    void accessDeniedOnAwsBackupMakesTheCheckCannotTell() throws Exception { // edge 6
        world.load("""
                {"backup": {"faults": {"ListRestoreJobs": ["AccessDeniedException"]}}}""");

        CheckResult summary = runWith();

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("RDS and AWS Backup in eu-west-1: access denied (AccessDeniedException)");
    }

    @Test
    void noDatabaseAtAllIsSaidAsNothingToCheck() throws Exception { // edge 38
        CheckResult summary = world.run(check());

        assertThat(summary.reason()).isEqualTo("nothing to check: no RDS instance or cluster in scope in eu-west-1");
        assertThat(world.sandbox.journal().calls("backup", "ListRestoreJobs")).isEmpty();
    }
}

package dev.shepherd.compliance;

import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.Memo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.DescribeProtectedResourceResponse;
import software.amazon.awssdk.services.backup.model.ProtectedResource;
import software.amazon.awssdk.services.backup.model.ResourceNotFoundException;
import software.amazon.awssdk.services.backup.model.RestoreJobStatus;
import software.amazon.awssdk.services.backup.model.RestoreJobsListMember;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Whether each RDS database in scope could be restored within {@link Targets#rto()}. A measured restore decides when
 * there is one: AWS Backup's {@code LatestRestoreExecutionTimeMinutes} for a protected resource, else its newest
 * {@code COMPLETED} restore job (creation to completion); a newest restore job that {@code FAILED} fails. Without a
 * restore test the result rests on {@link RtoEstimate} (our heuristic, labelled so) and says "unmeasured": it passes
 * or fails by the estimate, but only a restore test proves an RTO. Every figure has {@link RtoEstimate#CUTOVER} added.
 * Restore jobs are read in the home Region, where AWS Backup lists the restores it ran.
 */
final class RestoreReadinessCheck extends RdsCheck<RestoreReadinessCheck.Evidence> {
    private static final String UNMEASURED = "unmeasured (no restore test found): ";

    RestoreReadinessCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    /** What AWS Backup and RDS show of past restores and restorable snapshots, each read once when first needed. */
    static final class Evidence {
        private final BackupClient backup;
        private final Memo<Set<String>> protectedArns;
        /** Resource ARN to its finished restore tests, newest first. */
        private final Memo<Map<String, List<RestoreJobsListMember>>> tests;
        private final Memo<RdsSnapshots> snapshots;

        Evidence(BackupClient backup, RdsClient rds, List<RdsDatabase> databases) {
            this.backup = backup;
            this.protectedArns = new Memo<>(() -> backup.listProtectedResourcesPaginator(r -> { }).results().stream()
                    .map(ProtectedResource::resourceArn).collect(Collectors.toUnmodifiableSet()));
            this.tests = new Memo<>(() -> backup.listRestoreJobsPaginator(r -> { }).restoreJobs().stream()
                    .filter(j -> j.sourceResourceArn() != null)
                    .filter(j -> j.status() == RestoreJobStatus.COMPLETED || j.status() == RestoreJobStatus.FAILED)
                    .sorted(Comparator.comparing(RestoreJobsListMember::creationDate).reversed())
                    .collect(Collectors.groupingBy(RestoreJobsListMember::sourceResourceArn)));
            this.snapshots = new Memo<>(() -> RdsSnapshots.of(rds, databases));
        }
    }

    @Override
    public String type() {
        return "dr-readiness";
    }

    @Override
    protected String what() {
        return "RDS and AWS Backup in " + scope.region().id();
    }

    @Override
    protected Evidence prepare(RdsClient rds, List<RdsDatabase> databases) {
        return new Evidence(scope.client(BackupClient.class), rds, databases);
    }

    @Override
    protected Verdict judge(RdsDatabase db, Evidence evidence, Instant now) throws CheckFailure {
        List<RestoreJobsListMember> tests = evidence.tests.get().getOrDefault(db.arn(), List.of());
        if (!tests.isEmpty() && tests.getFirst().status() == RestoreJobStatus.FAILED) {
            RestoreJobsListMember failed = tests.getFirst();
            return Verdict.fail("the latest restore test failed (restore job " + failed.restoreJobId() + ", started "
                    + failed.creationDate() + (failed.statusMessage() == null ? "" : ": " + failed.statusMessage())
                    + "): the RTO is unproven");
        }
        Optional<Verdict> measured = measured(db, evidence, tests);
        return measured.isPresent() ? measured.get() : estimated(db, evidence, now);
    }

    private Optional<Verdict> measured(RdsDatabase db, Evidence evidence, List<RestoreJobsListMember> tests)
            throws CheckFailure {
        if (evidence.protectedArns.get().contains(db.arn())) {
            Optional<DescribeProtectedResourceResponse> resource = protectedResource(evidence.backup, db);
            if (resource.isPresent() && resource.get().latestRestoreExecutionTimeMinutes() != null) {
                return Optional.of(measured(Duration.ofMinutes(resource.get().latestRestoreExecutionTimeMinutes()),
                        "AWS Backup's latest restore of it (started " + resource.get().latestRestoreJobCreationDate() + ")"));
            }
        }
        return tests.stream().filter(j -> j.status() == RestoreJobStatus.COMPLETED && j.completionDate() != null)
                .findFirst().map(j -> measured(Duration.between(j.creationDate(), j.completionDate()),
                        "restore job " + j.restoreJobId() + " (started " + j.creationDate() + ")"));
    }

    /** None when AWS Backup no longer protects it (its last recovery point expired since the listing). */
    private static Optional<DescribeProtectedResourceResponse> protectedResource(BackupClient backup, RdsDatabase db) {
        try {
            return Optional.of(backup.describeProtectedResource(r -> r.resourceArn(db.arn())));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    private Verdict estimated(RdsDatabase db, Evidence evidence, Instant now) throws CheckFailure {
        if (db.aurora()) {
            return estimated(RtoEstimate.aurora());
        }
        Optional<RdsSnapshots.Snapshot> snapshot = evidence.snapshots.get().newest(db);
        if (snapshot.isEmpty()) {
            return Verdict.fail(UNMEASURED + "and no available snapshot to restore from");
        }
        if (db.allocatedGib() == null) {
            return Verdict.cannotTell(UNMEASURED + "RDS reports no AllocatedStorage to estimate a restore from");
        }
        return estimated(RtoEstimate.of(db.allocatedGib(), snapshot.get().dataTime(), now));
    }

    private Verdict measured(Duration took, String restore) {
        Duration total = took.plus(RtoEstimate.CUTOVER);
        return against(total, "measured: " + restore + " took " + took.toMinutes() + " min, + "
                + RtoEstimate.CUTOVER.toMinutes() + " min cut-over = " + total.toMinutes() + " min");
    }

    private Verdict estimated(RtoEstimate.Estimate estimate) {
        return against(estimate.total(), UNMEASURED + estimate.how());
    }

    private Verdict against(Duration total, String said) {
        boolean within = total.compareTo(targets.rto()) <= 0;
        String reason = said + (within ? ", within" : ", over") + " the RTO of " + targets.rto().toMinutes() + " min";
        return within ? Verdict.pass(reason) : Verdict.fail(reason);
    }
}

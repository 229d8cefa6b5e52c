package dev.shepherd.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * Backups at home, per RDS instance and cluster in scope (Aurora once, at cluster level): automated backups on, kept
 * at least {@link Targets#retentionDays()}, a latest restorable time within {@link Targets#rpo()} (exactly the RPO
 * passes), and a snapshot (automated, manual or AWS Backup's, available) at most {@link Targets#snapshotMaxAge()} old.
 *
 * <p>Decisions: a read replica with backups off is exempt and passes saying so (its data is its source's, which this
 * check judges on its own; several engines cannot back a replica up at all). A {@code stopped} instance fails: RDS takes no backups while it is
 * stopped, so its restorable time only ages until it restarts by itself at {@code AutomaticRestartTime}.
 */
final class RdsBackupCheck extends RdsCheck<RdsSnapshots> {
    RdsBackupCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    @Override
    public String type() {
        return "rds-backup";
    }

    @Override
    protected RdsSnapshots prepare(RdsClient rds, List<RdsDatabase> databases) {
        return RdsSnapshots.of(rds, databases);
    }

    @Override
    protected Verdict judge(RdsDatabase db, RdsSnapshots snapshots, Instant now) {
        Integer retention = db.retentionDays();
        if (retention == null) {
            return Verdict.cannotTell("RDS reports no BackupRetentionPeriod for the " + db.label());
        }
        if (retention == 0 && db.replicaSource() != null) {
            return Verdict.pass("read replica of " + db.replicaSource() + " with automated backups off: exempt, its "
                    + "data is its source's, whose backups are checked on their own");
        }
        if (retention == 0) {
            return Verdict.fail("automated backups disabled (BackupRetentionPeriod 0): no point-in-time restore and no "
                    + "daily snapshot");
        }
        List<String> problems = new ArrayList<>();
        if (retention < targets.retentionDays()) {
            problems.add("automated backups kept " + retention + " d, under the " + targets.retentionDays() + " d target");
        }
        if ("stopped".equals(db.status())) {
            problems.add("stopped, auto-restart at " + (db.automaticRestartTime() == null ? "an unknown time"
                    : db.automaticRestartTime()) + ": no backups are taken while it is stopped");
            return Verdict.fail(String.join("; ", problems));
        }
        String restorable = restorable(db, now, problems);
        String snapshot = snapshot(db, snapshots, now, problems);
        if (!problems.isEmpty()) {
            String status = "available".equals(db.status()) ? "" : "status " + db.status() + ": ";
            return Verdict.fail(status + String.join("; ", problems));
        }
        return Verdict.pass("automated backups kept " + retention + " d (target " + targets.retentionDays() + " d), "
                + restorable + ", " + snapshot);
    }

    private String restorable(RdsDatabase db, Instant now, List<String> problems) {
        Instant latest = db.latestRestorableTime();
        if (latest == null) {
            problems.add("no latest restorable time although automated backups are on");
            return null;
        }
        Duration lag = Duration.between(latest, now);
        String said = "restorable to " + latest + " (" + Ages.of(lag) + " ago, RPO " + Ages.of(targets.rpo()) + ")";
        if (lag.compareTo(targets.rpo()) > 0) {
            problems.add("latest restorable time " + latest + " is " + Ages.of(lag) + " old, over the "
                    + Ages.of(targets.rpo()) + " RPO");
        }
        return said;
    }

    private String snapshot(RdsDatabase db, RdsSnapshots snapshots, Instant now, List<String> problems) {
        Optional<RdsSnapshots.Snapshot> newest = snapshots.newest(db);
        String pending = snapshots.pending(db).map(p -> " (" + p + " is not restorable yet)").orElse("");
        if (newest.isEmpty()) {
            problems.add("no available snapshot" + pending);
            return null;
        }
        RdsSnapshots.Snapshot s = newest.get();
        Duration age = Duration.between(s.dataTime(), now);
        if (age.compareTo(targets.snapshotMaxAge()) > 0) {
            problems.add("newest snapshot " + s.id() + " is " + Ages.of(age) + " old, over the "
                    + Ages.of(targets.snapshotMaxAge()) + " maximum" + pending);
        }
        return "newest snapshot " + s.id() + " (" + s.type() + ") " + Ages.of(age) + " old (max "
                + Ages.of(targets.snapshotMaxAge()) + ")";
    }
}

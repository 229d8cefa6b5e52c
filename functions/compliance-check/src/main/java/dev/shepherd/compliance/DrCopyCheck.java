package dev.shepherd.compliance;

import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.Memo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.Filter;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterMemberSynchronizationStatus;

/**
 * A recovery point in the DR Region ({@link Scope#drRegion()}, ap-northeast-1 by default) fresh enough for the RPO,
 * per RDS instance and cluster in scope at home. Any one of these passes:
 * <ul>
 *   <li>automated backups replicated there: the instance names the replication's ARN, which is in the DR Region, where
 *       DescribeDBInstanceAutomatedBackups by that ARN says {@code replicating} with a {@code RestoreWindow.LatestTime}
 *       within the RPO ({@code retained} means the replication was stopped: it no longer advances);</li>
 *   <li>an Aurora global database member there that is the writer or {@code connected} ({@code pending-resync} is not
 *       a copy until it resyncs);</li>
 *   <li>a snapshot copy there (manual, {@code available}, the DB's by {@code DbiResourceId} / {@code DbClusterResourceId})
 *       whose data is within the RPO, aged by {@code OriginalSnapshotCreateTime} (a copy's {@code SnapshotCreateTime}
 *       is when it was copied, not what it holds; a cluster copy, which has no such field, by its source's time).</li>
 * </ul>
 * Decision: copies are held to the RPO, not to {@link Targets#snapshotMaxAge()}: the DR promise is "data in Tokyo no
 * older than the RPO", and a copy can never be fresher than the snapshot it was copied from, so with a 1 h RPO only
 * replication or a global database can pass; the failure says so. A read replica in the DR Region is not counted (it
 * is no recovery point: deletes and corruption replicate to it) and is named in the reason.
 * A DR Region that does not answer (not enabled, access denied) makes the whole check "cannot tell".
 */
final class DrCopyCheck extends RdsCheck<DrCopyCheck.Dr> {
    DrCopyCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    /** The DR Region's copies, each listing read once, when a DB first needs it. */
    final class Dr {
        private final RdsClient home;
        private final RdsClient dr = scope.drClient(RdsClient.class);
        private final Memo<List<DBSnapshot>> snapshotCopies = new Memo<>(() -> inDr(() ->
                dr.describeDBSnapshotsPaginator(r -> r.snapshotType("manual")).dbSnapshots().stream().toList()));
        private final Memo<List<DBClusterSnapshot>> clusterCopies = new Memo<>(() -> inDr(() ->
                dr.describeDBClusterSnapshotsPaginator(r -> r.snapshotType("manual")).dbClusterSnapshots().stream().toList()));
        /** Global databases are global: the home Region lists them all. */
        private final Memo<List<GlobalCluster>> globals;

        Dr(RdsClient home) {
            this.home = home;
            this.globals = new Memo<>(() -> home.describeGlobalClustersPaginator(r -> { }).globalClusters().stream().toList());
        }
    }

    @Override
    public String type() {
        return "dr-copy";
    }

    @Override
    protected String what() {
        return "RDS in " + scope.region().id() + " (its copies in " + drRegion() + ")";
    }

    @Override
    protected Dr prepare(RdsClient rds, List<RdsDatabase> databases) {
        return new Dr(rds);
    }

    @Override
    protected Verdict judge(RdsDatabase db, Dr dr, Instant now) throws CheckFailure {
        List<String> notes = new ArrayList<>();
        Verdict verdict = db.cluster() ? global(db, dr, notes) : replicated(db, dr, now, notes);
        if (verdict == null) {
            verdict = db.cluster() ? clusterCopy(db, dr, now, notes) : snapshotCopy(db, dr, now, notes);
        }
        if (verdict != null) {
            return verdict;
        }
        db.readReplicas().stream().filter(r -> r.startsWith("arn:") && regionOf(r).equals(drRegion())).forEach(r ->
                notes.add("its read replica " + r + " is not counted: a replica is no recovery point (deletes and "
                        + "corruption replicate to it)"));
        return Verdict.fail(notes.isEmpty() ? "no recovery point in " + drRegion() + ": no "
                + (db.cluster() ? "global database member" : "automated-backup replication") + " and no snapshot copy there"
                : String.join("; ", notes));
    }

    // ---- automated-backup replication (instances) -------------------------------------------------------------------

    private Verdict replicated(RdsDatabase db, Dr dr, Instant now, List<String> notes) throws CheckFailure {
        boolean toDr = false;
        for (String arn : db.replicationArns()) {
            if (!regionOf(arn).equals(drRegion())) {
                notes.add("its automated backups replicate to " + regionOf(arn) + ", not " + drRegion());
                continue;
            }
            toDr = true;
            Optional<DBInstanceAutomatedBackup> backup = inDr(() -> {
                try {
                    return dr.dr.describeDBInstanceAutomatedBackups(r -> r.dbInstanceAutomatedBackupsArn(arn))
                            .dbInstanceAutomatedBackups().stream().findFirst();
                } catch (DbInstanceAutomatedBackupNotFoundException e) {
                    return Optional.empty();
                }
            });
            if (backup.isEmpty()) {
                notes.add("the replication " + arn + " it names is not found in " + drRegion());
            } else {
                Verdict verdict = replicated(backup.get(), now, notes);
                if (verdict != null) {
                    return verdict;
                }
            }
        }
        if (!toDr) {
            retainedInDr(db, dr, now, notes);
        }
        return null;
    }

    private Verdict replicated(DBInstanceAutomatedBackup backup, Instant now, List<String> notes) {
        Instant latest = backup.restoreWindow() == null ? null : backup.restoreWindow().latestTime();
        String where = "automated backups replicated to " + drRegion();
        if (latest == null) {
            notes.add(where + " are " + backup.status() + " with no restore window yet");
            return null;
        }
        Duration lag = Duration.between(latest, now);
        String restorable = "restorable there to " + latest + " (" + Ages.of(lag) + " ago)";
        if (!"replicating".equals(backup.status())) {
            notes.add(where + " are " + backup.status() + " (replication stopped: they no longer advance), " + restorable);
            return null;
        }
        if (lag.compareTo(targets.rpo()) > 0) {
            notes.add(where + " are " + restorable + ", over the " + Ages.of(targets.rpo()) + " RPO");
            return null;
        }
        return Verdict.pass(where + ", " + restorable + ", within the " + Ages.of(targets.rpo()) + " RPO");
    }

    /** Why there is no replication: one stopped leaves its backups retained in the DR Region, no longer named at home. */
    private void retainedInDr(RdsDatabase db, Dr dr, Instant now, List<String> notes) throws CheckFailure {
        Filter resource = Filter.builder().name("dbi-resource-id").values(db.resourceId()).build();
        List<DBInstanceAutomatedBackup> retained = inDr(() -> dr.dr.describeDBInstanceAutomatedBackupsPaginator(r -> r
                .filters(resource)).dbInstanceAutomatedBackups().stream()
                .filter(b -> scope.region().id().equals(b.region())).toList());
        retained.forEach(b -> replicated(b, now, notes));
    }

    // ---- global databases (clusters) --------------------------------------------------------------------------------

    private Verdict global(RdsDatabase db, Dr dr, List<String> notes) throws CheckFailure {
        for (GlobalCluster global : dr.globals.get()) {
            if (global.globalClusterMembers().stream().noneMatch(m -> db.arn().equals(m.dbClusterArn()))) {
                continue;
            }
            String name = "global database " + global.globalClusterIdentifier();
            String failover = global.failoverState() == null || global.failoverState().statusAsString() == null ? ""
                    : " (a failover is " + global.failoverState().statusAsString() + ")";
            List<GlobalClusterMember> inDr = global.globalClusterMembers().stream()
                    .filter(m -> regionOf(m.dbClusterArn()).equals(drRegion())).toList();
            if (inDr.isEmpty()) {
                notes.add(name + " has no member in " + drRegion());
            }
            for (GlobalClusterMember member : inDr) {
                if (Boolean.TRUE.equals(member.isWriter())) {
                    return Verdict.pass(name + ": its member in " + drRegion() + ", " + member.dbClusterArn()
                            + ", is the writer" + failover);
                }
                if (member.synchronizationStatus() == GlobalClusterMemberSynchronizationStatus.CONNECTED) {
                    return Verdict.pass(name + ": its member in " + drRegion() + ", " + member.dbClusterArn()
                            + ", is connected (replication lag is typically under a second)" + failover);
                }
                notes.add(name + ": its member in " + drRegion() + ", " + member.dbClusterArn() + ", is "
                        + (member.synchronizationStatusAsString() == null ? "of unreported synchronization status"
                        : member.synchronizationStatusAsString()) + ", not connected: no usable copy until it resyncs"
                        + failover);
            }
        }
        return null;
    }

    // ---- snapshot copies --------------------------------------------------------------------------------------------

    private Verdict snapshotCopy(RdsDatabase db, Dr dr, Instant now, List<String> notes) throws CheckFailure {
        List<DBSnapshot> copies = dr.snapshotCopies.get().stream()
                .filter(s -> db.resourceId() != null && db.resourceId().equals(s.dbiResourceId()))
                .filter(s -> s.sourceRegion() == null || s.sourceRegion().equals(scope.region().id())).toList();
        for (DBSnapshot s : copies) {
            if (!"available".equals(s.status())) {
                notes.add("snapshot copy " + s.dbSnapshotIdentifier() + " in " + drRegion() + " is " + s.status()
                        + progress(s.percentProgress()) + ": not restorable yet");
            } else if (s.originalSnapshotCreateTime() == null) {
                notes.add("snapshot copy " + s.dbSnapshotIdentifier() + " has no OriginalSnapshotCreateTime: the age of "
                        + "its data is unknown");
            }
        }
        Optional<DBSnapshot> newest = copies.stream()
                .filter(s -> "available".equals(s.status()) && s.originalSnapshotCreateTime() != null)
                .max(Comparator.comparing(DBSnapshot::originalSnapshotCreateTime));
        if (newest.isEmpty()) {
            return null;
        }
        DBSnapshot copy = newest.get();
        return copyVerdict("snapshot copy " + copy.dbSnapshotIdentifier(), copy.originalSnapshotCreateTime(),
                "by its OriginalSnapshotCreateTime (copied at " + copy.snapshotCreateTime() + ")",
                "automated-backup replication", now, notes);
    }

    private Verdict clusterCopy(RdsDatabase db, Dr dr, Instant now, List<String> notes) throws CheckFailure {
        List<DBClusterSnapshot> copies = dr.clusterCopies.get().stream()
                .filter(s -> db.resourceId() != null && db.resourceId().equals(s.dbClusterResourceId())).toList();
        copies.stream().filter(s -> !"available".equals(s.status())).forEach(s -> notes.add("cluster snapshot copy "
                + s.dbClusterSnapshotIdentifier() + " in " + drRegion() + " is " + s.status()
                + progress(s.percentProgress()) + ": not restorable yet"));
        List<DBClusterSnapshot> available = copies.stream().filter(s -> "available".equals(s.status())).toList();
        if (available.isEmpty()) {
            return null;
        }
        // A cluster copy does not say when its data is from: its source snapshot at home does.
        Map<String, Instant> sources = dr.home.describeDBClusterSnapshotsPaginator(r -> r.dbClusterIdentifier(db.id()))
                .dbClusterSnapshots().stream().filter(s -> s.snapshotCreateTime() != null)
                .collect(Collectors.toMap(DBClusterSnapshot::dbClusterSnapshotArn, DBClusterSnapshot::snapshotCreateTime,
                        (a, b) -> a));
        Optional<DBClusterSnapshot> newest = available.stream().filter(s -> sources.containsKey(s.sourceDBClusterSnapshotArn()))
                .max(Comparator.comparing(s -> sources.get(s.sourceDBClusterSnapshotArn())));
        if (newest.isEmpty()) {
            notes.add("cluster snapshot copies in " + drRegion() + " (" + available.stream()
                    .map(DBClusterSnapshot::dbClusterSnapshotIdentifier).collect(Collectors.joining(", "))
                    + ") whose source snapshot is gone from " + scope.region().id() + ": the age of their data is unknown");
            return null;
        }
        DBClusterSnapshot copy = newest.get();
        return copyVerdict("cluster snapshot copy " + copy.dbClusterSnapshotIdentifier(),
                sources.get(copy.sourceDBClusterSnapshotArn()), "by its source snapshot " + copy.sourceDBClusterSnapshotArn(),
                "an Aurora global database", now, notes);
    }

    private Verdict copyVerdict(String copy, Instant data, String aged, String onlyWay, Instant now, List<String> notes) {
        Duration age = Duration.between(data, now);
        String holds = copy + " in " + drRegion() + " holds data from " + data + ", " + Ages.of(age) + " old " + aged;
        if (age.compareTo(targets.rpo()) <= 0) {
            return Verdict.pass(holds + ", within the " + Ages.of(targets.rpo()) + " RPO");
        }
        notes.add(holds + ", over the " + Ages.of(targets.rpo()) + " RPO; a snapshot copy is never fresher than its "
                + "source snapshot, so only " + onlyWay + " can meet an RPO this short");
        return null;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** A call in the DR Region: its refusal (Region not enabled, access denied) names that Region. */
    private <T> T inDr(Supplier<T> call) throws CheckFailure {
        try {
            return call.get();
        } catch (SdkException e) {
            throw CheckFailure.cannotTell(AwsErrors.reason(e, "RDS in " + drRegion() + " (the DR Region)"));
        }
    }

    private String drRegion() {
        return scope.drRegion().id();
    }

    private static String progress(Integer percent) {
        return percent == null ? "" : " (" + percent + " %)";
    }

    /** The Region an ARN names ({@code arn:aws:rds:ap-northeast-1:…}). */
    private static String regionOf(String arn) {
        String[] parts = arn.split(":", 5);
        return parts.length > 3 ? parts[3] : "";
    }
}

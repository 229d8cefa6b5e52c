package dev.shepherd.compliance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBSnapshot;

/**
 * The newest restorable snapshot of each database of a Region, from one listing of all its snapshots (every page:
 * automated and manual, then AWS Backup's, which RDS lists only when asked; cluster snapshots likewise), keyed by the
 * DB's resource id. A snapshot counts once it is {@code available}: one still creating or copying (PercentProgress
 * under 100) restores nothing yet. Its age is that of its data: {@code OriginalSnapshotCreateTime}, which a copy keeps,
 * else {@code SnapshotCreateTime}.
 */
final class RdsSnapshots {
    /** @param dataTime when the data it holds is from */
    record Snapshot(String id, String type, Instant dataTime) {
    }

    private final Map<String, Snapshot> newest = new HashMap<>();
    private final Map<String, String> pending = new HashMap<>();

    /** Lists only the kinds of snapshot the databases need: none of the cluster kind without a cluster. */
    static RdsSnapshots of(RdsClient rds, List<RdsDatabase> databases) {
        RdsSnapshots snapshots = new RdsSnapshots();
        if (databases.stream().anyMatch(db -> !db.cluster())) {
            rds.describeDBSnapshotsPaginator(r -> { }).dbSnapshots().forEach(snapshots::add);
            rds.describeDBSnapshotsPaginator(r -> r.snapshotType("awsbackup")).dbSnapshots().forEach(snapshots::add);
        }
        if (databases.stream().anyMatch(RdsDatabase::cluster)) {
            rds.describeDBClusterSnapshotsPaginator(r -> { }).dbClusterSnapshots().forEach(snapshots::add);
        }
        return snapshots;
    }

    Optional<Snapshot> newest(RdsDatabase db) {
        return Optional.ofNullable(newest.get(db.resourceId()));
    }

    /** A snapshot of the DB not yet available, as "rds:orders-db-2025-12-01-03-00 (creating, 40 %)", if any. */
    Optional<String> pending(RdsDatabase db) {
        return Optional.ofNullable(pending.get(db.resourceId()));
    }

    private void add(DBSnapshot s) {
        Instant data = s.originalSnapshotCreateTime() != null ? s.originalSnapshotCreateTime() : s.snapshotCreateTime();
        add(s.dbiResourceId(), s.dbSnapshotIdentifier(), s.snapshotType(), s.status(), s.percentProgress(), data);
    }

    private void add(DBClusterSnapshot s) {
        add(s.dbClusterResourceId(), s.dbClusterSnapshotIdentifier(), s.snapshotType(), s.status(), s.percentProgress(),
                s.snapshotCreateTime());
    }

    private void add(String resource, String id, String type, String status, Integer progress, Instant data) {
        if (resource == null) {
            return;
        }
        if (!"available".equals(status) || data == null) {
            pending.put(resource, id + " (" + status + (progress == null ? "" : ", " + progress + " %") + ")");
            return;
        }
        newest.merge(resource, new Snapshot(id, type, data), (a, b) -> b.dataTime().isAfter(a.dataTime()) ? b : a);
    }
}

package dev.shepherd.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * One database the RDS checks judge: a DB instance, or a cluster (Aurora, a Multi-AZ DB cluster) judged once for all
 * its member instances. Fields RDS leaves out are null (lists empty).
 *
 * @param resourceId       {@code DbiResourceId} / {@code DbClusterResourceId}: what its snapshots and backups name
 * @param replicationArns  where its automated backups are replicated ({@code DBInstanceAutomatedBackupsReplications})
 * @param replicaSource    the instance or cluster it is a read replica of
 * @param readReplicas     its read replicas (those in other Regions by ARN)
 */
record RdsDatabase(boolean cluster, String id, String arn, String resourceId, String engine, String status,
        Integer retentionDays, Instant latestRestorableTime, Map<String, String> tags, Integer allocatedGib,
        List<String> replicationArns, Instant automaticRestartTime, String replicaSource, List<String> readReplicas) {

    static RdsDatabase of(DBInstance i) {
        String source = i.readReplicaSourceDBInstanceIdentifier() != null ? i.readReplicaSourceDBInstanceIdentifier()
                : i.readReplicaSourceDBClusterIdentifier();
        return new RdsDatabase(false, i.dbInstanceIdentifier(), i.dbInstanceArn(), i.dbiResourceId(), i.engine(),
                i.dbInstanceStatus(), i.backupRetentionPeriod(), i.latestRestorableTime(), tags(i.tagList()),
                i.allocatedStorage(), i.dbInstanceAutomatedBackupsReplications().stream()
                        .map(DBInstanceAutomatedBackupsReplication::dbInstanceAutomatedBackupsArn).toList(),
                i.automaticRestartTime(), source, i.readReplicaDBInstanceIdentifiers());
    }

    static RdsDatabase of(DBCluster c) {
        return new RdsDatabase(true, c.dbClusterIdentifier(), c.dbClusterArn(), c.dbClusterResourceId(), c.engine(),
                c.status(), c.backupRetentionPeriod(), c.latestRestorableTime(), tags(c.tagList()), c.allocatedStorage(),
                List.of(), c.automaticRestartTime(), c.replicationSourceIdentifier(), c.readReplicaIdentifiers());
    }

    /** Aurora's storage is the cluster volume: its {@code AllocatedStorage} says nothing of the data's size. */
    boolean aurora() {
        return engine != null && engine.startsWith("aurora");
    }

    /** How a reason names it: "instance orders-db", "Aurora cluster orders". */
    String label() {
        return (cluster ? (aurora() ? "Aurora cluster " : "cluster ") : "instance ") + id;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        return tags.stream().filter(t -> t.key() != null && t.value() != null)
                .collect(Collectors.toUnmodifiableMap(Tag::key, Tag::value, (a, b) -> b));
    }
}

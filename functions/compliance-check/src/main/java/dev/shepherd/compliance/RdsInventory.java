package dev.shepherd.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * The databases of one Region the RDS checks judge, from every page of DescribeDBInstances and DescribeDBClusters:
 * each instance that belongs to no cluster, and each cluster once (its members also appear as instances, so they are
 * left out). Scope is by the DB's own {@code TagList}: RDS has no tag filter.
 */
final class RdsInventory {
    /** A DB gone since it was listed: instances say so without a suffix, clusters with one. */
    private static final Set<String> NOT_FOUND = Set.of("DBInstanceNotFound", "DBClusterNotFoundFault");

    private final RdsClient rds;

    RdsInventory(RdsClient rds) {
        this.rds = rds;
    }

    List<RdsDatabase> inScope(Targets targets) {
        List<RdsDatabase> found = new ArrayList<>();
        for (DBInstance instance : rds.describeDBInstancesPaginator(r -> { }).dbInstances()) {
            if (instance.dbClusterIdentifier() == null) {
                found.add(RdsDatabase.of(instance));
            }
        }
        for (DBCluster cluster : rds.describeDBClustersPaginator(r -> { }).dbClusters()) {
            found.add(RdsDatabase.of(cluster));
        }
        return found.stream().filter(db -> targets.inScope(db.tags())).toList();
    }

    /**
     * Whether the DB is still there, asked before a failure is reported: one deleted since the listing has no new
     * backup to show, which is no finding.
     */
    boolean stillExists(RdsDatabase db) {
        try {
            if (db.cluster()) {
                rds.describeDBClusters(r -> r.dbClusterIdentifier(db.id()));
            } else {
                rds.describeDBInstances(r -> r.dbInstanceIdentifier(db.id()));
            }
            return true;
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && NOT_FOUND.contains(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }
}

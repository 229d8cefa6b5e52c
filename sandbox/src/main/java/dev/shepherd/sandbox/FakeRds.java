package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBClusterMember;
import software.amazon.awssdk.services.rds.model.DBClusterSnapshot;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackup;
import software.amazon.awssdk.services.rds.model.DBInstanceAutomatedBackupsReplication;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbClusterSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DbSnapshotNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClusterSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbSnapshotsResponse;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersResponse;
import software.amazon.awssdk.services.rds.model.DomainMembership;
import software.amazon.awssdk.services.rds.model.Endpoint;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.rds.model.GlobalClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.RestoreWindow;

/**
 * In-memory RDS, the read side: DB instances, clusters, their snapshots, automated backups and their cross-Region
 * replication, and Aurora global databases, per Region ({@link Regional}: the home Region and, say, Tokyo's copies).
 * Rotation looks up an RDS-managed master's endpoint; a compliance check reads backups, restorable times and copies.
 *
 * <p>Rules it keeps:
 * <ul>
 *   <li>Lists page with {@code MaxRecords} 20–100 (default 100; else {@code InvalidParameterValue}, HTTP 400) and an
 *       opaque {@code Marker}; filters are exact and applied before paging. Only the API's filter names are taken
 *       ({@code DescribeDBInstances}: {@code db-cluster-id}, {@code db-instance-id}, {@code dbi-resource-id},
 *       {@code domain}, {@code engine}: there is no tag filter); another is {@code InvalidParameterValue}.</li>
 *   <li>A DB is found by identifier (case-insensitively, as RDS stores it in lower case) or ARN, in this Region only;
 *       a miss is {@code DBInstanceNotFound}, {@code DBClusterNotFoundFault}, {@code DBSnapshotNotFound},
 *       {@code DBClusterSnapshotNotFoundFault}, {@code DBInstanceAutomatedBackupNotFound} or
 *       {@code GlobalClusterNotFoundFault} (HTTP 404; the cluster codes keep their "Fault").</li>
 *   <li>{@code DescribeDBSnapshots} lists automated and manual snapshots unless {@code SnapshotType} says
 *       {@code automated}, {@code manual} or {@code awsbackup}; {@code shared} and {@code public} list nothing (one
 *       account). Snapshot names follow RDS: automated ones {@code rds:…}, AWS Backup's {@code awsbackup:…}; a
 *       cross-Region copy is a manual snapshot that names its source's ARN in {@code SourceDBSnapshotIdentifier}.</li>
 *   <li>Derived, as AWS derives them: ARNs naming the view's Region (a global database's names none),
 *       {@code DbiResourceId}/{@code DbClusterResourceId}, a cluster's {@code DBClusterMembers} from the instances that
 *       name it, a copy's {@code SourceRegion}, {@code DbiResourceId}, {@code OriginalSnapshotCreateTime} (kept on
 *       copy) from its source, and the {@code active} (or, while the instance is {@code creating}, {@code creating})
 *       automated backup of every instance that keeps backups, its {@code RestoreWindow} ending at the instance's
 *       {@code LatestRestorableTime}. A backup replicated into another Region ({@code replicating} there) shows on
 *       its source instance in {@code DBInstanceAutomatedBackupsReplications}.</li>
 * </ul>
 * Nothing moves by itself: restorable times and snapshot ages are what the scenario says. A DB named in
 * {@code deletedAfterListing} is deleted right after the next listing that shows it, as if a deletion finished
 * between a caller's listing and its next look.
 *
 * <p>Scenario section {@code "rds"}: see docs/scenarios.md. Its top level is the home Region; {@code "regions"} holds
 * the others (the same keys, and {@code "faults"}); {@code "globalClusters"} are global and live at the top level.
 */
public final class FakeRds extends FakeService implements RdsClient, Regional {
    private static final String ACCOUNT = "123456789012";
    /** When seeded resources were created unless the scenario says. */
    private static final Instant SEEDED = Instant.parse("2025-01-01T00:00:00Z");
    /** 1–63 letters, digits and hyphens, starting with a letter, no two hyphens in a row nor one at the end. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z](?:-?[a-zA-Z0-9])*");
    private static final Pattern AUTO_BACKUP_ARN = Pattern.compile("arn:aws:rds:([a-z0-9-]+):\\d{12}:auto-backup:ab-[A-Z0-9]+");
    private static final Pattern INSTANCE_ARN = Pattern.compile("arn:aws:rds:([a-z0-9-]+):\\d{12}:db:([a-z0-9-]+)");
    private static final Pattern CLUSTER_ARN = Pattern.compile("arn:aws:rds:([a-z0-9-]+):\\d{12}:cluster:[a-z0-9-]+");
    private static final Pattern SNAPSHOT_ARN = Pattern.compile("arn:aws:rds:([a-z0-9-]+):(\\d{12}):(cluster-)?snapshot:(.+)");
    /** The DB instance statuses of the RDS User Guide ("Viewing Amazon RDS DB instance status"). */
    private static final Set<String> INSTANCE_STATUSES = Set.of("available", "backing-up",
            "configuring-enhanced-monitoring", "configuring-iam-database-auth", "configuring-log-exports",
            "converting-to-vpc", "creating", "delete-precheck", "deleting", "failed", "inaccessible-encryption-credentials",
            "inaccessible-encryption-credentials-recoverable", "incompatible-network", "incompatible-option-group",
            "incompatible-parameters", "incompatible-restore", "insufficient-capacity", "maintenance", "modifying",
            "moving-to-vpc", "rebooting", "resetting-master-credentials", "renaming", "restore-error", "starting",
            "stopped", "stopping", "storage-config-upgrade", "storage-full", "storage-initialization",
            "storage-optimization", "upgrading");

    private static final class RegionState {
        final Map<String, DBInstance> instances = new LinkedHashMap<>();
        final Map<String, DBCluster> clusters = new LinkedHashMap<>();
        final Map<String, DBSnapshot> snapshots = new LinkedHashMap<>();
        final Map<String, DBClusterSnapshot> clusterSnapshots = new LinkedHashMap<>();
        /** Seeded ones only (retained, or replicated from another Region); active ones derive from the instances. */
        final Map<String, DBInstanceAutomatedBackup> automatedBackups = new LinkedHashMap<>();
        final Set<String> deletedAfterListing = new LinkedHashSet<>();
    }

    /** What every Region's view shares. */
    private static final class Store {
        final Map<String, RegionState> regions = new TreeMap<>();
        final Map<String, GlobalCluster> globalClusters = new LinkedHashMap<>();
    }

    private final CallJournal journal;
    private final Store store;
    private final String region;
    private final Map<String, FakeRds> views;

    public FakeRds(CallJournal journal) {
        this(journal, new Store(), Sandbox.HOME_REGION, new ConcurrentHashMap<>());
        views.put(region, this);
    }

    private FakeRds(CallJournal journal, Store store, String region, Map<String, FakeRds> views) {
        super(journal, RdsClient.class);
        this.journal = journal;
        this.store = store;
        this.region = region;
        this.views = views;
    }

    @Override
    public FakeRds inRegion(String name) {
        return views.computeIfAbsent(name, r -> new FakeRds(journal, store, r, views));
    }

    @Override
    public String scenarioKey() {
        return "rds";
    }

    @Override
    public void seed(JsonNode section) {
        boolean home = region.equals(Sandbox.HOME_REGION);
        String path = home ? "rds" : "rds.regions." + region;
        if (home) {
            requireOnlyKeys(section, "instances", "clusters", "snapshots", "clusterSnapshots", "automatedBackups",
                    "globalClusters", "deletedAfterListing", "regions");
        } else {
            requireOnlyKeys(section, "instances", "clusters", "snapshots", "clusterSnapshots", "automatedBackups",
                    "deletedAfterListing");
        }
        // Clusters before their member instances, DBs before their snapshots, home before the copies elsewhere.
        ScenarioJson.forEach(section, "clusters", path, (node, at) -> {
            if (node.has("id")) {
                requireShortForm(node, at, "id", "engine", "endpoint", "port");
                addCluster(text(node, "id", at), node.path("engine").asText("aurora-postgresql"),
                        text(node, "endpoint", at), node.path("port").asInt(5432));
            } else {
                addCluster(ScenarioJson.read(node, DBCluster::builder, at), at);
            }
        });
        ScenarioJson.forEach(section, "instances", path, (node, at) -> {
            if (node.has("id")) {
                requireShortForm(node, at, "id", "engine", "address", "port");
                addInstance(text(node, "id", at), node.path("engine").asText("postgres"), text(node, "address", at),
                        node.path("port").asInt(5432));
            } else {
                addInstance(ScenarioJson.read(node, DBInstance::builder, at), at);
            }
        });
        ScenarioJson.forEach(section, "snapshots", path, (node, at) -> addSnapshot(ScenarioJson.read(node, DBSnapshot::builder, at), at));
        ScenarioJson.forEach(section, "clusterSnapshots", path, (node, at) ->
                addClusterSnapshot(ScenarioJson.read(node, DBClusterSnapshot::builder, at), at));
        ScenarioJson.forEach(section, "automatedBackups", path, (node, at) ->
                addAutomatedBackup(ScenarioJson.read(node, DBInstanceAutomatedBackup::builder, at), at));
        ScenarioJson.forEach(section, "globalClusters", path, (node, at) ->
                addGlobalCluster(ScenarioJson.read(node, GlobalCluster::builder, at), at));
        ScenarioJson.forEach(section, "deletedAfterListing", path, (node, at) -> deleteAfterListing(text(node, at)));
        loadRegions(section, "rds");
    }

    private static void requireShortForm(JsonNode node, String path, String... known) {
        List<String> keys = List.of(known);
        node.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(path + " has unknown key '" + key + "'; the short form knows " + keys
                        + ", else give the API's own JSON");
            }
        });
    }

    // ---- seeding (not AWS API: no journal entry) ------------------------------------------------------------------

    /** Adds an available instance with an endpoint (what rotation needs); returns its ARN. */
    public String addInstance(String id, String engine, String address, int port) {
        return addInstance(DBInstance.builder().dbInstanceIdentifier(id).engine(engine)
                .endpoint(Endpoint.builder().address(address).port(port).build()).build(), "rds.instances").dbInstanceArn();
    }

    /** Adds an available cluster with its endpoint; returns its ARN. */
    public String addCluster(String id, String engine, String endpoint, int port) {
        return addCluster(DBCluster.builder().dbClusterIdentifier(id).engine(engine).endpoint(endpoint).port(port).build(),
                "rds.clusters").dbClusterArn();
    }

    /** Adds (or replaces) an instance in this view's Region, with AWS's derived fields filled in; returns it so. */
    public DBInstance addInstance(DBInstance given, String path) {
        String id = identifier(given.dbInstanceIdentifier(), path, "DBInstanceIdentifier");
        String arn = arn("db:" + id, given.dbInstanceArn(), path);
        String status = given.dbInstanceStatus() == null ? "available" : given.dbInstanceStatus();
        if (!INSTANCE_STATUSES.contains(status)) {
            throw new IllegalArgumentException(path + ".DBInstanceStatus '" + status + "' is not an RDS status; known: "
                    + new TreeSet<>(INSTANCE_STATUSES));
        }
        synchronized (store) {
            String clusterId = given.dbClusterIdentifier() == null ? null : given.dbClusterIdentifier().toLowerCase(Locale.ROOT);
            DBCluster cluster = clusterId == null ? null : state().clusters.get(clusterId);
            if (clusterId != null && cluster == null) {
                throw new IllegalArgumentException(path + ".DBClusterIdentifier names no cluster seeded in " + region
                        + ": " + clusterId);
            }
            int retention = given.backupRetentionPeriod() != null ? given.backupRetentionPeriod()
                    : cluster != null ? cluster.backupRetentionPeriod() : 1;
            if (retention < 0 || retention > 35) {
                throw new IllegalArgumentException(path + ".BackupRetentionPeriod must be 0 to 35 days, not " + retention);
            }
            String engine = given.engine() != null ? given.engine() : cluster != null ? cluster.engine() : "postgres";
            for (DBInstanceAutomatedBackupsReplication r : given.dbInstanceAutomatedBackupsReplications()) {
                var m = AUTO_BACKUP_ARN.matcher(String.valueOf(r.dbInstanceAutomatedBackupsArn()));
                if (!m.matches() || m.group(1).equals(region)) {
                    throw new IllegalArgumentException(path + ".DBInstanceAutomatedBackupsReplications: "
                            + r.dbInstanceAutomatedBackupsArn() + " is not an automated-backup ARN in another Region");
                }
            }
            DBInstance stored = given.toBuilder().dbInstanceIdentifier(id).dbInstanceArn(arn).dbInstanceStatus(status)
                    .dbClusterIdentifier(clusterId).engine(engine).backupRetentionPeriod(retention)
                    .dbiResourceId(given.dbiResourceId() != null ? given.dbiResourceId() : resourceId("db-", id))
                    .allocatedStorage(given.allocatedStorage() != null ? given.allocatedStorage()
                            : engine.startsWith("aurora") ? 1 : 20)
                    .instanceCreateTime(given.instanceCreateTime() != null ? given.instanceCreateTime() : SEEDED)
                    .tagList(List.copyOf(given.tagList())).build();
            state().instances.put(id, stored);
            return stored;
        }
    }

    /** Adds (or replaces) a cluster in this view's Region, with AWS's derived fields filled in; returns it so. */
    public DBCluster addCluster(DBCluster given, String path) {
        String id = identifier(given.dbClusterIdentifier(), path, "DBClusterIdentifier");
        String arn = arn("cluster:" + id, given.dbClusterArn(), path);
        int retention = given.backupRetentionPeriod() != null ? given.backupRetentionPeriod() : 1;
        if (retention < 1 || retention > 35) {
            throw new IllegalArgumentException(path + ".BackupRetentionPeriod of a cluster must be 1 to 35 days (its "
                    + "backups cannot be turned off), not " + retention);
        }
        String engine = given.engine() != null ? given.engine() : "aurora-postgresql";
        DBCluster stored = given.toBuilder().dbClusterIdentifier(id).dbClusterArn(arn).engine(engine)
                .status(given.status() != null ? given.status() : "available").backupRetentionPeriod(retention)
                .dbClusterResourceId(given.dbClusterResourceId() != null ? given.dbClusterResourceId()
                        : resourceId("cluster-", id))
                .allocatedStorage(given.allocatedStorage() != null ? given.allocatedStorage() : 1)
                .clusterCreateTime(given.clusterCreateTime() != null ? given.clusterCreateTime() : SEEDED)
                .tagList(List.copyOf(given.tagList())).build();
        synchronized (store) {
            state().clusters.put(id, stored);
        }
        return stored;
    }

    /** Adds a DB snapshot in this view's Region; a copy takes what it keeps from its source when that is seeded. */
    public DBSnapshot addSnapshot(DBSnapshot given, String path) {
        String id = required(given.dbSnapshotIdentifier(), path, "DBSnapshotIdentifier");
        String type = snapshotType(id, given.snapshotType(), path);
        synchronized (store) {
            DBSnapshot.Builder built = given.toBuilder().snapshotType(type);
            String source = given.sourceDBSnapshotIdentifier();
            if (source != null) {
                var m = SNAPSHOT_ARN.matcher(source);
                if (!m.matches() || m.group(3) != null || (m.group(1).equals(region) && m.group(2).equals(ACCOUNT))) {
                    throw new IllegalArgumentException(path + ".SourceDBSnapshotIdentifier must be the ARN of a DB snapshot "
                            + "in another Region or account (it is set on those copies only), not " + source);
                }
                if (!type.equals("manual")) {
                    throw new IllegalArgumentException(path + ": a copy is a manual snapshot, not " + type);
                }
                built.sourceRegion(given.sourceRegion() != null ? given.sourceRegion() : m.group(1));
                DBSnapshot original = snapshotByArn(source);
                if (original != null) {
                    built.dbInstanceIdentifier(or(given.dbInstanceIdentifier(), original.dbInstanceIdentifier()))
                            .dbiResourceId(or(given.dbiResourceId(), original.dbiResourceId()))
                            .engine(or(given.engine(), original.engine()))
                            .allocatedStorage(or(given.allocatedStorage(), original.allocatedStorage()))
                            .instanceCreateTime(or(given.instanceCreateTime(), original.instanceCreateTime()))
                            .originalSnapshotCreateTime(or(given.originalSnapshotCreateTime(),
                                    original.originalSnapshotCreateTime()));
                }
            }
            DBSnapshot partial = built.build();
            String instanceId = required(partial.dbInstanceIdentifier(), path, "DBInstanceIdentifier").toLowerCase(Locale.ROOT);
            DBInstance instance = source == null ? state().instances.get(instanceId) : null;
            if (type.equals("automated") && instance == null) {
                throw new IllegalArgumentException(path + ": an automated snapshot belongs to an instance seeded in "
                        + region + ", not " + instanceId);
            }
            String status = or(given.status(), "available");
            if (status.equals("available") && given.snapshotCreateTime() == null) {
                throw new IllegalArgumentException(path + ": an available snapshot needs its SnapshotCreateTime");
            }
            DBSnapshot stored = built.dbInstanceIdentifier(instanceId).dbSnapshotArn(arn("snapshot:" + id,
                            given.dbSnapshotArn(), path)).status(status)
                    .percentProgress(or(given.percentProgress(), status.equals("available") ? 100 : 0))
                    .originalSnapshotCreateTime(or(partial.originalSnapshotCreateTime(), given.snapshotCreateTime()))
                    .dbiResourceId(or(partial.dbiResourceId(), instance == null ? null : instance.dbiResourceId()))
                    .engine(or(partial.engine(), instance == null ? null : instance.engine()))
                    .allocatedStorage(or(partial.allocatedStorage(), instance == null ? null : instance.allocatedStorage()))
                    .encrypted(or(given.encrypted(), given.kmsKeyId() != null)).tagList(List.copyOf(given.tagList())).build();
            state().snapshots.put(id, stored);
            return stored;
        }
    }

    /** Adds a DB cluster snapshot in this view's Region; a copy names its source in SourceDBClusterSnapshotArn. */
    public DBClusterSnapshot addClusterSnapshot(DBClusterSnapshot given, String path) {
        String id = required(given.dbClusterSnapshotIdentifier(), path, "DBClusterSnapshotIdentifier");
        String type = snapshotType(id, given.snapshotType(), path);
        if (type.equals("awsbackup")) {
            throw new IllegalArgumentException(path + ": cluster snapshots are automated or manual");
        }
        synchronized (store) {
            DBClusterSnapshot.Builder built = given.toBuilder().snapshotType(type);
            String source = given.sourceDBClusterSnapshotArn();
            DBClusterSnapshot original = null;
            if (source != null) {
                var m = SNAPSHOT_ARN.matcher(source);
                if (!m.matches() || m.group(3) == null) {
                    throw new IllegalArgumentException(path + ".SourceDBClusterSnapshotArn must be a cluster snapshot's "
                            + "ARN, not " + source);
                }
                if (!type.equals("manual")) {
                    throw new IllegalArgumentException(path + ": a copy is a manual snapshot, not " + type);
                }
                original = clusterSnapshotByArn(source);
            }
            String clusterId = or(given.dbClusterIdentifier(), original == null ? null : original.dbClusterIdentifier());
            clusterId = required(clusterId, path, "DBClusterIdentifier").toLowerCase(Locale.ROOT);
            DBCluster cluster = source == null ? state().clusters.get(clusterId) : null;
            if (type.equals("automated") && cluster == null) {
                throw new IllegalArgumentException(path + ": an automated snapshot belongs to a cluster seeded in "
                        + region + ", not " + clusterId);
            }
            String status = or(given.status(), "available");
            if (status.equals("available") && given.snapshotCreateTime() == null) {
                throw new IllegalArgumentException(path + ": an available snapshot needs its SnapshotCreateTime");
            }
            String resource = or(given.dbClusterResourceId(), original != null ? original.dbClusterResourceId()
                    : cluster != null ? cluster.dbClusterResourceId() : null);
            DBClusterSnapshot stored = built.dbClusterIdentifier(clusterId)
                    .dbClusterSnapshotArn(arn("cluster-snapshot:" + id, given.dbClusterSnapshotArn(), path))
                    .status(status).percentProgress(or(given.percentProgress(), status.equals("available") ? 100 : 0))
                    .dbClusterResourceId(resource)
                    .engine(or(given.engine(), original != null ? original.engine() : cluster != null ? cluster.engine() : null))
                    .tagList(List.copyOf(given.tagList())).build();
            state().clusterSnapshots.put(id, stored);
            return stored;
        }
    }

    /**
     * Adds an automated backup that no live instance of this Region derives: a retained one (its instance deleted, or
     * replication stopped) or one replicated here from another Region ({@code replicating} or {@code retained}).
     */
    public DBInstanceAutomatedBackup addAutomatedBackup(DBInstanceAutomatedBackup given, String path) {
        String sourceArn = required(given.dbInstanceArn(), path, "DBInstanceArn");
        var m = INSTANCE_ARN.matcher(sourceArn);
        if (!m.matches()) {
            throw new IllegalArgumentException(path + ".DBInstanceArn must be a DB instance's ARN, not " + sourceArn);
        }
        String from = or(given.region(), m.group(1));
        String status = required(given.status(), path, "Status");
        boolean replicated = !from.equals(region);
        if (replicated ? !Set.of("replicating", "retained").contains(status) : !status.equals("retained")) {
            throw new IllegalArgumentException(path + ".Status: " + (replicated
                    ? "a backup replicated from " + from + " is replicating or retained"
                    : "a seeded backup of " + region + " is retained (active ones derive from the instances)")
                    + ", not " + status);
        }
        synchronized (store) {
            DBInstance source = instanceByArn(sourceArn);
            String resource = or(given.dbiResourceId(), source == null ? null : source.dbiResourceId());
            required(resource, path + " (its source instance is not seeded)", "DbiResourceId");
            String arn = or(given.dbInstanceAutomatedBackupsArn(), autoBackupArn(region, resource));
            var own = AUTO_BACKUP_ARN.matcher(arn);
            if (!own.matches() || !own.group(1).equals(region)) {
                throw new IllegalArgumentException(path + ".DBInstanceAutomatedBackupsArn must name " + region + ": " + arn);
            }
            DBInstanceAutomatedBackup stored = given.toBuilder().region(from).dbiResourceId(resource)
                    .dbInstanceAutomatedBackupsArn(arn).dbInstanceIdentifier(or(given.dbInstanceIdentifier(), m.group(2)))
                    .backupRetentionPeriod(or(given.backupRetentionPeriod(),
                            source == null ? 7 : source.backupRetentionPeriod()))
                    .engine(or(given.engine(), source == null ? null : source.engine()))
                    .allocatedStorage(or(given.allocatedStorage(), source == null ? null : source.allocatedStorage()))
                    .build();
            state().automatedBackups.put(arn, stored);
            return stored;
        }
    }

    /** Adds an Aurora global database (a global resource: every Region's view lists it). */
    public GlobalCluster addGlobalCluster(GlobalCluster given, String path) {
        String id = identifier(given.globalClusterIdentifier(), path, "GlobalClusterIdentifier");
        String arn = "arn:aws:rds::" + ACCOUNT + ":global-cluster:" + id;
        if (given.globalClusterArn() != null && !given.globalClusterArn().equals(arn)) {
            throw new IllegalArgumentException(path + ": global cluster " + id + " has the ARN " + arn);
        }
        List<GlobalClusterMember> members = given.globalClusterMembers();
        for (GlobalClusterMember member : members) {
            if (member.dbClusterArn() == null || !CLUSTER_ARN.matcher(member.dbClusterArn()).matches()) {
                throw new IllegalArgumentException(path + ".GlobalClusterMembers: DBClusterArn must be a cluster's ARN, not "
                        + member.dbClusterArn());
            }
        }
        List<GlobalClusterMember> writers = members.stream().filter(w -> Boolean.TRUE.equals(w.isWriter())).toList();
        if (writers.size() > 1) {
            throw new IllegalArgumentException(path + ": a global database has one writer, not " + writers.size());
        }
        List<GlobalClusterMember> filled = members.stream().map(member -> {
            boolean writer = Boolean.TRUE.equals(member.isWriter());
            List<String> readers = member.hasReaders() || !writer ? member.readers()
                    : members.stream().map(GlobalClusterMember::dbClusterArn).filter(a -> !a.equals(member.dbClusterArn())).toList();
            return member.toBuilder().isWriter(writer).readers(readers).build();
        }).toList();
        GlobalCluster stored = given.toBuilder().globalClusterIdentifier(id).globalClusterArn(arn)
                .globalClusterResourceId(or(given.globalClusterResourceId(), resourceId("cluster-", "global:" + id)))
                .status(or(given.status(), "available")).engine(or(given.engine(), "aurora-postgresql"))
                .globalClusterMembers(filled).build();
        synchronized (store) {
            store.globalClusters.put(id, stored);
        }
        return stored;
    }

    /** Deletes this Region's instance or cluster {@code id} right after the next listing that shows it. */
    public void deleteAfterListing(String id) {
        synchronized (store) {
            state().deletedAfterListing.add(id.toLowerCase(Locale.ROOT));
        }
    }

    // ---- API --------------------------------------------------------------------------------------------------------

    @Override
    public DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
        record(request, "DescribeDBInstances");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "db-cluster-id", "db-instance-id",
                    "dbi-resource-id", "domain", "engine");
            String id = request.dbInstanceIdentifier();
            List<DBInstance> all = state().instances.values().stream().filter(i -> id == null || isInstance(i, id))
                    .filter(i -> RdsListing.matches(filters, "db-cluster-id", v -> i.dbClusterIdentifier() != null
                            && (v.equalsIgnoreCase(i.dbClusterIdentifier()) || v.equals(arn("cluster:" + i.dbClusterIdentifier())))))
                    .filter(i -> RdsListing.matches(filters, "db-instance-id", v -> isInstance(i, v)))
                    .filter(i -> RdsListing.matches(filters, "dbi-resource-id", v -> v.equals(i.dbiResourceId())))
                    .filter(i -> RdsListing.matches(filters, "domain", v -> i.domainMemberships().stream()
                            .map(DomainMembership::domain).anyMatch(v::equals)))
                    .filter(i -> RdsListing.matches(filters, "engine", v -> v.equals(i.engine())))
                    .map(this::shown).toList();
            if (id != null && state().instances.values().stream().noneMatch(i -> isInstance(i, id))) {
                throw error(DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404, "DBInstance " + id + " not found.");
            }
            RdsListing.Page<DBInstance> page = RdsListing.page(all, request.maxRecords(), request.marker());
            if (id == null) {
                page.items().forEach(i -> {
                    if (state().deletedAfterListing.remove(i.dbInstanceIdentifier())) {
                        state().instances.remove(i.dbInstanceIdentifier());
                        state().snapshots.values().removeIf(s -> s.snapshotType().equals("automated")
                                && s.dbiResourceId().equals(i.dbiResourceId()));
                    }
                });
            }
            return DescribeDbInstancesResponse.builder().dbInstances(page.items()).marker(page.marker()).build();
        }
    }

    @Override
    public DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest request) {
        record(request, "DescribeDBClusters");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "clone-group-id", "db-cluster-id",
                    "db-cluster-resource-id", "domain", "engine");
            String id = request.dbClusterIdentifier();
            List<DBCluster> all = state().clusters.values().stream().filter(c -> id == null || isCluster(c, id))
                    .filter(c -> RdsListing.matches(filters, "clone-group-id", v -> v.equals(c.cloneGroupId())))
                    .filter(c -> RdsListing.matches(filters, "db-cluster-id", v -> isCluster(c, v)))
                    .filter(c -> RdsListing.matches(filters, "db-cluster-resource-id", v -> v.equals(c.dbClusterResourceId())))
                    .filter(c -> RdsListing.matches(filters, "domain", v -> c.domainMemberships().stream()
                            .map(DomainMembership::domain).anyMatch(v::equals)))
                    .filter(c -> RdsListing.matches(filters, "engine", v -> v.equals(c.engine())))
                    .map(this::shown).toList();
            if (id != null && state().clusters.values().stream().noneMatch(c -> isCluster(c, id))) {
                throw error(DbClusterNotFoundException.builder(), "DBClusterNotFoundFault", 404, "DBCluster " + id + " not found.");
            }
            RdsListing.Page<DBCluster> page = RdsListing.page(all, request.maxRecords(), request.marker());
            if (id == null) {
                page.items().forEach(c -> {
                    if (state().deletedAfterListing.remove(c.dbClusterIdentifier())) {
                        state().clusters.remove(c.dbClusterIdentifier());
                        state().clusterSnapshots.values().removeIf(s -> s.snapshotType().equals("automated")
                                && c.dbClusterResourceId().equals(s.dbClusterResourceId()));
                    }
                });
            }
            return DescribeDbClustersResponse.builder().dbClusters(page.items()).marker(page.marker()).build();
        }
    }

    @Override
    public DescribeDbSnapshotsResponse describeDBSnapshots(DescribeDbSnapshotsRequest request) {
        record(request, "DescribeDBSnapshots");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "db-instance-id", "db-snapshot-id",
                    "dbi-resource-id", "snapshot-type", "engine");
            Set<String> types = RdsListing.listedTypes(request.snapshotType(), filters, true);
            String instance = request.dbInstanceIdentifier();
            String id = request.dbSnapshotIdentifier();
            List<DBSnapshot> all = state().snapshots.values().stream().filter(s -> types.contains(s.snapshotType()))
                    .filter(s -> instance == null || ofInstance(s, instance))
                    .filter(s -> id == null || isSnapshot(s, id))
                    .filter(s -> request.dbiResourceId() == null || request.dbiResourceId().equals(s.dbiResourceId()))
                    .filter(s -> RdsListing.matches(filters, "db-instance-id", v -> ofInstance(s, v)))
                    .filter(s -> RdsListing.matches(filters, "db-snapshot-id", v -> isSnapshot(s, v)))
                    .filter(s -> RdsListing.matches(filters, "dbi-resource-id", v -> v.equals(s.dbiResourceId())))
                    .filter(s -> RdsListing.matches(filters, "engine", v -> v.equals(s.engine()))).toList();
            if (id != null && instance == null && all.isEmpty()) {
                throw error(DbSnapshotNotFoundException.builder(), "DBSnapshotNotFound", 404, "DBSnapshot " + id + " not found.");
            }
            RdsListing.Page<DBSnapshot> page = RdsListing.page(all, request.maxRecords(), request.marker());
            return DescribeDbSnapshotsResponse.builder().dbSnapshots(page.items()).marker(page.marker()).build();
        }
    }

    @Override
    public DescribeDbClusterSnapshotsResponse describeDBClusterSnapshots(DescribeDbClusterSnapshotsRequest request) {
        record(request, "DescribeDBClusterSnapshots");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "db-cluster-id", "db-cluster-snapshot-id",
                    "snapshot-type", "engine");
            Set<String> types = RdsListing.listedTypes(request.snapshotType(), filters, false);
            String cluster = request.dbClusterIdentifier();
            String id = request.dbClusterSnapshotIdentifier();
            List<DBClusterSnapshot> all = state().clusterSnapshots.values().stream()
                    .filter(s -> types.contains(s.snapshotType()))
                    .filter(s -> cluster == null || ofCluster(s, cluster))
                    .filter(s -> id == null || isClusterSnapshot(s, id))
                    .filter(s -> request.dbClusterResourceId() == null
                            || request.dbClusterResourceId().equals(s.dbClusterResourceId()))
                    .filter(s -> RdsListing.matches(filters, "db-cluster-id", v -> ofCluster(s, v)))
                    .filter(s -> RdsListing.matches(filters, "db-cluster-snapshot-id", v -> isClusterSnapshot(s, v)))
                    .filter(s -> RdsListing.matches(filters, "engine", v -> v.equals(s.engine()))).toList();
            if (id != null && cluster == null && all.isEmpty()) {
                throw error(DbClusterSnapshotNotFoundException.builder(), "DBClusterSnapshotNotFoundFault", 404,
                        "DBClusterSnapshot " + id + " not found.");
            }
            RdsListing.Page<DBClusterSnapshot> page = RdsListing.page(all, request.maxRecords(), request.marker());
            return DescribeDbClusterSnapshotsResponse.builder().dbClusterSnapshots(page.items()).marker(page.marker()).build();
        }
    }

    @Override
    public DescribeDbInstanceAutomatedBackupsResponse describeDBInstanceAutomatedBackups(
            DescribeDbInstanceAutomatedBackupsRequest request) {
        record(request, "DescribeDBInstanceAutomatedBackups");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "status", "db-instance-id", "dbi-resource-id");
            String arn = request.dbInstanceAutomatedBackupsArn();
            String id = request.dbInstanceIdentifier();
            String resource = request.dbiResourceId();
            List<DBInstanceAutomatedBackup> all = automatedBackups().stream()
                    .filter(b -> arn == null || arn.equals(b.dbInstanceAutomatedBackupsArn()))
                    .filter(b -> id == null || ofInstance(b, id))
                    .filter(b -> resource == null || resource.equalsIgnoreCase(b.dbiResourceId()))
                    .filter(b -> RdsListing.matches(filters, "status", v -> v.equals(b.status())))
                    .filter(b -> RdsListing.matches(filters, "db-instance-id", v -> ofInstance(b, v)))
                    .filter(b -> RdsListing.matches(filters, "dbi-resource-id", v -> v.equals(b.dbiResourceId()))).toList();
            if ((arn != null || id != null || resource != null) && all.isEmpty()) {
                throw error(DbInstanceAutomatedBackupNotFoundException.builder(), "DBInstanceAutomatedBackupNotFound", 404,
                        "No automated backup found for " + (arn != null ? arn : id != null ? id : resource) + ".");
            }
            RdsListing.Page<DBInstanceAutomatedBackup> page = RdsListing.page(all, request.maxRecords(), request.marker());
            return DescribeDbInstanceAutomatedBackupsResponse.builder().dbInstanceAutomatedBackups(page.items())
                    .marker(page.marker()).build();
        }
    }

    @Override
    public DescribeGlobalClustersResponse describeGlobalClusters(DescribeGlobalClustersRequest request) {
        record(request, "DescribeGlobalClusters");
        synchronized (store) {
            Map<String, List<String>> filters = RdsListing.filters(request.filters(), "region");
            String id = request.globalClusterIdentifier();
            List<GlobalCluster> all = store.globalClusters.values().stream()
                    .filter(g -> id == null || id.equals(g.globalClusterIdentifier()) || id.equals(g.globalClusterArn()))
                    .filter(g -> RdsListing.matches(filters, "region", v -> g.globalClusterMembers().stream()
                            .anyMatch(member -> regionOf(member.dbClusterArn()).equals(v)))).toList();
            if (id != null && all.isEmpty()) {
                throw error(GlobalClusterNotFoundException.builder(), "GlobalClusterNotFoundFault", 404,
                        "Global cluster " + id + " not found.");
            }
            RdsListing.Page<GlobalCluster> page = RdsListing.page(all, request.maxRecords(), request.marker());
            return DescribeGlobalClustersResponse.builder().globalClusters(page.items()).marker(page.marker()).build();
        }
    }

    // ---- rules ------------------------------------------------------------------------------------------------------

    /** The instance as DescribeDBInstances shows it: the backups replicated to other Regions named on it. */
    private DBInstance shown(DBInstance instance) {
        Set<String> replications = new LinkedHashSet<>();
        instance.dbInstanceAutomatedBackupsReplications().forEach(r -> replications.add(r.dbInstanceAutomatedBackupsArn()));
        store.regions.forEach((name, state) -> {
            if (!name.equals(region)) {
                state.automatedBackups.values().stream().filter(b -> b.status().equals("replicating")
                                && b.dbInstanceArn().equals(instance.dbInstanceArn()))
                        .forEach(b -> replications.add(b.dbInstanceAutomatedBackupsArn()));
            }
        });
        return instance.toBuilder().dbInstanceAutomatedBackupsReplications(replications.stream()
                .map(a -> DBInstanceAutomatedBackupsReplication.builder().dbInstanceAutomatedBackupsArn(a).build()).toList())
                .build();
    }

    /** The cluster as DescribeDBClusters shows it: its members are the instances that name it, the first the writer. */
    private DBCluster shown(DBCluster cluster) {
        if (cluster.hasDbClusterMembers() && !cluster.dbClusterMembers().isEmpty()) {
            return cluster;
        }
        List<DBInstance> members = state().instances.values().stream()
                .filter(i -> cluster.dbClusterIdentifier().equals(i.dbClusterIdentifier())).toList();
        return cluster.toBuilder().dbClusterMembers(members.stream().map(i -> DBClusterMember.builder()
                .dbInstanceIdentifier(i.dbInstanceIdentifier()).isClusterWriter(i == members.getFirst())
                .promotionTier(1).build()).toList()).build();
    }

    /** Every automated backup of this Region: the live instances' and the seeded ones. */
    private List<DBInstanceAutomatedBackup> automatedBackups() {
        List<DBInstanceAutomatedBackup> all = new ArrayList<>();
        for (DBInstance instance : state().instances.values()) {
            if (instance.backupRetentionPeriod() == 0 || instance.dbClusterIdentifier() != null) {
                continue;
            }
            DBInstance shown = shown(instance);
            Instant latest = instance.latestRestorableTime();
            Instant earliest = latest == null ? null
                    : max(instance.instanceCreateTime(), latest.minus(Duration.ofDays(instance.backupRetentionPeriod())));
            all.add(DBInstanceAutomatedBackup.builder().dbInstanceArn(instance.dbInstanceArn())
                    .dbiResourceId(instance.dbiResourceId()).region(region)
                    .dbInstanceIdentifier(instance.dbInstanceIdentifier())
                    .restoreWindow(latest == null ? null : RestoreWindow.builder().earliestTime(earliest).latestTime(latest).build())
                    .allocatedStorage(instance.allocatedStorage())
                    .status(instance.dbInstanceStatus().equals("creating") ? "creating" : "active")
                    .instanceCreateTime(instance.instanceCreateTime()).engine(instance.engine())
                    .engineVersion(instance.engineVersion()).encrypted(instance.storageEncrypted())
                    .kmsKeyId(instance.kmsKeyId()).backupRetentionPeriod(instance.backupRetentionPeriod())
                    .preferredBackupWindow(instance.preferredBackupWindow())
                    .dbInstanceAutomatedBackupsArn(autoBackupArn(region, instance.dbiResourceId()))
                    .dbInstanceAutomatedBackupsReplications(shown.dbInstanceAutomatedBackupsReplications()).build());
        }
        all.addAll(state().automatedBackups.values());
        return all;
    }

    private boolean isInstance(DBInstance instance, String idOrArn) {
        return instance.dbInstanceIdentifier().equalsIgnoreCase(idOrArn) || instance.dbInstanceArn().equals(idOrArn);
    }

    private boolean isCluster(DBCluster cluster, String idOrArn) {
        return cluster.dbClusterIdentifier().equalsIgnoreCase(idOrArn) || cluster.dbClusterArn().equals(idOrArn);
    }

    private boolean ofInstance(DBSnapshot snapshot, String idOrArn) {
        return snapshot.dbInstanceIdentifier().equalsIgnoreCase(idOrArn) || arn("db:" + snapshot.dbInstanceIdentifier()).equals(idOrArn);
    }

    private boolean ofInstance(DBInstanceAutomatedBackup backup, String idOrArn) {
        return backup.dbInstanceIdentifier().equalsIgnoreCase(idOrArn) || backup.dbInstanceArn().equals(idOrArn);
    }

    private boolean isSnapshot(DBSnapshot snapshot, String idOrArn) {
        return snapshot.dbSnapshotIdentifier().equalsIgnoreCase(idOrArn) || snapshot.dbSnapshotArn().equals(idOrArn);
    }

    private boolean ofCluster(DBClusterSnapshot snapshot, String idOrArn) {
        return snapshot.dbClusterIdentifier().equalsIgnoreCase(idOrArn)
                || arn("cluster:" + snapshot.dbClusterIdentifier()).equals(idOrArn);
    }

    private boolean isClusterSnapshot(DBClusterSnapshot snapshot, String idOrArn) {
        return snapshot.dbClusterSnapshotIdentifier().equalsIgnoreCase(idOrArn) || snapshot.dbClusterSnapshotArn().equals(idOrArn);
    }

    private DBSnapshot snapshotByArn(String arn) {
        return find(arn, s -> s.snapshots.values(), DBSnapshot::dbSnapshotArn);
    }

    private DBClusterSnapshot clusterSnapshotByArn(String arn) {
        return find(arn, s -> s.clusterSnapshots.values(), DBClusterSnapshot::dbClusterSnapshotArn);
    }

    private DBInstance instanceByArn(String arn) {
        return find(arn, s -> s.instances.values(), DBInstance::dbInstanceArn);
    }

    /** A resource of any Region's view by its ARN, or null. */
    private <T> T find(String arn, Function<RegionState, Collection<T>> of, Function<T, String> arnOf) {
        return store.regions.values().stream().flatMap(s -> of.apply(s).stream())
                .filter(t -> arn.equals(arnOf.apply(t))).findFirst().orElse(null);
    }

    private RegionState state() {
        return store.regions.computeIfAbsent(region, r -> new RegionState());
    }

    private String arn(String resource) {
        return "arn:aws:rds:" + region + ":" + ACCOUNT + ":" + resource;
    }

    /** The ARN AWS gives the resource in this Region; a scenario that gives another one is wrong. */
    private String arn(String resource, String given, String path) {
        String arn = arn(resource);
        if (given != null && !given.equals(arn)) {
            throw new IllegalArgumentException(path + ": in " + region + " its ARN is " + arn + ", not " + given);
        }
        return arn;
    }

    /** A stable resource id in RDS's shape ({@code db-} and 26 capitals and digits), unique to the Region and name. */
    private String resourceId(String prefix, String name) {
        return prefix + code(region + "/" + name);
    }

    private static String autoBackupArn(String region, String dbiResourceId) {
        return "arn:aws:rds:" + region + ":" + ACCOUNT + ":auto-backup:ab-" + code(region + "/" + dbiResourceId);
    }

    private static String code(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 26; i++) {
                code.append(alphabet.charAt((hash[i] & 0xff) % alphabet.length()));
            }
            return code.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String regionOf(String arn) {
        String[] parts = arn.split(":");
        return parts.length > 3 ? parts[3] : "";
    }

    private static String snapshotType(String id, String given, String path) {
        String implied = id.startsWith("rds:") ? "automated" : id.startsWith("awsbackup:") ? "awsbackup" : "manual";
        if (given != null && !given.equals(implied)) {
            throw new IllegalArgumentException(path + ": snapshot " + id + " is " + implied + " by its name (automated "
                    + "ones are named rds:…, AWS Backup's awsbackup:…), not " + given);
        }
        return implied;
    }

    private static String identifier(String given, String path, String field) {
        String id = required(given, path, field);
        if (id.length() > 63 || !IDENTIFIER.matcher(id).matches()) {
            throw new IllegalArgumentException(path + "." + field + " must be 1-63 letters, digits and hyphens, starting "
                    + "with a letter, without two hyphens in a row or one at the end: " + id);
        }
        return id.toLowerCase(Locale.ROOT);
    }

    private static String required(String value, String path, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(path + " needs " + field);
        }
        return value;
    }

    private static String text(JsonNode node, String key, String path) {
        if (!node.path(key).isTextual()) {
            throw new IllegalArgumentException(path + " needs a string '" + key + "'");
        }
        return node.get(key).asText();
    }

    private static String text(JsonNode node, String path) {
        if (!node.isTextual()) {
            throw new IllegalArgumentException(path + " must be a DB identifier string");
        }
        return node.asText();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

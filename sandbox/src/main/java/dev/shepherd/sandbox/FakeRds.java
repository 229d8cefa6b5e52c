package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbClustersResponse;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.Endpoint;

/**
 * In-memory RDS {@code DescribeDBInstances} and {@code DescribeDBClusters}, as rotation uses them to find an
 * RDS-managed master's endpoint. An instance or cluster is found by its identifier or its ARN (the API accepts
 * both, identifiers case-insensitively, as RDS stores them in lower case); an unknown one is
 * {@code DBInstanceNotFound} / {@code DBClusterNotFoundFault} (HTTP 404). Without an identifier every one is listed.
 *
 * <p>Scenario section {@code "rds"}: {@code {"instances": [{"id": "orders-db", "engine": "postgres", "address":
 * "orders-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", "port": 5432}], "clusters": [{"id": "orders", "engine":
 * "aurora-postgresql", "endpoint": "orders.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", "port": 5432}]}}}.
 */
public final class FakeRds extends FakeService implements RdsClient {
    private static final String ARN_PREFIX = "arn:aws:rds:eu-west-1:123456789012:";

    private final Map<String, DBInstance> instances = new LinkedHashMap<>();
    private final Map<String, DBCluster> clusters = new LinkedHashMap<>();

    public FakeRds(CallJournal journal) {
        super(journal, RdsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "rds";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "instances", "clusters");
        for (JsonNode i : section.path("instances")) {
            addInstance(required(i, "id", "rds.instances"), i.path("engine").asText("postgres"),
                    required(i, "address", "rds.instances"), i.path("port").asInt(5432));
        }
        for (JsonNode c : section.path("clusters")) {
            addCluster(required(c, "id", "rds.clusters"), c.path("engine").asText("aurora-postgresql"),
                    required(c, "endpoint", "rds.clusters"), c.path("port").asInt(5432));
        }
    }

    /** Adds an available instance; returns its ARN. */
    public synchronized String addInstance(String id, String engine, String address, int port) {
        String stored = id.toLowerCase(Locale.ROOT);
        String arn = ARN_PREFIX + "db:" + stored;
        instances.put(stored, DBInstance.builder().dbInstanceIdentifier(stored).dbInstanceArn(arn)
                .engine(engine).dbInstanceStatus("available")
                .endpoint(Endpoint.builder().address(address).port(port).build()).build());
        return arn;
    }

    /** Adds an available cluster; returns its ARN. */
    public synchronized String addCluster(String id, String engine, String endpoint, int port) {
        String stored = id.toLowerCase(Locale.ROOT);
        String arn = ARN_PREFIX + "cluster:" + stored;
        clusters.put(stored, DBCluster.builder().dbClusterIdentifier(stored).dbClusterArn(arn)
                .engine(engine).status("available").endpoint(endpoint).port(port).build());
        return arn;
    }

    @Override
    public synchronized DescribeDbInstancesResponse describeDBInstances(DescribeDbInstancesRequest request) {
        record(request, "DescribeDBInstances");
        String id = request.dbInstanceIdentifier();
        if (id == null) {
            return DescribeDbInstancesResponse.builder().dbInstances(new ArrayList<>(instances.values())).build();
        }
        DBInstance found = instances.values().stream()
                .filter(i -> i.dbInstanceIdentifier().equalsIgnoreCase(id) || i.dbInstanceArn().equals(id)).findFirst()
                .orElseThrow(() -> error(DbInstanceNotFoundException.builder(), "DBInstanceNotFound", 404,
                        "DBInstance " + id + " not found."));
        return DescribeDbInstancesResponse.builder().dbInstances(List.of(found)).build();
    }

    @Override
    public synchronized DescribeDbClustersResponse describeDBClusters(DescribeDbClustersRequest request) {
        record(request, "DescribeDBClusters");
        String id = request.dbClusterIdentifier();
        if (id == null) {
            return DescribeDbClustersResponse.builder().dbClusters(new ArrayList<>(clusters.values())).build();
        }
        DBCluster found = clusters.values().stream()
                .filter(c -> c.dbClusterIdentifier().equalsIgnoreCase(id) || c.dbClusterArn().equals(id)).findFirst()
                .orElseThrow(() -> error(DbClusterNotFoundException.builder(), "DBClusterNotFoundFault", 404,
                        "DBCluster " + id + " not found."));
        return DescribeDbClustersResponse.builder().dbClusters(List.of(found)).build();
    }

    private static String required(JsonNode node, String key, String path) {
        if (!node.path(key).isTextual()) {
            throw new IllegalArgumentException(path + " entries need a string '" + key + "'");
        }
        return node.get(key).asText();
    }
}

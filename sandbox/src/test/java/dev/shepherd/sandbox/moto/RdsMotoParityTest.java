package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * RDS: {@code FakeRds} versus moto, for the lookups rotation makes of an RDS-managed master's endpoint: an instance
 * and a cluster found by ARN, and the errors for unknown ones. Moto makes up the endpoint's address, so the fake is
 * seeded with the one moto returned; the parity checked is the lookup by ARN and the answer's shape.
 */
class RdsMotoParityTest extends MotoParityTest {
    RdsClient fake;
    RdsClient real;
    String instanceArn;
    String clusterArn;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("rds", "application/x-www-form-urlencoded", null, "Action=DescribeDBInstances&Version=2014-10-31");
    }

    @BeforeEach
    void seed() {
        real = onMoto(RdsClient.class);
        DBInstance instance = real.createDBInstance(r -> r.dbInstanceIdentifier("orders-db").engine("postgres")
                .dbInstanceClass("db.t3.micro").allocatedStorage(20).masterUsername("admin_user")
                .masterUserPassword("moto-only-pw1")).dbInstance();
        DBCluster cluster = real.createDBCluster(r -> r.dbClusterIdentifier("orders").engine("aurora-postgresql")
                .masterUsername("admin_user").masterUserPassword("moto-only-pw1")).dbCluster();
        instanceArn = instance.dbInstanceArn();
        clusterArn = cluster.dbClusterArn();
        Sandbox sandbox = new Sandbox();
        FakeRds rds = sandbox.fake(FakeRds.class);
        String address = real.describeDBInstances(r -> r.dbInstanceIdentifier("orders-db")).dbInstances().getFirst()
                .endpoint().address();
        assertThat(rds.addInstance("orders-db", "postgres", address, 5432)).isEqualTo(instanceArn);
        assertThat(rds.addCluster("orders", "aurora-postgresql", cluster.endpoint(), cluster.port())).isEqualTo(clusterArn);
        fake = sandbox.client(RdsClient.class);
    }

    @Test
    void anInstanceIsFoundByArnOrIdentifier() {
        for (String id : List.of(instanceArn, "orders-db")) {
            var answer = sameAnswer(fake, real, c -> c.describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances()
                    .stream().map(i -> List.of(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.engine(),
                            i.endpoint().address(), i.endpoint().port())).toList());
            assertThat(answer).hasSize(1);
        }
    }

    @Test
    void aClusterIsFoundByArnOrIdentifier() {
        for (String id : List.of(clusterArn, "orders")) {
            var answer = sameAnswer(fake, real, c -> c.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters()
                    .stream().map(d -> List.of(d.dbClusterIdentifier(), d.dbClusterArn(), d.engine(), d.endpoint(),
                            d.port())).toList());
            assertThat(answer).hasSize(1);
        }
    }

    @Test
    void unknownInstancesAndClustersFailAlike() {
        sameError(fake, real, c -> c.describeDBInstances(r -> r.dbInstanceIdentifier("arn:aws:rds:eu-west-1:123456789012:db:gone")));
        sameError(fake, real, c -> c.describeDBClusters(r -> r.dbClusterIdentifier("arn:aws:rds:eu-west-1:123456789012:cluster:gone")));
    }
}

package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;

/** RDS (query protocol, version 2014-10-31) on the wire versus {@code FakeRds}: the two calls rotation makes. */
class RdsContractTest extends ContractTest {
    private static final String INSTANCE_ARN = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    private static final String CLUSTER_ARN = "arn:aws:rds:eu-west-1:123456789012:cluster:orders";
    RdsClient fake;
    RdsClient real;

    @BeforeEach
    void clients() {
        Sandbox sandbox = new Sandbox();
        sandbox.fake(FakeRds.class).addInstance("orders-db", "postgres", "orders-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", 5432);
        sandbox.fake(FakeRds.class).addCluster("orders", "aurora-postgresql",
                "orders.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com", 5433);
        fake = sandbox.client(RdsClient.class);
        real = real(RdsClient.class);
    }

    @Test
    void describeDbInstancesByArn() {
        wire.stubFor(queryCall("DescribeDBInstances").willReturn(xml("""
                <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBInstancesResult><DBInstances><DBInstance>
                    <DBInstanceIdentifier>orders-db</DBInstanceIdentifier><Engine>postgres</Engine>
                    <DBInstanceStatus>available</DBInstanceStatus><DBInstanceArn>%s</DBInstanceArn>
                    <Endpoint><Address>orders-db.c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com</Address><Port>5432</Port>
                      <HostedZoneId>Z29XKXDKYMONMX</HostedZoneId></Endpoint>
                  </DBInstance></DBInstances></DescribeDBInstancesResult>
                  <ResponseMetadata><RequestId>5e0b0b5a-0000-4000-8000-000000000001</RequestId></ResponseMetadata>
                </DescribeDBInstancesResponse>""".formatted(INSTANCE_ARN))));

        List<DBInstance> fromWire = real.describeDBInstances(r -> r.dbInstanceIdentifier(INSTANCE_ARN)).dbInstances();
        List<DBInstance> fromFake = fake.describeDBInstances(r -> r.dbInstanceIdentifier(INSTANCE_ARN)).dbInstances();

        assertThat(fromWire).singleElement().satisfies(i -> {
            assertThat(i.endpoint().address()).isEqualTo(fromFake.getFirst().endpoint().address());
            assertThat(i.endpoint().port()).isEqualTo(fromFake.getFirst().endpoint().port());
            assertThat(i.dbInstanceArn()).isEqualTo(fromFake.getFirst().dbInstanceArn());
        });
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBInstances&"))
                .withRequestBody(containing("Version=2014-10-31"))
                .withRequestBody(containing("DBInstanceIdentifier=arn%3Aaws%3Ards%3Aeu-west-1%3A123456789012%3Adb%3Aorders-db")));
        assertThat(journal.calls("rds", "DescribeDBInstances")).hasSize(1);
    }

    @Test
    void describeDbClustersByArn() {
        wire.stubFor(queryCall("DescribeDBClusters").willReturn(xml("""
                <DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                  <DescribeDBClustersResult><DBClusters><DBCluster>
                    <DBClusterIdentifier>orders</DBClusterIdentifier><Engine>aurora-postgresql</Engine>
                    <Status>available</Status><DBClusterArn>%s</DBClusterArn>
                    <Endpoint>orders.cluster-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com</Endpoint><Port>5433</Port>
                    <ReaderEndpoint>orders.cluster-ro-c1a2b3c4d5e6.eu-west-1.rds.amazonaws.com</ReaderEndpoint>
                  </DBCluster></DBClusters></DescribeDBClustersResult>
                  <ResponseMetadata><RequestId>5e0b0b5a-0000-4000-8000-000000000002</RequestId></ResponseMetadata>
                </DescribeDBClustersResponse>""".formatted(CLUSTER_ARN))));

        List<DBCluster> fromWire = real.describeDBClusters(r -> r.dbClusterIdentifier(CLUSTER_ARN)).dbClusters();
        List<DBCluster> fromFake = fake.describeDBClusters(r -> r.dbClusterIdentifier(CLUSTER_ARN)).dbClusters();

        assertThat(fromWire).singleElement().satisfies(c -> {
            assertThat(c.endpoint()).isEqualTo(fromFake.getFirst().endpoint());
            assertThat(c.port()).isEqualTo(fromFake.getFirst().port());
        });
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBClusters&"))
                .withRequestBody(containing("DBClusterIdentifier=arn%3Aaws%3Ards%3Aeu-west-1%3A123456789012%3Acluster%3Aorders")));
        assertThat(journal.calls("rds", "DescribeDBClusters")).hasSize(1);
    }

    @Test
    void notFoundErrorsMapLikeTheFake() {
        String gone = "arn:aws:rds:eu-west-1:123456789012:db:gone";
        assertWireErrorLikeFake(queryCall("DescribeDBInstances"), true,
                () -> fake.describeDBInstances(r -> r.dbInstanceIdentifier(gone)),
                () -> real.describeDBInstances(r -> r.dbInstanceIdentifier(gone)));
        String goneCluster = "arn:aws:rds:eu-west-1:123456789012:cluster:gone";
        assertWireErrorLikeFake(queryCall("DescribeDBClusters"), true,
                () -> fake.describeDBClusters(r -> r.dbClusterIdentifier(goneCluster)),
                () -> real.describeDBClusters(r -> r.dbClusterIdentifier(goneCluster)));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> queryCall("DescribeDBInstances"), List.of(queryError(400, "Throttling", "Rate exceeded"),
                xml("""
                        <DescribeDBInstancesResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
                          <DescribeDBInstancesResult><DBInstances/></DescribeDBInstancesResult>
                        </DescribeDBInstancesResponse>""")));

        assertThat(real.describeDBInstances(r -> r.dbInstanceIdentifier(INSTANCE_ARN)).dbInstances()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}

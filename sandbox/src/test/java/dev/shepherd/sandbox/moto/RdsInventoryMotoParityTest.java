package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.Sandbox;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBSnapshot;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesResponse;
import software.amazon.awssdk.services.rds.model.RdsException;
import software.amazon.awssdk.services.rds.model.Tag;

/**
 * RDS inventory for the compliance checks: {@code FakeRds} versus moto for {@code DescribeDBInstances} (paging with
 * {@code Marker}, the fields the checks read, the missing tag filter, Aurora members) and {@code DescribeDBSnapshots}
 * (automated and manual shapes, a copy in Tokyo keeping {@code OriginalSnapshotCreateTime}). The fake is seeded with
 * what moto made. Not compared, where moto differs from AWS: moto gives every instance the same {@code DbiResourceId}
 * (the fake derives one per DB, both in RDS's shape), sets {@code LatestRestorableTime} to now on every call, accepts
 * {@code MaxRecords} outside 20–100 (the fake refuses as AWS does), and leaves {@code SourceRegion} off a copy.
 * {@code DescribeDBInstanceAutomatedBackups}' {@code RestoreWindow} is not in moto: its contract is WireMock's.
 */
class RdsInventoryMotoParityTest extends MotoParityTest {
    RdsClient real;
    Sandbox sandbox;
    FakeRds rds;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("rds", "application/x-www-form-urlencoded", null, "Action=DescribeDBInstances&Version=2014-10-31");
    }

    @BeforeEach
    void clients() {
        real = onMoto(RdsClient.class);
        sandbox = new Sandbox();
        rds = sandbox.fake(FakeRds.class);
    }

    DBInstance createOnMoto(String id, int retention, Tag... tags) {
        return real.createDBInstance(r -> r.dbInstanceIdentifier(id).engine("postgres").dbInstanceClass("db.t3.micro")
                .allocatedStorage(50).backupRetentionPeriod(retention).masterUsername("admin_user")
                .masterUserPassword("moto-only-pw1").tags(tags)).dbInstance();
    }

    /** The instance fields the checks read, moto's random or per-call ones left out. */
    static List<Object> essentials(DBInstance i) {
        return Arrays.asList(i.dbInstanceIdentifier(), i.dbInstanceArn(), i.engine(), i.dbInstanceStatus(),
                i.backupRetentionPeriod(), i.allocatedStorage(), i.dbClusterIdentifier(), i.tagList(),
                i.readReplicaSourceDBInstanceIdentifier(), i.dbiResourceId().matches("db-[A-Z0-9]{26}"));
    }

    @Test
    void instancesPageAlikeWithAMarker() {
        IntStream.range(0, 25).forEach(i -> {
            createOnMoto("db-" + i, 7);
            rds.addInstance(DBInstance.builder().dbInstanceIdentifier("db-" + i).engine("postgres").backupRetentionPeriod(7)
                    .allocatedStorage(50).build(), "test");
        });
        RdsClient fake = sandbox.client(RdsClient.class);

        List<Object> pages = sameAnswer(fake, real, c -> {
            DescribeDbInstancesResponse first = c.describeDBInstances(r -> r.maxRecords(20));
            DescribeDbInstancesResponse second = c.describeDBInstances(r -> r.maxRecords(20).marker(first.marker()));
            return List.of(first.dbInstances().stream().map(RdsInventoryMotoParityTest::essentials).toList(),
                    first.marker() != null, second.dbInstances().stream().map(RdsInventoryMotoParityTest::essentials).toList(),
                    second.marker() == null);
        });
        assertThat(((List<?>) pages.get(0))).hasSize(20);
        assertThat(((List<?>) pages.get(2))).hasSize(5);
        assertThat(fake.describeDBInstancesPaginator(r -> r.maxRecords(20)).dbInstances()).hasSize(25);
    }

    @Test
    void theFieldsTheChecksReadAreAlikeAndThereIsNoTagFilter() {
        createOnMoto("orders-db", 30, Tag.builder().key("backup-policy").value("platform").build());
        createOnMoto("scratch-db", 0);
        rds.addInstance(DBInstance.builder().dbInstanceIdentifier("orders-db").engine("postgres").backupRetentionPeriod(30)
                .allocatedStorage(50).tagList(Tag.builder().key("backup-policy").value("platform").build()).build(), "test");
        rds.addInstance(DBInstance.builder().dbInstanceIdentifier("scratch-db").engine("postgres").backupRetentionPeriod(0)
                .allocatedStorage(50).build(), "test");
        RdsClient fake = sandbox.client(RdsClient.class);

        var answer = sameAnswer(fake, real, c -> c.describeDBInstances(r -> { }).dbInstances().stream()
                .map(RdsInventoryMotoParityTest::essentials).toList());
        assertThat(answer).hasSize(2);
        sameError(fake, real, c -> c.describeDBInstances(r -> r.filters(f -> f.name("tag:backup-policy").values("platform"))));
        sameError(fake, real, c -> c.describeDBInstances(r -> r.dbInstanceIdentifier("gone-db")));
        assertThatThrownBy(() -> fake.describeDBInstances(r -> r.maxRecords(101))).isInstanceOf(RdsException.class)
                .as("AWS's bounds, which moto does not keep");
    }

    @Test
    void auroraMembersNameTheirClusterWhichListsThemWithTheWriter() {
        DBCluster cluster = real.createDBCluster(r -> r.dbClusterIdentifier("orders").engine("aurora-postgresql")
                .backupRetentionPeriod(14).masterUsername("admin_user").masterUserPassword("moto-only-pw1")).dbCluster();
        for (String member : List.of("orders-1", "orders-2")) {
            real.createDBInstance(r -> r.dbInstanceIdentifier(member).dbClusterIdentifier("orders")
                    .engine("aurora-postgresql").dbInstanceClass("db.r6g.large"));
        }
        rds.addCluster(DBCluster.builder().dbClusterIdentifier("orders").engine("aurora-postgresql").backupRetentionPeriod(14)
                .build(), "test");
        List.of("orders-1", "orders-2").forEach(m -> rds.addInstance(DBInstance.builder().dbInstanceIdentifier(m)
                .dbClusterIdentifier("orders").engine("aurora-postgresql").build(), "test"));
        RdsClient fake = sandbox.client(RdsClient.class);

        sameAnswer(fake, real, c -> c.describeDBClusters(r -> { }).dbClusters().stream().map(d -> List.of(
                d.dbClusterIdentifier(), d.dbClusterArn(), d.backupRetentionPeriod(), d.dbClusterMembers().stream()
                        .map(m -> m.dbInstanceIdentifier() + ":" + m.isClusterWriter()).toList())).toList());
        sameAnswer(fake, real, c -> c.describeDBInstances(r -> r.filters(f -> f.name("db-cluster-id").values("orders")))
                .dbInstances().stream().map(i -> i.dbInstanceIdentifier() + "@" + i.dbClusterIdentifier()).toList());
        assertThat(cluster.dbClusterResourceId()).startsWith("cluster-");
    }

    /** The snapshot fields the checks read; moto's DbiResourceId is the same for every DB, so only its link is. */
    static List<Object> essentials(DBSnapshot s) {
        return Arrays.asList(s.dbSnapshotIdentifier(), s.dbSnapshotArn(), s.snapshotType(), s.status(),
                s.dbInstanceIdentifier(), s.snapshotCreateTime(), s.originalSnapshotCreateTime(), s.engine(),
                s.allocatedStorage());
    }

    @Test
    void automatedAndManualSnapshotsHaveTheSameShape() {
        DBInstance instance = createOnMoto("orders-db", 7);
        real.createDBSnapshot(r -> r.dbInstanceIdentifier("orders-db").dbSnapshotIdentifier("before-release"));
        rds.addInstance(DBInstance.builder().dbInstanceIdentifier("orders-db").engine("postgres").backupRetentionPeriod(7)
                .allocatedStorage(50).build(), "test");
        for (DBSnapshot made : real.describeDBSnapshots(r -> { }).dbSnapshots()) {
            rds.addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier(made.dbSnapshotIdentifier())
                    .dbInstanceIdentifier("orders-db").snapshotCreateTime(made.snapshotCreateTime()).build(), "test");
        }
        RdsClient fake = sandbox.client(RdsClient.class);

        var snapshots = sameAnswer(fake, real, c -> c.describeDBSnapshots(r -> { }).dbSnapshots().stream()
                .map(RdsInventoryMotoParityTest::essentials).toList());
        assertThat(snapshots).extracting(s -> s.get(2)).containsExactly("automated", "manual");
        assertThat((String) snapshots.getFirst().getFirst()).matches("rds:orders-db-\\d{4}-\\d{2}-\\d{2}-\\d{2}-\\d{2}");
        sameAnswer(fake, real, c -> c.describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots().stream()
                .map(DBSnapshot::dbSnapshotIdentifier).toList());
        for (RdsClient c : List.of(fake, real)) {
            String dbi = c.describeDBInstances(r -> { }).dbInstances().getFirst().dbiResourceId();
            assertThat(c.describeDBSnapshots(r -> { }).dbSnapshots()).allMatch(s -> s.dbiResourceId().equals(dbi));
        }
        sameError(fake, real, c -> c.describeDBSnapshots(r -> r.dbSnapshotIdentifier("no-such-snapshot")));
        assertThat(instance.dbInstanceArn()).isEqualTo("arn:aws:rds:eu-west-1:123456789012:db:orders-db");
    }

    @Test
    void aCopyInTokyoIsManualAndKeepsItsOriginalSnapshotCreateTime() {
        createOnMoto("orders-db", 7);
        DBSnapshot source = real.createDBSnapshot(r -> r.dbInstanceIdentifier("orders-db")
                .dbSnapshotIdentifier("before-release")).dbSnapshot();
        RdsClient realTokyo = onMoto(RdsClient.class, "ap-northeast-1");
        DBSnapshot copied = realTokyo.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(source.dbSnapshotArn())
                .targetDBSnapshotIdentifier("before-release-tokyo").sourceRegion("eu-west-1")).dbSnapshot();
        rds.addInstance(DBInstance.builder().dbInstanceIdentifier("orders-db").engine("postgres").allocatedStorage(50).build(),
                "test");
        rds.addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier("before-release").dbInstanceIdentifier("orders-db")
                .snapshotCreateTime(source.snapshotCreateTime()).build(), "test");
        rds.inRegion("ap-northeast-1").addSnapshot(DBSnapshot.builder().dbSnapshotIdentifier("before-release-tokyo")
                .sourceDBSnapshotIdentifier(source.dbSnapshotArn()).snapshotCreateTime(copied.snapshotCreateTime()).build(),
                "test");
        RdsClient fakeTokyo = sandbox.client(RdsClient.class, Region.AP_NORTHEAST_1);

        var copy = sameAnswer(fakeTokyo, realTokyo, c -> c.describeDBSnapshots(r -> r.snapshotType("manual")).dbSnapshots()
                .stream().map(RdsInventoryMotoParityTest::essentials).toList());
        assertThat(copy).singleElement().satisfies(s -> {
            assertThat(s.get(1)).isEqualTo("arn:aws:rds:ap-northeast-1:123456789012:snapshot:before-release-tokyo");
            assertThat(s.get(6)).as("OriginalSnapshotCreateTime kept on copy").isEqualTo(source.originalSnapshotCreateTime());
        });
        assertThat(realTokyo.describeDBSnapshots(r -> { }).dbSnapshots().getFirst().sourceRegion())
                .as("moto leaves SourceRegion off; AWS and the fake set it").isNull();
        assertThat(fakeTokyo.describeDBSnapshots(r -> { }).dbSnapshots().getFirst().sourceRegion()).isEqualTo("eu-west-1");
    }
}

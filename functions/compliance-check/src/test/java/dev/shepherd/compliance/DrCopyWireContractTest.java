package dev.shepherd.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import dev.shepherd.sandbox.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbInstanceAutomatedBackupNotFoundException;
import software.amazon.awssdk.services.rds.model.DescribeDbInstanceAutomatedBackupsResponse;

/**
 * dr-copy through the real SDK on the wire (RDS's query protocol, 2014-10-31), for what moto lacks:
 * DescribeDBInstanceAutomatedBackups in Tokyo by the replication's ARN, its {@code RestoreWindow} parsed from AWS's
 * XML as the fake answers it, the search for retained backups by {@code dbi-resource-id}, and
 * {@code DBInstanceAutomatedBackupNotFound} mapped to the exception the check handles. Calls are told apart by the
 * Region their signature is scoped to.
 */
class DrCopyWireContractTest {
    static final String ORDERS = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    static final String RESOURCE = "db-ORDERS4A3B2C1DE5F6G7H8I9J0KL";
    static final String REPLICATION = "arn:aws:rds:ap-northeast-1:123456789012:auto-backup:ab-TOKYO2C3D4E5F6G7H8I9J0KLMN";
    static final String NS = "xmlns=\"http://rds.amazonaws.com/doc/2014-10-31/\"";
    static WireMockServer wire;
    CallJournal journal;
    RdsWorld world;

    @BeforeAll
    static void start() {
        wire = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(wire);
    }

    @BeforeEach
    void reset() {
        wire.resetAll();
        journal = CallJournal.recording();
        world = new RdsWorld();
    }

    static MappingBuilder call(String action, String region) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"))
                .withHeader("Authorization", containing("/" + region + "/rds/aws4_request"));
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static String result(String action, String inner) {
        return "<" + action + "Response " + NS + "><" + action + "Result>" + inner + "</" + action + "Result>"
                + "<ResponseMetadata><RequestId>5e0b0b5a-0000-4000-8000-00000000000a</RequestId></ResponseMetadata></"
                + action + "Response>";
    }

    /** orders-db at home, naming {@code replications}; no clusters, no global databases, nothing else in Tokyo. */
    void stubHome(String replications) {
        wire.stubFor(call("DescribeDBInstances", "eu-west-1").willReturn(xml(result("DescribeDBInstances", """
                <DBInstances><DBInstance>
                  <DBInstanceIdentifier>orders-db</DBInstanceIdentifier><DBInstanceArn>%s</DBInstanceArn>
                  <DbiResourceId>%s</DbiResourceId><Engine>postgres</Engine><DBInstanceStatus>available</DBInstanceStatus>
                  <BackupRetentionPeriod>30</BackupRetentionPeriod><LatestRestorableTime>2025-12-01T11:55:00Z</LatestRestorableTime>
                  <AllocatedStorage>100</AllocatedStorage><TagList/>
                  <DBInstanceAutomatedBackupsReplications>%s</DBInstanceAutomatedBackupsReplications>
                </DBInstance></DBInstances>""".formatted(ORDERS, RESOURCE, replications)))));
        wire.stubFor(call("DescribeDBClusters", "eu-west-1").willReturn(xml(result("DescribeDBClusters", "<DBClusters/>"))));
        wire.stubFor(call("DescribeDBSnapshots", "ap-northeast-1").willReturn(xml(result("DescribeDBSnapshots", "<DBSnapshots/>"))));
    }

    static String backups(String status, String latest) {
        return result("DescribeDBInstanceAutomatedBackups", """
                <DBInstanceAutomatedBackups><DBInstanceAutomatedBackup>
                  <DBInstanceArn>%s</DBInstanceArn><DbiResourceId>%s</DbiResourceId><Region>eu-west-1</Region>
                  <DBInstanceIdentifier>orders-db</DBInstanceIdentifier>
                  <RestoreWindow><EarliestTime>2025-11-24T12:00:00Z</EarliestTime><LatestTime>%s</LatestTime></RestoreWindow>
                  <Status>%s</Status><BackupRetentionPeriod>7</BackupRetentionPeriod>
                  <DBInstanceAutomatedBackupsArn>%s</DBInstanceAutomatedBackupsArn>
                </DBInstanceAutomatedBackup></DBInstanceAutomatedBackups>""".formatted(ORDERS, RESOURCE, latest, status,
                REPLICATION));
    }

    CheckResult runOnTheWire() throws InterruptedException {
        AwsClients clients = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), journal);
        Scope scope = new Scope(RdsWorld.ACCOUNT, "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, clients);
        return world.run(new DrCopyCheck(scope, world.targets, world.findings, world.clock));
    }

    @Test
    void replicatedBackupsAreAskedOfTokyoByTheirArnAndTheirRestoreWindowIsRead() throws Exception {
        stubHome("<DBInstanceAutomatedBackupsReplication><DBInstanceAutomatedBackupsArn>" + REPLICATION
                + "</DBInstanceAutomatedBackupsArn></DBInstanceAutomatedBackupsReplication>");
        wire.stubFor(call("DescribeDBInstanceAutomatedBackups", "ap-northeast-1")
                .willReturn(xml(backups("replicating", "2025-12-01T11:48:00Z"))));

        runOnTheWire();

        assertThat(world.result("orders-db").status()).isEqualTo(Status.PASS);
        assertThat(world.result("orders-db").reason()).isEqualTo("automated backups replicated to ap-northeast-1, "
                + "restorable there to 2025-12-01T11:48:00Z (12 min ago), within the 60 min RPO");
        wire.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstanceAutomatedBackups&Version=2014-10-31"))
                .withRequestBody(containing("DBInstanceAutomatedBackupsArn="
                        + "arn%3Aaws%3Ards%3Aap-northeast-1%3A123456789012%3Aauto-backup%3Aab-TOKYO2C3D4E5F6G7H8I9J0KLMN"))
                .withHeader("Authorization", containing("/ap-northeast-1/rds/aws4_request")));
        assertThat(journal.calls("rds", "DescribeDBInstanceAutomatedBackups")).hasSize(1);
    }

    @Test
    void theWiresAnswerParsesToWhatTheFakeAnswers() {
        stubHome("");
        wire.stubFor(call("DescribeDBInstanceAutomatedBackups", "ap-northeast-1")
                .willReturn(xml(backups("replicating", "2025-12-01T11:48:00Z"))));
        RdsClient real = new AwsClients(Map.of("AWS_REGION", "eu-west-1"), journal).client(RdsClient.class, Region.AP_NORTHEAST_1);
        RdsClient fake = new Sandbox().load(Json.parse("""
                {"rds": {"regions": {"ap-northeast-1": {"automatedBackups": [{"DBInstanceArn": "%s", "DbiResourceId": "%s",
                  "Status": "replicating", "DBInstanceAutomatedBackupsArn": "%s",
                  "RestoreWindow": {"EarliestTime": "2025-11-24T12:00:00Z", "LatestTime": "2025-12-01T11:48:00Z"}}]}}}}"""
                .formatted(ORDERS, RESOURCE, REPLICATION))).client(RdsClient.class, Region.AP_NORTHEAST_1);

        DescribeDbInstanceAutomatedBackupsResponse fromWire = real.describeDBInstanceAutomatedBackups(r -> r
                .dbInstanceAutomatedBackupsArn(REPLICATION));
        DescribeDbInstanceAutomatedBackupsResponse fromFake = fake.describeDBInstanceAutomatedBackups(r -> r
                .dbInstanceAutomatedBackupsArn(REPLICATION));

        assertThat(fromWire.equalsBySdkFields(fromFake)).as("%s%nequals%n%s", fromWire, fromFake).isTrue();
        assertThat(fromWire.dbInstanceAutomatedBackups().getFirst().restoreWindow().latestTime())
                .isEqualTo("2025-12-01T11:48:00Z");
    }

    @Test
    void aReplicationTokyoDoesNotKnowMapsToTheNotFoundTheCheckHandles() throws Exception {
        stubHome("<DBInstanceAutomatedBackupsReplication><DBInstanceAutomatedBackupsArn>" + REPLICATION
                + "</DBInstanceAutomatedBackupsArn></DBInstanceAutomatedBackupsReplication>");
        wire.stubFor(call("DescribeDBInstanceAutomatedBackups", "ap-northeast-1").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "text/xml").withBody("""
                        <ErrorResponse %s><Error><Type>Sender</Type><Code>DBInstanceAutomatedBackupNotFound</Code>
                        <Message>No automated backup found for %s.</Message></Error>
                        <RequestId>7d2a1b4e-0000-4000-8000-000000000002</RequestId></ErrorResponse>""".formatted(NS, REPLICATION))));

        runOnTheWire();

        assertThat(world.result("orders-db").status()).isEqualTo(Status.FAIL);
        assertThat(world.result("orders-db").reason()).isEqualTo("the replication " + REPLICATION
                + " it names is not found in ap-northeast-1");
        RdsClient fake = new Sandbox().client(RdsClient.class, Region.AP_NORTHEAST_1);
        assertThatThrownBy(() -> fake.describeDBInstanceAutomatedBackups(r -> r.dbInstanceAutomatedBackupsArn(REPLICATION)))
                .as("the fake throws what the SDK made of the wire's error")
                .isExactlyInstanceOf(DbInstanceAutomatedBackupNotFoundException.class);
    }

    @Test
    void withoutAReplicationTokyoIsSearchedForRetainedBackupsByResourceId() throws Exception {
        stubHome("");
        wire.stubFor(call("DescribeDBInstanceAutomatedBackups", "ap-northeast-1")
                .willReturn(xml(backups("retained", "2025-11-30T08:00:00Z"))));

        runOnTheWire();

        assertThat(world.result("orders-db").reason()).isEqualTo("automated backups replicated to ap-northeast-1 are "
                + "retained (replication stopped: they no longer advance), restorable there to 2025-11-30T08:00:00Z (28 h ago)");
        wire.verify(1, postRequestedFor(urlEqualTo("/"))
                .withRequestBody(containing("Action=DescribeDBInstanceAutomatedBackups&"))
                .withRequestBody(containing("Filters.Filter.1.Name=dbi-resource-id"))
                .withRequestBody(containing("Filters.Filter.1.Values.Value.1=" + RESOURCE)));
        wire.verify(1, postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeDBSnapshots&"))
                .withRequestBody(containing("SnapshotType=manual"))
                .withHeader("Authorization", containing("/ap-northeast-1/rds/aws4_request")));
    }
}

package dev.shepherd.rotation;

import static dev.shepherd.rotation.Harness.field;
import static dev.shepherd.rotation.Harness.logsIn;
import static dev.shepherd.rotation.Harness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** All four steps against a real PostgreSQL, both database strategies. */
class PostgresRotationTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    static int port;
    private final Harness h = new Harness();

    @BeforeAll
    static void start() {
        port = Databases.postgres().getPort();
    }


    static String newUser() {
        return "app" + NAMES.incrementAndGet() + "_" + ProcessHandle.current().pid();
    }

    /** Creates a login role with a password and read access to the orders table. */
    static void createRole(String user, String password) throws SQLException {
        try (Connection c = Databases.postgresSuperuser(); Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute(PostgresAccounts.quoted(c, "CREATE ROLE %I WITH LOGIN PASSWORD %L", user, password));
            s.execute(PostgresAccounts.quoted(c, "GRANT SELECT ON orders TO %I", user));
        }
    }

    static void setPassword(String user, String password) throws SQLException {
        try (Connection c = Databases.postgresSuperuser(); Statement s = c.createStatement()) {
            s.execute(PostgresAccounts.quoted(c, "ALTER ROLE %I WITH PASSWORD %L", user, password));
        }
    }

    static boolean roleExists(String user) throws SQLException {
        try (Connection c = Databases.postgresSuperuser();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static ObjectNode pgSecret(String host, String user, String password) {
        ObjectNode s = secret("postgres", host, port, user, password);
        s.put("dbname", "postgres").put("dbInstanceIdentifier", "orders-db");
        return s;
    }

    private String seedMaster() {
        return h.sm.seedSecret("rds-master/" + newUser(), Json.write(Json.MAPPER.createObjectNode()
                .put("host", "localhost").put("port", port).put("username", Databases.PG_ADMIN).put("password", Databases.PG_ADMIN_PASSWORD)), null);
    }

    private List<String> pendingStages(String arn) {
        return h.sm.stages(arn).values().stream().filter(v -> v.contains("AWSPENDING")).findFirst().orElse(List.of());
    }

    @Test
    void singleUserRotatesThePasswordAndTheOldOneIsRefused() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("custom", "kept")));
        String old = h.current(arn);

        String token = h.rotate(arn);

        String now = h.current(arn);
        assertThat(field(now, "password")).isNotEqualTo("initial-pw").hasSize(32).doesNotContain(":", "/", "@", "\"", "'", "\\");
        assertThat(field(now, "username")).isEqualTo(user);
        assertThat(field(now, "custom")).isEqualTo("kept");
        assertThat(logsIn(now)).isTrue();
        assertThat(logsIn(old)).isFalse();
        assertThat(pendingStages(arn)).contains("AWSCURRENT");
        assertThat(h.sandbox.journal().calls("secretsmanager", "PutSecretValue")).singleElement().satisfies(c -> {
            assertThat(c.request().get("ClientRequestToken").asText()).isEqualTo(token);
            assertThat(c.request().get("VersionStages").toString()).isEqualTo("[\"AWSPENDING\"]");
        });
        // Secrets Manager retrying after success: every step is a no-op.
        for (Step step : Step.values()) {
            assertThat(h.step(arn, token, step)).contains("already AWSCURRENT");
        }
        assertThat(h.current(arn)).isEqualTo(now);
    }

    @Test
    void setSecretDoesNothingWhenThePendingPasswordAlreadyWorks() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        assertThat(h.step(arn, token, Step.SET)).startsWith("changed the password");

        assertThat(h.step(arn, token, Step.SET)).contains("already works: nothing to change");
        assertThat(h.step(arn, token, Step.CREATE)).contains("reused");
    }

    @Test
    void singleUserRecoversWhenTheDatabaseStillHoldsThePreviousPassword() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        h.rotate(arn);
        setPassword(user, "initial-pw"); // e.g. restored from a backup taken before the last rotation

        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        assertThat(h.step(arn, token, Step.SET)).contains("logged in with the previous password");
        h.step(arn, token, Step.TEST);
        h.step(arn, token, Step.FINISH);

        assertThat(logsIn(h.current(arn))).isTrue();
    }

    @Test
    void aPendingVersionForAnotherUserIsRefusedBeforeAnyDatabaseChange() throws SQLException {
        String user = newUser();
        String victim = newUser();
        createRole(user, "initial-pw");
        createRole(victim, "victim-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        String token = h.begin(arn);
        h.sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(token).versionStages("AWSPENDING")
                .secretString(Json.write(pgSecret("localhost", victim, "hijacked"))));

        assertThatThrownBy(() -> h.step(arn, token, Step.SET)).isInstanceOf(RotationException.class)
                .hasMessageContaining("another user or host");
        assertThat(logsIn(Json.write(pgSecret("localhost", victim, "victim-pw")))).isTrue();
    }

    @Test
    void whenNoCredentialLogsInTheStepFailsWithTheAwsMessage() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        setPassword(user, "changed-behind-our-back");
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);

        assertThatThrownBy(() -> h.step(arn, token, Step.SET))
                .hasMessageStartingWith("Unable to log into database with previous, current, or pending secret");
    }

    @Test
    void passwordsAndUserNamesWithQuotesBackslashesAndUnicodeReachTheDatabaseUnchanged() throws SQLException {
        String user = "Ops \"Team\" O'Brien\\ü-" + NAMES.incrementAndGet();
        String initial = "it's \"quoted\" \\ back%slash?$; ünï €";
        createRole(user, initial);
        String arn = h.seed(Json.write(pgSecret("localhost", user, initial)));
        String token = h.begin(arn);
        String chosen = "n3w 'pw' \"x\" \\\\ %?$; ∂ü😀";
        h.sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(token).versionStages("AWSPENDING")
                .secretString(Json.write(pgSecret("localhost", user, chosen))));

        h.step(arn, token, Step.SET);
        h.step(arn, token, Step.TEST);
        h.step(arn, token, Step.FINISH);

        assertThat(logsIn(Json.write(pgSecret("localhost", user, chosen)))).isTrue();
        assertThat(logsIn(Json.write(pgSecret("localhost", user, initial)))).isFalse();
    }

    @Test
    void tlsIsVerifiedAndPlainConnectionsHappenOnlyWhereTheSecretAllowsThem() throws SQLException {
        assumeTrue(Databases.postgresCertificate().isPresent(), "openssl is not installed: PostgreSQL runs without TLS");
        String user = newUser();
        createRole(user, "initial-pw");
        // The certificate names localhost only: verify-full must refuse 127.0.0.1 (a CNAME-like mismatch).
        String required = h.seed(Json.write(pgSecret("127.0.0.1", user, "initial-pw").put("ssl", true)));
        String token = h.begin(required);
        h.step(required, token, Step.CREATE);
        assertThatThrownBy(() -> h.step(required, token, Step.SET)).hasMessageStartingWith("Unable to log into database");
        assertThat(logsIn(Json.write(pgSecret("localhost", user, "initial-pw")))).isTrue();

        String upperCaseTrue = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("ssl", "TRUE")));
        h.rotate(upperCaseTrue);
        assertThat(logsIn(h.current(upperCaseTrue))).isTrue();

        // ssl absent: a host-name mismatch is not a reason to fall back to a plain connection (item 3).
        String preferred = h.seed(Json.write(pgSecret("127.0.0.1", user, field(h.current(upperCaseTrue), "password"))));
        String token2 = h.begin(preferred);
        h.step(preferred, token2, Step.CREATE);
        assertThatThrownBy(() -> h.step(preferred, token2, Step.SET)).hasMessageStartingWith("Unable to log into database");
    }

    @Test
    void item2_aHostCarryingUrlParametersIsRefusedAndTlsStaysRequired() throws Exception {
        String user = newUser();
        createRole(user, "initial-pw");
        try (TcpProxy proxy = TcpProxy.postgres(port, false)) {
            String hostile = "localhost:" + proxy.port() + "/postgres?sslmode=disable&x=";
            String arn = h.seed(Json.write(pgSecret(hostile, user, "initial-pw").put("ssl", true)));
            String token = h.begin(arn);

            for (Step step : List.of(Step.CREATE, Step.SET)) {
                assertThatThrownBy(() -> h.step(arn, token, step)).isInstanceOf(RotationException.class)
                        .hasMessageContaining("'host' that is not a DNS name").message().doesNotContain("sslmode");
            }
            assertThat(proxy.openings()).as("no connection at all, so none in plain text").isEmpty();
            assertThat(h.sm.valueAt(arn, "AWSPENDING")).isEmpty();
        }
    }

    @Test
    void item2_aDbnameCarryingUrlParametersAddsNoOptionAndTlsStaysRequired() throws Exception {
        assumeTrue(Databases.postgresCertificate().isPresent(), "openssl is not installed: PostgreSQL runs without TLS");
        String user = newUser();
        createRole(user, "initial-pw");
        try (TcpProxy proxy = TcpProxy.postgres(port, false)) {
            ObjectNode secret = pgSecret("localhost", user, "initial-pw").put("ssl", true)
                    .put("dbname", "postgres?sslmode=disable&options=-c%20search_path%3Devil");
            secret.put("port", proxy.port());
            String arn = h.seed(Json.write(secret));
            String token = h.begin(arn);
            h.step(arn, token, Step.CREATE);

            // The database of that literal name does not exist: the login fails, over TLS only.
            assertThatThrownBy(() -> h.step(arn, token, Step.SET)).hasMessageStartingWith("Unable to log into database");
            assertThat(proxy.openings()).isNotEmpty().allMatch("ssl-request"::equals);
        }
    }

    @Test
    void item3_aCertificateThatDoesNotVerifyIsNeverFollowedByAPlainLogin() throws Exception {
        assumeTrue(Databases.postgresCertificate().isPresent(), "openssl is not installed: PostgreSQL runs without TLS");
        String user = Databases.PG_CLEARTEXT_USER;
        createRole(user, "cleartext-Pa55word");
        try (TcpProxy proxy = TcpProxy.postgres(port, false)) {
            // ssl absent (PREFERRED); the certificate names localhost, not 127.0.0.1: verify-full fails. Over a plain
            // connection this server would ask for the password in clear text.
            ObjectNode secret = pgSecret("127.0.0.1", user, "cleartext-Pa55word");
            secret.put("port", proxy.port());
            String arn = h.seed(Json.write(secret));
            String token = h.begin(arn);
            h.step(arn, token, Step.CREATE);
            String pending = field(h.sm.valueAt(arn, "AWSPENDING").orElseThrow(), "password");

            assertThatThrownBy(() -> h.step(arn, token, Step.SET)).hasMessageStartingWith("Unable to log into database");

            assertThat(proxy.openings()).isNotEmpty().allMatch("ssl-request"::equals);
            assertThat(proxy.sent()).doesNotContain("cleartext-Pa55word").doesNotContain(pending);
        }
    }

    @Test
    void item3_aServerThatRefusesTlsGetsAPlainLoginWithAWarning() throws Exception {
        String user = newUser();
        createRole(user, "initial-pw");
        try (TcpProxy proxy = TcpProxy.postgres(port, true); CapturedLogs logs = new CapturedLogs()) {
            ObjectNode secret = pgSecret("localhost", user, "initial-pw");
            secret.put("port", proxy.port());
            String arn = h.seed(Json.write(secret));

            h.rotate(arn);

            assertThat(logsIn(Json.write(pgSecret("localhost", user, field(h.current(arn), "password"))))).isTrue();
            assertThat(proxy.openings()).contains("ssl-request", "startup");
            assertThat(logs.logs()).contains("\"level\":\"WARN\"").contains("WITHOUT TLS: the server refuses TLS");
        }
    }

    @Test
    void alternatingUsersCreateTheCloneThenAlternateAndTheOldCredentialStaysValid() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String master = seedMaster();
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", master)));
        String first = h.current(arn);

        h.rotate(arn);

        String second = h.current(arn);
        assertThat(field(second, "username")).isEqualTo(user + "_clone");
        assertThat(field(second, "masterarn")).isEqualTo(master);
        assertThat(logsIn(second)).isTrue();
        assertThat(logsIn(first)).isTrue();
        assertThat(canReadOrders(second)).isTrue();

        h.rotate(arn);

        String third = h.current(arn);
        assertThat(field(third, "username")).isEqualTo(user);
        assertThat(field(third, "password")).isNotEqualTo("initial-pw");
        assertThat(logsIn(third)).isTrue();
        assertThat(logsIn(second)).isTrue();
        assertThat(logsIn(first)).isFalse();
        assertThat(h.sandbox.journal().calls("secretsmanager", "GetSecretValue"))
                .anyMatch(c -> c.request().get("SecretId").asText().equals(master));
    }

    @Test
    void theMasterIsNotUsedWhenTheCurrentCredentialsDoNotWork() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String master = seedMaster();
        String arn = h.seed(Json.write(pgSecret("localhost", user, "forged-or-stale").put("masterarn", master)));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);

        assertThatThrownBy(() -> h.step(arn, token, Step.SET))
                .hasMessageStartingWith("Unable to log into database using current credentials");
        assertThat(roleExists(user + "_clone")).isFalse();
        assertThat(h.sandbox.journal().calls("secretsmanager", "GetSecretValue"))
                .noneMatch(c -> c.request().get("SecretId").asText().equals(master));
    }

    @Test
    void aMasterThatCannotLogInOrCannotBeReadFailsTheStep() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String wrongMaster = h.sm.seedSecret("rds-master/" + newUser(), "{\"host\":\"localhost\",\"port\":" + port
                + ",\"username\":\"" + Databases.PG_ADMIN + "\",\"password\":\"wrong\"}", null);
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", wrongMaster)));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        assertThatThrownBy(() -> h.step(arn, token, Step.SET)).hasMessageContaining("as the master user of " + wrongMaster);
        assertThat(roleExists(user + "_clone")).isFalse();
    }

    @Test
    void item7_aMissingMasterSecretIsReportedAsNotFound() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String none = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds-master/none-AbCdEf";
        String missing = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", none)));
        String token = h.begin(missing);
        h.step(missing, token, Step.CREATE);

        assertThatThrownBy(() -> h.step(missing, token, Step.SET)).isInstanceOf(RotationException.class)
                .hasMessageContaining("master secret " + none + " not found")
                .message().doesNotContain("no AWSCURRENT value to rotate from");
        assertThat(roleExists(user + "_clone")).isFalse();
    }

    @Test
    void userNamesAtPostgresLimitAlternateAndOneByteMoreIsRefusedBeforeAnyChange() throws SQLException {
        String base = ("u" + NAMES.incrementAndGet() + "_" + "x".repeat(63)).substring(0, 57);
        createRole(base, "initial-pw");
        String master = seedMaster();
        String arn = h.seed(Json.write(pgSecret("localhost", base, "initial-pw").put("masterarn", master)));
        h.rotate(arn);
        assertThat(field(h.current(arn), "username")).hasSize(63);
        assertThat(logsIn(h.current(arn))).isTrue();

        String tooLong = base + "y";
        String arn2 = h.seed(Json.write(pgSecret("localhost", tooLong, "pw").put("masterarn", master)));
        String token = h.begin(arn2);
        assertThatThrownBy(() -> h.step(arn2, token, Step.CREATE)).hasMessageContaining("63 bytes");
        assertThat(h.sm.valueAt(arn2, "AWSPENDING")).isEmpty();
    }

    @Test
    void aMasterForAnotherHostIsRefused() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String replicaMaster = h.sm.seedSecret("rds-master/" + newUser(), Json.write(Json.MAPPER.createObjectNode()
                .put("host", "orders-db-replica.example").put("username", Databases.PG_ADMIN)
                .put("password", Databases.PG_ADMIN_PASSWORD)), null);
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", replicaMaster)));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);

        assertThatThrownBy(() -> h.step(arn, token, Step.SET))
                .hasMessageContaining("are not the master's endpoint orders-db-replica.example:5432");
        assertThat(roleExists(user + "_clone")).isFalse();
    }

    /** A master secret as RDS manages it: credentials only, tagged with its instance or cluster ARN. */
    private String seedRdsManagedMaster(String tagKey, String tagValue) {
        String master = h.sm.seedSecret("rds!db-" + UUID.randomUUID(), Json.write(Json.MAPPER.createObjectNode()
                .put("username", Databases.PG_ADMIN).put("password", Databases.PG_ADMIN_PASSWORD)), null);
        if (tagKey != null) {
            h.sm.tag(master, tagKey, tagValue);
        }
        return master;
    }

    @Test
    void item1_masterPasswordNeverSentToUserSecretHost() throws Exception {
        String user = newUser();
        createRole(user, "initial-pw");
        String instance = h.rds.addInstance("orders-db", "postgres", "localhost", port);
        String master = seedRdsManagedMaster("aws:rds:primarydbinstancearn", instance);
        // The attacker's server: it relays to the database, so the user's own credentials work through it.
        try (TcpProxy attacker = TcpProxy.postgres(port, false)) {
            ObjectNode forged = pgSecret("localhost", user, "initial-pw").put("masterarn", master).put("ssl", false);
            forged.put("port", attacker.port());
            String arn = h.seed(Json.write(forged));
            String token = h.begin(arn);
            h.step(arn, token, Step.CREATE);

            assertThatThrownBy(() -> h.step(arn, token, Step.SET)).isInstanceOf(RotationException.class)
                    .hasMessageContaining("are not the master's endpoint localhost:" + port)
                    .hasMessageContaining("RDS instance " + instance);

            assertThat(attacker.sent()).as("the master never logs in at the user secret's host")
                    .doesNotContain(Databases.PG_ADMIN).doesNotContain(Databases.PG_ADMIN_PASSWORD);
            assertThat(roleExists(user + "_clone")).isFalse();
        }
    }

    @Test
    void item1_anRdsManagedMasterLogsInAtTheEndpointItsTagNames() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        // The tag key in another case; the endpoint's name in another case: both still match.
        String cluster = h.rds.addCluster("orders", "aurora-postgresql", "LOCALHOST", port);
        String master = seedRdsManagedMaster("AWS:RDS:PrimaryDBClusterArn", cluster);
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", master)));

        h.rotate(arn);

        assertThat(field(h.current(arn), "username")).isEqualTo(user + "_clone");
        assertThat(logsIn(h.current(arn))).isTrue();
        assertThat(h.sandbox.journal().calls("rds", "DescribeDBClusters")).singleElement()
                .satisfies(c -> assertThat(c.request().get("DBClusterIdentifier").asText()).isEqualTo(cluster));

        String instance = h.rds.addInstance("orders-db-2", "postgres", "localhost", port);
        String byInstance = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")
                .put("masterarn", seedRdsManagedMaster("aws:rds:primarydbinstancearn", instance))));
        h.rotate(byInstance);
        assertThat(logsIn(h.current(byInstance))).isTrue();
    }

    @Test
    void item1_aMasterWhoseEndpointCannotBeEstablishedIsNotUsed() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String missingInstance = "arn:aws:rds:eu-west-1:123456789012:db:gone";
        List<List<String>> cases = List.of(
                List.of("", "", "has no 'host' and no aws:rds:primarydbinstancearn"),
                List.of("aws:rds:primarydbinstancearn", "arn:aws:rds:eu-west-1:123456789012:db:" + "x".repeat(230),
                        "longer than 256 characters"),
                List.of("aws:rds:primarydbinstancearn", missingInstance, "The RDS instance " + missingInstance
                        + " that tags the master secret"));
        for (List<String> c : cases) {
            String master = seedRdsManagedMaster(c.get(0).isEmpty() ? null : c.get(0), c.get(1));
            String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw").put("masterarn", master)));
            String token = h.begin(arn);
            h.step(arn, token, Step.CREATE);
            assertThatThrownBy(() -> h.step(arn, token, Step.SET)).isInstanceOf(RotationException.class)
                    .hasMessageContaining(c.get(2));
        }
        assertThat(roleExists(user + "_clone")).isFalse();
    }

    @Test
    void aPreviousVersionForAnotherUserIsNotUsedToRecover() throws SQLException {
        String user = newUser();
        String other = newUser();
        createRole(user, "initial-pw");
        createRole(other, "other-pw");
        // AWSPREVIOUS holds working credentials, but for another user: they must not be used to change ours.
        String arn = h.seed(Json.write(pgSecret("localhost", other, "other-pw")));
        h.sm.putSecretValue(r -> r.secretId(arn).secretString(Json.write(pgSecret("localhost", user, "stale-pw"))));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);

        assertThatThrownBy(() -> h.step(arn, token, Step.SET))
                .hasMessageStartingWith("Unable to log into database with previous, current, or pending secret");
        assertThat(logsIn(Json.write(pgSecret("localhost", other, "other-pw")))).isTrue();
    }

    @Test
    void aPendingVersionForAnotherEngineIsRefused() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        String token = h.begin(arn);
        ObjectNode mysql = pgSecret("localhost", user, "new-pw").put("engine", "mysql");
        h.sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(token).versionStages("AWSPENDING")
                .secretString(Json.write(mysql)));

        assertThatThrownBy(() -> h.step(arn, token, Step.SET)).hasMessageContaining("another engine");
    }

    @Test
    void testSecretWithoutAPendingValueFailsClearly() throws SQLException {
        String user = newUser();
        createRole(user, "initial-pw");
        String arn = h.seed(Json.write(pgSecret("localhost", user, "initial-pw")));
        String token = h.begin(arn);

        assertThatThrownBy(() -> h.step(arn, token, Step.TEST)).hasMessageContaining("has no value");
    }

    private static boolean canReadOrders(String secretJson) {
        DatabaseSecret s = DatabaseSecret.parse(secretJson, "test");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://" + s.host() + ":" + s.port()
                + "/postgres?sslmode=disable", s.username(), s.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }
}

package dev.shepherd.rotation;

import static dev.shepherd.rotation.Harness.field;
import static dev.shepherd.rotation.Harness.logsIn;
import static dev.shepherd.rotation.Harness.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** All four steps against a real MariaDB (the mysql engines use the same statements), both strategies. */
class MariaDbRotationTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    static int port;
    /** No DB_CA_BUNDLE (PostgreSQL's would not sign MariaDB's certificate): the JVM trust store and the driver's checks. */
    private final Harness h = new Harness(java.util.Map.of("DB_CA_BUNDLE", ""));

    @BeforeAll
    static void start() {
        port = Databases.mariadb();
    }


    static String newUser() {
        return "app" + NAMES.incrementAndGet();
    }

    static void createUser(String user, String password) throws SQLException {
        try (Connection c = Databases.mariadbAdmin()) {
            run(c, "CREATE USER ?@'%' IDENTIFIED BY ?", user, password);
            run(c, "GRANT SELECT, INSERT ON app.* TO ?@'%'", user);
        }
    }

    static void run(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.execute();
        }
    }

    static List<String> grants(String user) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = Databases.mariadbAdmin(); PreparedStatement ps = c.prepareStatement("SHOW GRANTS FOR ?@'%'")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    static ObjectNode mariaSecret(String user, String password) {
        ObjectNode s = secret("mariadb", "localhost", port, user, password);
        s.put("dbname", "app").put("ssl", false);
        return s;
    }

    @Test
    void singleUserRotatesThePasswordAndTheOldOneIsRefused() throws SQLException {
        String user = newUser();
        createUser(user, "initial-pw");
        ObjectNode seeded = mariaSecret(user, "initial-pw");
        seeded.remove("ssl"); // absent: TLS first, plain only if TLS fails
        seeded.put("port", Integer.toString(port)); // a string port, as the console writes it
        String arn = h.seed(Json.write(seeded));
        String old = h.current(arn);

        h.rotate(arn);

        String now = h.current(arn);
        assertThat(field(now, "password")).hasSize(32).doesNotContain("/", "@", "\"", "'", "\\");
        assertThat(logsIn(now)).isTrue();
        assertThat(logsIn(old)).isFalse();
    }

    /**
     * MariaDB 11.4 serves TLS with a generated certificate, which Connector/J 3.5 verifies through the password
     * exchange ("zero-configuration TLS"): with ssl=true the whole rotation runs over TLS, none of it in plain.
     */
    @Test
    void sslTrueRotatesOverTlsOnly() throws SQLException {
        String user = newUser();
        createUser(user, "initial-pw");
        String arn = h.seed(Json.write(mariaSecret(user, "initial-pw").put("ssl", "true")));
        long before = tlsHandshakes();

        h.rotate(arn);

        assertThat(logsIn(h.current(arn))).isTrue();
        // pending (fails), current, pending again (test): at least three TLS handshakes, and no plain attempt exists
        assertThat(tlsHandshakes() - before).isGreaterThanOrEqualTo(3);
    }

    private static long tlsHandshakes() throws SQLException {
        try (Connection c = Databases.mariadbAdmin(); PreparedStatement ps = c.prepareStatement(
                "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'SSL_ACCEPTS'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void alternatingUsersCopyGrantsAndAlternate() throws SQLException {
        String user = newUser();
        createUser(user, "initial-pw");
        String master = h.sm.seedSecret("rds-master/maria-" + user, Json.write(Json.MAPPER.createObjectNode()
                .put("engine", "mariadb").put("host", "localhost").put("port", Databases.mariadb())
                .put("username", Databases.MARIADB_ADMIN)
                .put("password", Databases.MARIADB_ADMIN_PASSWORD)), null);
        String arn = h.seed(Json.write(mariaSecret(user, "initial-pw").put("masterarn", master)));
        String first = h.current(arn);

        h.rotate(arn);
        String second = h.current(arn);
        assertThat(field(second, "username")).isEqualTo(user + "_clone");
        assertThat(logsIn(second)).isTrue();
        assertThat(logsIn(first)).isTrue();
        assertThat(grants(user + "_clone")).anyMatch(g -> g.contains("SELECT, INSERT ON `app`.*"));

        h.rotate(arn);
        String third = h.current(arn);
        assertThat(field(third, "username")).isEqualTo(user);
        assertThat(logsIn(third)).isTrue();
        assertThat(logsIn(second)).isTrue();
        assertThat(logsIn(first)).isFalse();
    }

    @Test
    void theCloneGetsTheTemplateUsersTlsRequirement() throws SQLException {
        String template = newUser();
        try (Connection c = Databases.mariadbAdmin()) {
            run(c, "CREATE USER ?@'%' IDENTIFIED BY 'x' REQUIRE SUBJECT '/CN=app' AND ISSUER '/CN=ca'", template);
            new MysqlAccounts().upsertUser(c, template, template + "_clone", "clone-pw");
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT ssl_type, x509_subject, x509_issuer FROM mysql.user WHERE User = ? AND Host = '%'")) {
                ps.setString(1, template + "_clone");
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("SPECIFIED");
                    assertThat(rs.getString(2)).isEqualTo("/CN=app");
                    assertThat(rs.getString(3)).isEqualTo("/CN=ca");
                }
            }
        }
    }

    @Test
    void passwordsAndUserNamesWithQuotesBackslashesAndUnicodeReachTheDatabaseUnchanged() throws SQLException {
        String user = "O'Brien \"ops\" \\ ü" + NAMES.incrementAndGet();
        String initial = "it's \"q\" \\ %?$; ünï";
        createUser(user, initial);
        String arn = h.seed(Json.write(mariaSecret(user, initial)));
        String token = h.begin(arn);
        String chosen = "n3w 'pw' \"x\" \\\\ %?$; ∂ü😀";
        h.sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(token).versionStages("AWSPENDING")
                .secretString(Json.write(mariaSecret(user, chosen))));

        h.step(arn, token, Step.SET);
        h.step(arn, token, Step.TEST);
        h.step(arn, token, Step.FINISH);

        assertThat(logsIn(Json.write(mariaSecret(user, chosen)))).isTrue();
        assertThat(logsIn(Json.write(mariaSecret(user, initial)))).isFalse();
    }

    @Test
    void userNamesAtMariaDbLimitAlternateAndOneMoreIsRefused() throws SQLException {
        String base = ("m" + NAMES.incrementAndGet() + "_" + "x".repeat(80)).substring(0, 74);
        createUser(base, "initial-pw");
        String master = h.sm.seedSecret("rds-master/maria-" + base.substring(0, 10), Json.write(Json.MAPPER.createObjectNode()
                .put("host", "localhost").put("port", Databases.mariadb())
                .put("username", Databases.MARIADB_ADMIN).put("password", Databases.MARIADB_ADMIN_PASSWORD)), null);
        String arn = h.seed(Json.write(mariaSecret(base, "initial-pw").put("masterarn", master)));

        h.rotate(arn);
        assertThat(field(h.current(arn), "username")).hasSize(80);
        assertThat(logsIn(h.current(arn))).isTrue();

        String arn2 = h.seed(Json.write(mariaSecret(base + "y", "pw").put("masterarn", master)));
        String token = h.begin(arn2);
        assertThatThrownBy(() -> h.step(arn2, token, Step.CREATE)).hasMessageContaining("80 characters");
    }
}

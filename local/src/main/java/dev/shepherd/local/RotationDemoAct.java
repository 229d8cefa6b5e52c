package dev.shepherd.local;

import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.rotation.SecretRotationHandler;
import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.LocalContext;
import dev.shepherd.sandbox.Sandbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The secret-rotation act of {@code ./shepherd demo}: a real PostgreSQL, secrets in the sandbox, and full rotations
 * through the real {@link SecretRotationHandler}, narrated step by step with every AWS call made. Passwords are
 * never printed; the act shows which ones the database accepts.
 */
public final class RotationDemoAct {
    private static final String[] STEPS = {"createSecret", "setSecret", "testSecret", "finishSecret"};

    private RotationDemoAct() {
    }

    public static void play(PrintStream out) throws Exception {
        out.println("== Secret rotation: a real PostgreSQL, Secrets Manager in the sandbox ==");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectoryCustomizer(data -> requirePasswords(data.toPath())).start()) {
            int port = pg.getPort();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("SET password_encryption = 'scram-sha-256'");
                s.execute("CREATE TABLE orders (id int)");
                s.execute("CREATE ROLE orders_admin WITH LOGIN CREATEROLE PASSWORD 'admin-Pa55word'");
                s.execute("CREATE ROLE orders_app WITH LOGIN PASSWORD 'initial-Pa55word'");
                s.execute("CREATE ROLE orders_reporting WITH LOGIN PASSWORD 'initial-Pa55word'");
                s.execute("GRANT SELECT, INSERT ON orders TO orders_app");
                s.execute("GRANT SELECT ON orders TO orders_reporting");
            }
            out.println("PostgreSQL " + serverVersion(pg) + " on localhost:" + port
                    + ", roles orders_app and orders_reporting, master orders_admin");

            Sandbox sandbox = new Sandbox();
            FakeSecretsManager sm = sandbox.fake(FakeSecretsManager.class);
            Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev",
                    "POWERTOOLS_SERVICE_NAME", "secret-rotation");
            Platform previous = Platform.install(new Platform(env, sandbox, Clock.systemUTC()));
            try {
                SecretRotationHandler handler = new SecretRotationHandler();
                // Credentials only, as an RDS-managed master secret: its endpoint is that of the instance its tag names.
                String instance = sandbox.fake(FakeRds.class).addInstance("orders-db", "postgres", "localhost", port);
                String master = sm.seedSecret("rds-master/orders-admin",
                        "{\"username\":\"orders_admin\",\"password\":\"admin-Pa55word\"}", null);
                sm.tag(master, "aws:rds:primarydbinstancearn", instance);

                out.println();
                out.println("-- Single user: orders_app changes its own password --");
                String single = sm.seedSecret("rds/orders-app", Json.write(secret(port, "orders_app")), true);
                String before = current(sm, single);
                rotate(out, handler, sandbox, sm, single);
                String after = current(sm, single);
                out.println("  login with the new AWSCURRENT password: " + login(port, after));
                out.println("  login with the old password:            " + login(port, before));

                out.println();
                out.println("-- Alternating users: the master keeps orders_reporting and orders_reporting_clone in turn --");
                String alternating = sm.seedSecret("rds/orders-reporting",
                        Json.write(secret(port, "orders_reporting").put("masterarn", master)), true);
                String first = current(sm, alternating);
                rotate(out, handler, sandbox, sm, alternating);
                String second = current(sm, alternating);
                out.println("  AWSCURRENT is now " + user(second) + ": login " + login(port, second));
                out.println("  the old " + user(first) + " credential still works until the next rotation: login "
                        + login(port, first));
                rotate(out, handler, sandbox, sm, alternating);
                String third = current(sm, alternating);
                out.println("  AWSCURRENT is back on " + user(third) + " with a new password: login " + login(port, third));
                out.println("  " + user(second) + " (now AWSPREVIOUS) still works: login " + login(port, second)
                        + "; the first password of " + user(first) + ": login " + login(port, first));
            } finally {
                Platform.install(previous);
            }
        }
    }

    /** What Secrets Manager does: a value-less AWSPENDING version, then the four steps with one token. */
    private static void rotate(PrintStream out, SecretRotationHandler handler, Sandbox sandbox, FakeSecretsManager sm,
            String arn) {
        String token = UUID.randomUUID().toString();
        sm.beginRotation(arn, token);
        out.println("  Secrets Manager starts a rotation: version " + token + " labelled AWSPENDING, no value yet");
        for (String step : STEPS) {
            sandbox.journal().clear();
            SecretsManagerRotationEvent event = new SecretsManagerRotationEvent();
            event.setStep(step);
            event.setSecretId(arn);
            event.setClientRequestToken(token);
            String decision = handler.decide(event, new LocalContext("secret-rotation", 60_000));
            List<String> calls = sandbox.journal().calls().stream().map(CallJournal.Call::action).toList();
            out.println("  " + step + ": " + decision);
            out.println("      AWS calls: " + String.join(", ", calls));
        }
        out.println("  stages now: " + sm.stages(arn));
    }

    private static ObjectNode secret(int port, String user) {
        return Json.MAPPER.createObjectNode().put("engine", "postgres").put("host", "localhost").put("port", port)
                .put("dbname", "postgres").put("username", user).put("password", "initial-Pa55word");
    }

    private static String current(FakeSecretsManager sm, String arn) {
        return sm.valueAt(arn, "AWSCURRENT").orElseThrow();
    }

    private static String user(String secret) {
        return Json.parse(secret).get("username").asText();
    }

    private static String login(int port, String secret) {
        JsonNode s = Json.parse(secret);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres?sslmode=disable",
                s.get("username").asText(), s.get("password").asText())) {
            return "accepted";
        } catch (SQLException e) {
            return "refused (" + e.getSQLState() + ")";
        }
    }

    private static String serverVersion(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
             PreparedStatement ps = c.prepareStatement("SHOW server_version"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Embedded PostgreSQL trusts every local login by default; a demo of passwords needs them checked. */
    private static void requirePasswords(java.nio.file.Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.shepherd.rotation;

import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.LocalContext;
import dev.shepherd.sandbox.Sandbox;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real handler on the sandbox, plus the part of Secrets Manager that drives a rotation: it creates the
 * pending placeholder and invokes the four steps in order, as the service does.
 */
final class Harness {
    static final long LAMBDA_TIMEOUT_MILLIS = 60_000;

    final Sandbox sandbox = new Sandbox();
    final FakeSecretsManager sm = sandbox.fake(FakeSecretsManager.class);
    final FakeRds rds = sandbox.fake(FakeRds.class);
    final SecretRotationHandler handler;

    Harness() {
        this(Map.of());
    }

    Harness(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev",
                "POWERTOOLS_SERVICE_NAME", "secret-rotation"));
        Databases.postgresCertificateIfStarted().ifPresent(ca -> env.put("DB_CA_BUNDLE", ca.toString()));
        env.putAll(extraEnv);
        // An explicit platform, not Platform.install: test classes may then run in parallel.
        handler = new SecretRotationHandler(new Platform(env, sandbox, Clock.systemUTC()));
    }

    String seed(String value) {
        return sm.seedSecret("rds/" + UUID.randomUUID(), value, true);
    }

    /** What RotateSecret does before the first step: a value-less AWSPENDING version; returns its id (the token). */
    String begin(String arn) {
        String token = UUID.randomUUID().toString();
        sm.beginRotation(arn, token);
        return token;
    }

    String step(String arn, String token, Step step) {
        return step(arn, token, step, LAMBDA_TIMEOUT_MILLIS);
    }

    String step(String arn, String token, Step step, long remainingMillis) {
        return handler.decide(event(step.wire(), arn, token),
                new LocalContext("secret-rotation", remainingMillis));
    }

    static SecretsManagerRotationEvent event(String step, String arn, String token) {
        SecretsManagerRotationEvent event = new SecretsManagerRotationEvent();
        event.setStep(step);
        event.setSecretId(arn);
        event.setClientRequestToken(token);
        return event;
    }

    /** A whole rotation without faults; returns the token. */
    String rotate(String arn) {
        String token = begin(arn);
        for (Step step : Step.values()) {
            step(arn, token, step);
        }
        return token;
    }

    String current(String arn) {
        return sm.valueAt(arn, "AWSCURRENT").orElseThrow();
    }

    static String field(String secretJson, String key) {
        return Json.parse(secretJson).path(key).asText();
    }

    /** Whether a secret's credentials log into its database (plain connection: only the password is in question). */
    static boolean logsIn(String secretJson) {
        DatabaseSecret s = DatabaseSecret.parse(secretJson, "test secret");
        Properties p = new Properties();
        p.setProperty("user", s.username());
        p.setProperty("password", s.password());
        String url;
        if (s.engine() == Engine.POSTGRES) {
            p.setProperty("sslmode", "disable");
            url = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + s.dbname().orElse("");
        } else {
            p.setProperty("sslMode", "disable");
            url = "jdbc:mariadb://" + s.host() + ":" + s.port() + "/" + s.dbname().orElse("");
        }
        try (Connection c = DriverManager.getConnection(url, p)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    static ObjectNode secret(String engine, String host, int port, String user, String password) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("engine", engine).put("host", host).put("port", port).put("username", user).put("password", password);
        return s;
    }
}

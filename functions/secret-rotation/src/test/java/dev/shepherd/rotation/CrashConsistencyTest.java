package dev.shepherd.rotation;

import static dev.shepherd.rotation.Harness.logsIn;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.FakeSecretsManager.Timing;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every step, engine and strategy: a fault strikes before or after the step's effect, then Secrets Manager
 * retries the whole rotation with the same token. Between the attempts the credential that works in the database
 * is always held by AWSCURRENT or AWSPENDING; at the end AWSCURRENT logs in and AWSPENDING sits on that version.
 */
class CrashConsistencyTest {
    enum Fault {
        /** Secrets Manager answers 500 and changes nothing. */
        SECRETS_MANAGER_ERROR_BEFORE,
        /** Secrets Manager applies the call, but the answer is lost (500 after the effect). */
        SECRETS_MANAGER_ERROR_AFTER,
        /** The database is unreachable during the step (open connections cut, new ones dropped). */
        DATABASE_DOWN,
        /** The invocation starts with almost no Lambda time left. */
        TIMEOUT_BEFORE,
        /** The step does its work, then Lambda times out before it can report success. */
        TIMEOUT_AFTER
    }

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TcpProxy pgProxy;
    private static TcpProxy mariaProxy;
    private final Harness h = new Harness();

    @BeforeAll
    static void proxies() throws Exception {
        pgProxy = new TcpProxy(Databases.postgres().getPort());
        mariaProxy = new TcpProxy(Databases.mariadb());
    }

    @AfterAll
    static void stop() throws Exception {
        pgProxy.close();
        mariaProxy.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Engine engine : List.of(Engine.POSTGRES, Engine.MARIADB)) {
            for (boolean alternating : List.of(false, true)) {
                for (Step step : Step.values()) {
                    for (Fault fault : Fault.values()) {
                        all.add(Arguments.of(engine, alternating ? "alternating" : "single", step, fault));
                    }
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {3} at {2}")
    @MethodSource("cases")
    void aRetriedRotationEndsConsistent(Engine engine, String strategy, Step faulty, Fault fault) throws SQLException {
        String arn = seed(engine, strategy.equals("alternating"));
        String before = h.current(arn);
        String token = h.begin(arn);

        boolean failed = attempt(arn, token, faulty, fault, engine);

        if (failed) {
            // What the database accepts is still recorded in the secret.
            Optional<String> pending = h.sm.valueAt(arn, "AWSPENDING");
            assertThat(logsIn(h.current(arn)) || pending.filter(Harness::logsIn).isPresent())
                    .as("a working credential is held by AWSCURRENT or AWSPENDING").isTrue();
            assertThat(attempt(arn, token, null, null, engine)).as("the retried rotation succeeds").isFalse();
        }

        String after = h.current(arn);
        assertThat(after).isNotEqualTo(before);
        assertThat(logsIn(after)).as("AWSCURRENT logs in").isTrue();
        Map<String, List<String>> stages = h.sm.stages(arn);
        assertThat(stages.values().stream().filter(s -> s.contains("AWSPENDING")))
                .allSatisfy(s -> assertThat(s).contains("AWSCURRENT"));
        if (strategy.equals("alternating")) {
            assertThat(logsIn(before)).as("the previous user keeps working until the next rotation").isTrue();
        } else {
            assertThat(logsIn(before)).as("the old password is refused").isFalse();
        }
    }

    /** One pass of the four steps, with the fault at {@code faulty}; true if a step failed. */
    private boolean attempt(String arn, String token, Step faulty, Fault fault, Engine engine) {
        TcpProxy proxy = engine == Engine.POSTGRES ? pgProxy : mariaProxy;
        for (Step step : Step.values()) {
            boolean here = step == faulty;
            long remaining = Harness.LAMBDA_TIMEOUT_MILLIS;
            if (here) {
                switch (fault) {
                    case SECRETS_MANAGER_ERROR_BEFORE -> h.sm.injectFault(operationOf(step), Timing.BEFORE_EFFECT,
                            FakeSecretsManager::internalError);
                    case SECRETS_MANAGER_ERROR_AFTER -> h.sm.injectFault(operationOf(step), Timing.AFTER_EFFECT,
                            FakeSecretsManager::internalError);
                    case DATABASE_DOWN -> proxy.down();
                    case TIMEOUT_BEFORE -> remaining = SecretRotationHandler.RESERVE.toMillis() / 2;
                    case TIMEOUT_AFTER -> { }
                }
            }
            try {
                h.step(arn, token, step, remaining);
                if (here && fault == Fault.TIMEOUT_AFTER) {
                    return true;
                }
            } catch (RuntimeException e) {
                assertThat(e.getMessage()).isNotBlank();
                return true;
            } finally {
                proxy.up();
            }
        }
        return false;
    }

    /** The Secrets Manager call each step depends on. */
    private static String operationOf(Step step) {
        return switch (step) {
            case CREATE -> "PutSecretValue";
            case SET, TEST -> "GetSecretValue";
            case FINISH -> "UpdateSecretVersionStage";
        };
    }

    private String seed(Engine engine, boolean alternating) throws SQLException {
        String user = "crash" + NAMES.incrementAndGet();
        ObjectNode secret;
        String adminUser;
        String adminPassword;
        if (engine == Engine.POSTGRES) {
            PostgresRotationTest.createRole(user, "initial-pw");
            secret = Harness.secret("postgres", "localhost", pgProxy.port(), user, "initial-pw").put("dbname", "postgres");
            adminUser = Databases.PG_ADMIN;
            adminPassword = Databases.PG_ADMIN_PASSWORD;
        } else {
            MariaDbRotationTest.createUser(user, "initial-pw");
            secret = Harness.secret("mariadb", "localhost", mariaProxy.port(), user, "initial-pw")
                    .put("dbname", "app").put("ssl", false);
            adminUser = Databases.MARIADB_ADMIN;
            adminPassword = Databases.MARIADB_ADMIN_PASSWORD;
        }
        if (alternating) {
            secret.put("masterarn", h.sm.seedSecret("rds-master/" + user, Json.write(Json.MAPPER.createObjectNode()
                    .put("host", "localhost").put("port", secret.get("port").asInt())
                    .put("username", adminUser).put("password", adminPassword)), null));
        }
        return h.seed(Json.write(secret));
    }
}

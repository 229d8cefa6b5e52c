package dev.shepherd.rotation;

import static dev.shepherd.rotation.Harness.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every log line of full rotations (both database strategies, a generic secret with a RotationToken, and failing
 * steps) is captured, with everything written to stdout and stderr, and searched for every secret involved.
 */
class NoSecretsInLogsTest {
    @Test
    void noPasswordSecretStringOrRotationTokenIsEverLogged() throws Exception {
        CapturedLogs captured = new CapturedLogs();
        List<String> secrets = new ArrayList<>(List.of("initial-Pa55word", Databases.PG_ADMIN_PASSWORD, "initial-api-key",
                "rotation-token-0123456789abcdef"));
        List<Throwable> failures = new ArrayList<>();
        try {
            int port = Databases.postgres().getPort(); // first, so the Harness passes its CA bundle
            Harness h = new Harness();
            String user = "logged_" + ProcessHandle.current().pid();
            PostgresRotationTest.createRole(user, "initial-Pa55word");
            String single = h.seed(Json.write(Harness.secret("postgres", "localhost", port, user, "initial-Pa55word")));
            h.rotate(single);
            secrets.add(field(h.current(single), "password"));

            String master = h.sm.seedSecret("rds-master/logged", Json.write(Json.MAPPER.createObjectNode()
                    .put("host", "localhost").put("port", port).put("username", Databases.PG_ADMIN).put("password", Databases.PG_ADMIN_PASSWORD)), null);
            String alternating = h.seed(Json.write(Harness.secret("postgres", "localhost", port, user,
                    field(h.current(single), "password")).put("masterarn", master)));
            h.rotate(alternating);
            h.rotate(alternating);
            secrets.add(field(h.current(alternating), "password"));
            secrets.add(h.sm.valueAt(alternating, "AWSPREVIOUS").map(v -> field(v, "password")).orElseThrow());

            String generic = h.seed("{\"apiKey\": \"initial-api-key\", \"rotatedKeys\": [\"apiKey\"]}");
            String token = h.begin(generic);
            for (Step step : Step.values()) {
                // The raw event, as Lambda passes it, so the token travels the real entry point.
                String raw = Json.write(JsonNodeFactory.instance.objectNode().put("Step", step.wire())
                        .put("SecretId", generic).put("ClientRequestToken", token)
                        .put("RotationToken", "rotation-token-0123456789abcdef"));
                h.handler.handleRequest(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)),
                        new ByteArrayOutputStream(), new LocalContext("secret-rotation", 60_000));
            }
            secrets.add(field(h.current(generic), "apiKey"));

            // Failing steps log too: wrong current password, then a pending value for another user.
            String broken = h.seed(Json.write(Harness.secret("postgres", "localhost", port, user, "wrong-Pa55word-xyz")));
            secrets.add("wrong-Pa55word-xyz");
            String brokenToken = h.begin(broken);
            h.step(broken, brokenToken, Step.CREATE);
            secrets.add(field(h.sm.valueAt(broken, "AWSPENDING").orElseThrow(), "password"));
            failures.add(catchThrowable(() -> h.step(broken, brokenToken, Step.SET)));
        } finally {
            captured.close();
        }

        String everything = captured.everything();
        assertThat(captured.logs()).contains("setSecret done").contains("finishSecret done").contains("setSecret failed");
        assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(RotationException.class));
        for (String secret : secrets) {
            assertThat(everything).as("logs must not contain a secret value").doesNotContain(secret);
            assertThat(failures).allSatisfy(f -> assertThat(f.getMessage()).doesNotContain(secret));
        }
        assertThat(everything).doesNotContain("\"password\":");
    }

    @Test
    void item7_anUnexpectedExceptionIsLoggedWithItsTypeAndStackTraceButNotItsMessage() {
        Harness h = new Harness();
        String arn = h.seed("initial-api-key-value");
        String token = h.begin(arn);
        h.sm.injectFault("DescribeSecret", FakeSecretsManager.Timing.BEFORE_EFFECT,
                () -> new IllegalStateException("a library quoting its input: initial-api-key-value"));
        Throwable failure;
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            failure = catchThrowable(() -> h.step(arn, token, Step.CREATE));
            logs = captured.everything();
        }

        assertThat(failure).isInstanceOf(RotationException.class)
                .hasMessageContaining("unexpected java.lang.IllegalStateException");
        assertThat(failure.getMessage()).doesNotContain("initial-api-key-value");
        assertThat(logs).contains("createSecret failed with an unexpected java.lang.IllegalStateException")
                .contains("dev.shepherd.sandbox.FakeSecretsManager.withFaults")
                .contains("dev.shepherd.rotation.SecretStore.describe")
                .doesNotContain("initial-api-key-value");
    }
}

package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The config check reads secret values to test they are non-empty: none of them may reach a log line,
 * the metrics on stdout, the journal or the handler's output, whether the checks pass or fail.
 */
class SecretLoggingTest {
    static final String PLAN = "/shepherd/dev/deployments/AppECS-orders-cluster-orders-api/DgpECS-orders-cluster-orders-api";
    static final String[] SECRETS = {"S3cret-Value-Never-Logged-9f8e7d", "sk-live-ParameterValueNeverLogged-4242"};

    @Test
    void noSecretValueAppearsAnywhere() {
        HookHarness h = HookHarness.scenario("hook-ecs-codedeploy.json").env("HOOK_EVENT", "AfterAllowTestTraffic")
                .env("POWERTOOLS_LOG_LEVEL", "DEBUG")
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [
                          {"type": "config", "name": "present", "parameters": ["/orders/dev/api-key"], "secrets": ["orders/dev/db"]},
                          {"type": "config", "name": "partly missing", "parameters": ["/orders/dev/api-key", "/orders/dev/none"],
                           "secrets": ["orders/dev/db", "orders/dev/none"]}]}}}""");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        JsonNode out;
        try (LogCapture logs = LogCapture.capture()) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                out = h.invoke(CodeDeployEcsHookTest.EVENT);
            } finally {
                System.setOut(stdout);
            }

            // The run looked the secrets up (without fetching them) and logged both results.
            assertThat(h.journal().calls("secretsmanager", "DescribeSecret")).hasSize(3);
            assertThat(h.journal().calls("secretsmanager", "GetSecretValue")).isEmpty();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("check config 'present' passed"));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("check config 'partly missing' failed")
                    .contains("secret orders/dev/none does not exist"));
            for (String secret : SECRETS) {
                assertThat(logs.lines()).noneSatisfy(l -> assertThat(l).contains(secret));
                assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
                assertThat(out.toString()).doesNotContain(secret);
                assertThat(h.journal().calls().toString()).doesNotContain(secret);
            }
        }
        assertThat(out.path("status").asText()).isEqualTo("Failed");
    }
}

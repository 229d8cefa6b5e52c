package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.LocalContext;
import dev.shepherd.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 6 (hardening), deployment-hook items: each test failed on the code before its fix. */
class HardeningTest {
    static final String CODEDEPLOY_PLAN = CodeDeployEcsHookTest.PLAN;
    static final String EMPTY_STAGE = """
            {"stages": {"AfterAllowTestTraffic": {"checks": []}}}""";

    static HookHarness codeDeploy() {
        return CodeDeployEcsHookTest.hook();
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    // ---- item 12: plans and events parsed strictly -------------------------------------------------------

    @Test
    void item12_aPlanWithADuplicatedChecksKeyFailsTheStageClosed() {
        // With "last key wins" the empty second list shadowed the failing first one and the stage Succeeded.
        HookHarness h = codeDeploy().plan(CODEDEPLOY_PLAN, """
                {"stages": {"AfterAllowTestTraffic": {
                  "checks": [{"type": "targetHealth", "minHealthyTargets": 50}],
                  "checks": []}}}""");

        JsonNode out = h.invoke(CodeDeployEcsHookTest.EVENT);

        assertThat(CodeDeployEcsHookTest.reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains(CODEDEPLOY_PLAN).contains("Duplicate field 'checks'");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"DeploymentId\": \"d-7RQ2M4XKP\", \"DeploymentId\": \"d-0THERREG1\", \"LifecycleEventHookExecutionId\": \"x\"}|Duplicate field 'DeploymentId'",
            "{\"DeploymentId\": \"d-7RQ2M4XKP\", \"LifecycleEventHookExecutionId\": \"x\"} {\"DeploymentId\": \"d-0THERREG1\"}|content after the value",
            "{\"executionId\": \"e\", \"lifecycleStage\": \"PRE_SCALE_UP\", \"lifecycleStage\": \"POST_TEST_TRAFFIC_SHIFT\"}|Duplicate field 'lifecycleStage'"})
    void item12_anEventWithADuplicateKeyOrTrailingContentIsRefused(String eventAndReason) {
        String[] parts = eventAndReason.split("\\|");
        HookHarness h = codeDeploy();

        HookEvent event = HookEvent.detect(bytes(parts[0]));
        JsonNode out = h.invokeRaw(bytes(parts[0]), Duration.ofSeconds(60));

        assertThat(event).isInstanceOfSatisfying(HookEvent.Unrecognized.class, u -> assertThat(u.reason())
                .startsWith("the event is not one valid JSON document").contains(parts[1]));
        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(h.journal().calls()).isEmpty();
    }

    @Test
    void item12_wrongTypesInACodeDeployEventAreRefusedNotCoerced() {
        HookEvent event = HookEvent.detect(bytes("{\"DeploymentId\": 42, \"LifecycleEventHookExecutionId\": [\"x\"]}"));

        assertThat(event).isInstanceOfSatisfying(HookEvent.InvalidCodeDeploy.class, e -> assertThat(e.reason())
                .contains("DeploymentId is NUMBER, expected a non-empty string")
                .contains("LifecycleEventHookExecutionId is ARRAY, expected a non-empty string"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/executionDetails/productionTrafficWeights|{\"arn:green\": \"0\"}|executionDetails.productionTrafficWeights has a non-number weight",
            "/executionDetails/testTrafficWeights|[0, 100]|executionDetails.testTrafficWeights is ARRAY, expected an object",
            "/hookDetails|\"attempt 2\"|hookDetails is STRING, expected an object",
            "/executionDetails/serviceArn|7|executionDetails.serviceArn is NUMBER, expected a non-empty string",
            "/executionId|true|executionId is BOOLEAN, expected a non-empty string"})
    void item12_wrongTypesInAnEcsEventAreRefusedNotCoerced(String pointerValueReason) {
        String[] parts = pointerValueReason.split("\\|");
        ObjectNode event = ecsEvent();
        int slash = parts[0].lastIndexOf('/');
        ObjectNode parent = (ObjectNode) (slash == 0 ? event : event.at(parts[0].substring(0, slash)));
        parent.set(parts[0].substring(slash + 1), Json.parse(parts[1]));

        HookEvent detected = HookEvent.detect(bytes(Json.write(event)));

        assertThat(detected).isInstanceOfSatisfying(HookEvent.Unrecognized.class,
                u -> assertThat(u.reason()).startsWith("ECS lifecycle hook event: ").contains(parts[2]));
    }

    // ---- item 13: report errors ---------------------------------------------------------------------------

    @Test
    void item13_invalidDeploymentIdIsPermanent() {
        HookHarness h = codeDeploy().plan(CODEDEPLOY_PLAN, EMPTY_STAGE);
        String event = "{\"DeploymentId\": \"not-a-deployment-id\", \"LifecycleEventHookExecutionId\": \""
                + CodeDeployEcsHookTest.EXECUTION + "\"}";

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invokeRaw(bytes(event), Duration.ofSeconds(60));

            assertThat(out.path("status").asText()).isEqualTo("Failed");
            assertThat(h.reports()).hasSize(1);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR could not report Failed")
                    .contains("InvalidDeploymentIdException").contains("no retry can fix this"));
        }
    }

    @Test
    void item13_anErrorOutsideValidationReportsFailedExactlyOnce() {
        HookHarness h = codeDeploy().plan(CODEDEPLOY_PLAN, EMPTY_STAGE);

        JsonNode out = h.invokeRaw(HookHarness.readBytes(HookHarness.REPO.resolve("events")
                .resolve(CodeDeployEcsHookTest.EVENT)), new BrokenContext());

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("error outside validation");
        assertThat(CodeDeployEcsHookTest.reportedStatus(h)).isEqualTo("Failed");
    }

    @Test
    void item13_anErrorOutsideValidationWhoseReportFailsFailsTheInvocation() {
        HookHarness h = codeDeploy().plan(CODEDEPLOY_PLAN, EMPTY_STAGE).overlay("""
                {"codedeploy": {"faults": {"PutLifecycleEventHookExecutionStatus": ["InternalFailure"]}}}""");

        assertThatThrownBy(() -> h.invokeRaw(HookHarness.readBytes(HookHarness.REPO.resolve("events")
                .resolve(CodeDeployEcsHookTest.EVENT)), new BrokenContext()))
                .isInstanceOf(ReportNotDeliveredException.class).hasMessageContaining("could not report Failed");
        assertThat(h.reports()).hasSize(1);
    }

    // ---- item 14: ECS warm-up -----------------------------------------------------------------------------

    static HookHarness ecs(TestServer green) {
        return EcsNativeHookTest.hook().listenerOn(EcsNativeHookTest.LB, EcsNativeHookTest.TEST_LISTENER, green.port());
    }

    static ObjectNode ecsEvent() {
        return (ObjectNode) HookHarness.read(HookHarness.REPO.resolve("events").resolve(EcsNativeHookTest.EVENT));
    }

    @Test
    void item14_aCheckCutOffByTheDeadlineKeepsTheStagesWarmUp() throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(200, "{}").after(Duration.ofSeconds(20)))) {
            HookHarness h = ecs(green);

            // 2 s reserve (HookHarness): 1.5 s for the checks, which the slow green side overruns.
            JsonNode out = h.invoke(EcsNativeHookTest.EVENT, Duration.ofMillis(3_500));

            EcsNativeHookTest.assertWellFormed(out);
            assertThat(out.path("hookStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(out.path("hookDetails").path(EcsHook.ATTEMPT).intValue()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "4", "2147483648", "99999999999999999999", "1.5", "2.0", "\"1\"", "true",
            "null", "{}", "[1]"})
    void item14_aForgedAttemptCounterDoesNotExtendTheWarmUp(String forged) throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            ObjectNode event = ecsEvent();
            event.putObject("hookDetails").set(EcsHook.ATTEMPT, Json.parse(forged));

            try (LogCapture logs = LogCapture.capture()) {
                JsonNode out = ecs(green).invokeRaw(bytes(Json.write(event)), Duration.ofSeconds(60));

                EcsNativeHookTest.assertWellFormed(out);
                assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
                assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN hookDetails.shepherdAttempt is")
                        .contains("the warm-up counts as exhausted"));
            }
        }
    }

    @Test
    void item14_nullsInHookDetailsAreNeverEchoedBack() throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            ObjectNode event = ecsEvent();
            event.set("hookDetails", Json.parse("""
                    {"healthPath": "/actuator/health", "gone": null, "nested": {"a": null, "b": 1}}"""));

            JsonNode out = ecs(green).invokeRaw(bytes(Json.write(event)), Duration.ofSeconds(60));

            assertThat(out.path("hookStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(Json.write(out.path("hookDetails")))
                    .isEqualTo("{\"healthPath\":\"/actuator/health\",\"nested\":{\"b\":1},\"shepherdAttempt\":2}");
        }
    }

    // ---- item 15: hardening ------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"ecs/production-traffic-shift-rollback.json", "ecs/test-traffic-shift-rollback.json"})
    void item15_aRollbackTheEventsWeightsShowIsAnsweredWithoutAnApiCall(String event) {
        HookHarness h = EcsNativeHookTest.hook();

        JsonNode out = h.invoke(event);

        assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(h.journal().calls()).isEmpty();
    }

    @Test
    void item15_headerValuesThatAreNotStringsAreAPlanError() {
        String plan = """
                {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "http", "path": "/health",
                  "headers": {"X-Count": 3, "X-On": true, "X-Name": "ok", "X-Null": null}}]}}}""";

        assertThatThrownBy(() -> CheckPlan.parse(plan, "/p")).isInstanceOf(CheckPlan.PlanException.class)
                .hasMessageContaining("stages.AfterAllowTestTraffic.checks[0].headers.X-Count is NUMBER, expected a string")
                .hasMessageContaining("headers.X-On is BOOLEAN").hasMessageContaining("headers.X-Null is NULL")
                .message().doesNotContain("X-Name");
    }

    @Test
    void item15_loopbackIsRefusedAtInitInLambda() {
        Map<String, String> lambda = Map.of("SHEPHERD_ENVIRONMENT", "dev", "HTTP_ALLOW_LOOPBACK", "true",
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");

        assertThatThrownBy(() -> HookConfigTest.load(lambda)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("HTTP_ALLOW_LOOPBACK is true in Lambda (AWS_LAMBDA_RUNTIME_API is set)");
        assertThat(HookConfigTest.load(Map.of("SHEPHERD_ENVIRONMENT", "dev", "HTTP_ALLOW_LOOPBACK", "true"))
                .allowLoopback()).isTrue();
    }

    @Test
    void item15_aReportReserveNotBelowTheFunctionTimeoutIsAnInitError() {
        assertThatThrownBy(() -> HookConfigTest.load(Map.of("SHEPHERD_ENVIRONMENT", "dev",
                "REPORT_RESERVE_SECONDS", "120", "FUNCTION_TIMEOUT_SECONDS", "120")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("REPORT_RESERVE_SECONDS is 120, which leaves no time for validation within the"
                        + " function's 120 s timeout (FUNCTION_TIMEOUT_SECONDS)");
        assertThatThrownBy(() -> HookConfigTest.load(Map.of("SHEPHERD_ENVIRONMENT", "dev",
                "FUNCTION_TIMEOUT_SECONDS", "forever")))
                .hasMessageContaining("FUNCTION_TIMEOUT_SECONDS is 'forever'");
        assertThat(HookConfigTest.load(Map.of("SHEPHERD_ENVIRONMENT", "dev", "REPORT_RESERVE_SECONDS", "30",
                "FUNCTION_TIMEOUT_SECONDS", "120")).reportReserve()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void item15_aConfigCheckProvesASecretWithoutFetchingItsValue() {
        HookHarness h = codeDeploy().plan(CODEDEPLOY_PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "config", "secrets": ["orders/dev/db"]}]}}}""");

        JsonNode out = h.invoke(CodeDeployEcsHookTest.EVENT);

        assertThat(CodeDeployEcsHookTest.reportedStatus(h)).isEqualTo("Succeeded");
        assertThat(out.toString()).doesNotContain("S3cret-Value-Never-Logged-9f8e7d");
        assertThat(h.journal().calls("secretsmanager", "DescribeSecret")).hasSize(1);
        assertThat(h.journal().calls("secretsmanager", "GetSecretValue")).isEmpty();
    }

    @Test
    void item15_parameterProvidersAreNotReconfiguredConcurrently() throws Exception {
        // Checks read parameters on parallel threads; each read must keep its own decryption option. (Powertools
        // 2.9.0 keeps per-call options in ThreadLocals, so this guards against a regression on upgrade.)
        int count = 400;
        StringBuilder parameters = new StringBuilder();
        for (int i = 0; i < count; i++) {
            parameters.append(i == 0 ? "" : ",").append("{\"Name\": \"/orders/dev/key-").append(i)
                    .append("\", \"Type\": \"SecureString\", \"Value\": \"value-").append(i).append("\"}");
        }
        Sandbox sandbox = new Sandbox().load(Json.parse("{\"ssm\": {\"parameters\": [" + parameters + "]}}"));
        Parameters reader = new Parameters(new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, Clock.systemUTC()));

        List<Future<Optional<String>>> reads = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < count; i++) {
                String name = "/orders/dev/key-" + i;
                reads.add(threads.submit(() -> reader.find(name)));
            }
        }
        for (int i = 0; i < count; i++) {
            assertThat(reads.get(i).get()).as("key-" + i).contains("value-" + i);
        }
        assertThat(sandbox.journal().calls("ssm", "GetParameter"))
                .allSatisfy(c -> assertThat(c.request().path("WithDecryption").asBoolean()).isTrue());
    }

    /** A Lambda context whose request id cannot be read: the logging wrapper fails before the hook runs. */
    static final class BrokenContext implements Context {
        private final LocalContext real = new LocalContext("shepherd-dev-deployment-hook", 60_000);

        @Override
        public String getAwsRequestId() {
            throw new IllegalStateException("no request id");
        }

        @Override
        public String getLogGroupName() {
            return real.getLogGroupName();
        }

        @Override
        public String getLogStreamName() {
            return real.getLogStreamName();
        }

        @Override
        public String getFunctionName() {
            return real.getFunctionName();
        }

        @Override
        public String getFunctionVersion() {
            return real.getFunctionVersion();
        }

        @Override
        public String getInvokedFunctionArn() {
            return real.getInvokedFunctionArn();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return real.getIdentity();
        }

        @Override
        public ClientContext getClientContext() {
            return real.getClientContext();
        }

        @Override
        public int getRemainingTimeInMillis() {
            return real.getRemainingTimeInMillis();
        }

        @Override
        public int getMemoryLimitInMB() {
            return real.getMemoryLimitInMB();
        }

        @Override
        public LambdaLogger getLogger() {
            return real.getLogger();
        }
    }
}

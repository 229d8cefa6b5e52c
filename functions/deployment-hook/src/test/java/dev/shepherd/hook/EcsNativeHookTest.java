package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.core.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ECS native blue/green hook end to end: the verdict is the returned object. */
class EcsNativeHookTest {
    static final String SCENARIO = "hook-ecs-native.json";
    static final String EVENT = "ecs/post-test-traffic-shift.json";
    static final String PLAN = "/shepherd/dev/deployments/ecs/orders-cluster/orders-api";
    static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/orders-alb/0a1b2c3d4e5f6a7b";
    static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b2c3d4e5f6a7b/5555eeee6666ffff";

    static HookHarness hook() {
        return HookHarness.scenario(SCENARIO);
    }

    /** Only documented fields, never a null, exact enum spelling. */
    static void assertWellFormed(JsonNode response) {
        assertThat(response.isObject()).isTrue();
        for (Iterator<String> names = response.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertThat(name).isIn("hookStatus", "callBackDelay", "hookDetails");
            assertThat(response.get(name).isNull()).as(name).isFalse();
        }
        assertThat(response.path("hookStatus").asText()).isIn("SUCCEEDED", "FAILED", "IN_PROGRESS");
        if (response.has("callBackDelay")) {
            assertThat(response.get("callBackDelay").isInt()).isTrue();
        }
    }

    static byte[] eventWithStage(String stage) {
        ObjectNode event = (ObjectNode) HookHarness.read(HookHarness.REPO.resolve("events").resolve(EVENT));
        event.put("lifecycleStage", stage);
        return Json.write(event).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aHealthyGreenRevisionSucceedsOnTheDerivedTestEndpoint() throws IOException {
        try (TestServer green = TestServer.healthy()) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port());

            JsonNode out = h.invoke(EVENT);

            assertWellFormed(out);
            assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
            assertThat(out.has("callBackDelay")).isFalse();
            assertThat(green.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/health"));
            assertThat(h.journal().calls("elasticloadbalancing", "DescribeListeners")).singleElement()
                    .satisfies(c -> assertThat(c.request().toString()).contains(TEST_LISTENER));
            assertThat(h.journal().calls("elasticloadbalancing", "DescribeTargetHealth")).singleElement()
                    .satisfies(c -> assertThat(c.request().path("TargetGroupArn").asText()).contains("orders-green"));
        }
    }

    @Test
    void aFailingStageWithWarmUpAnswersInProgressKeepingTheServicesHookDetails() throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(503, "{\"status\":\"STARTING\"}"))) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port());

            JsonNode out = h.invoke(EVENT);

            assertWellFormed(out);
            assertThat(out.path("hookStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(out.path("callBackDelay").asInt()).isEqualTo(20);
            assertThat(out.path("hookDetails").path("healthPath").asText()).isEqualTo("/actuator/health");
            assertThat(out.path("hookDetails").path("shepherdAttempt").asInt()).isEqualTo(2);
            assertThat(green.received()).hasSize(1); // a wrong answer is not retried within an invocation
        }
    }

    @Test
    void theAttemptCounterIncrementsAndTheLastAttemptFails() throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            HookHarness second = hook().listenerOn(LB, TEST_LISTENER, green.port());
            JsonNode out = second.invoke("ecs/post-test-traffic-shift-second-attempt.json");
            assertWellFormed(out);
            assertThat(out.path("hookStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(out.path("hookDetails").path("shepherdAttempt").asInt()).isEqualTo(3);

            ObjectNode third = (ObjectNode) HookHarness.read(
                    HookHarness.REPO.resolve("events/ecs/post-test-traffic-shift-second-attempt.json"));
            third.set("hookDetails", out.path("hookDetails"));
            HookHarness last = hook().listenerOn(LB, TEST_LISTENER, green.port());
            JsonNode finalAnswer = last.invokeRaw(Json.write(third).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));

            assertWellFormed(finalAnswer);
            assertThat(finalAnswer.path("hookStatus").asText()).isEqualTo("FAILED");
        }
    }

    @Test
    void withoutWarmUpAFailingStageFailsAtOnce() throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(500, "{}"))) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port()).plan(PLAN, """
                    {"stages": {"POST_TEST_TRAFFIC_SHIFT": {"checks": [{"type": "http", "path": "/health"}]}}}""");

            try (LogCapture logs = LogCapture.capture()) {
                JsonNode out = h.invoke(EVENT);

                assertWellFormed(out);
                assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
                // ECS shows the reason nowhere, so the log must.
                assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                        .startsWith("ERROR answering FAILED").contains("HTTP 500, expected 200")
                        .contains("executionId=0c7e2d4a-5b61-4f0e-9a3c-2f8d1b6e7a90"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EcsStage.class)
    void everyHookableStageIsServedFromItsPlanStage(EcsStage stage) {
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"%s": {"checks": [{"type": "targetHealth", "minHealthyTargets": 2}]}}}""".formatted(stage));

        JsonNode out = h.invokeRaw(eventWithStage(stage.name()), Duration.ofSeconds(60));

        assertWellFormed(out);
        assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(h.journal().calls("elasticloadbalancing", "DescribeTargetHealth")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BAKE_TIME", "SCALE_UP", "CLEAN_UP", "post_test_traffic_shift", "ROLLBACK"})
    void aStageThatCannotInvokeHooksIsFailed(String stage) {
        HookHarness h = hook();

        JsonNode out = h.invokeRaw(eventWithStage(stage), Duration.ofSeconds(60));

        assertWellFormed(out);
        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(h.journal().calls()).isEmpty();
    }

    @Test
    void theUnknownStageEventFileIsFailed() {
        JsonNode out = hook().invoke("ecs/unknown-stage.json");

        assertWellFormed(out);
        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecs/production-traffic-shift-rollback.json", "ecs/test-traffic-shift-rollback.json"})
    void aRollbackSucceedsWithoutValidatingGreen(String event) throws IOException {
        try (TestServer green = TestServer.answering(TestServer.Answer.of(500, "{}"))) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port());

            JsonNode out = h.invoke(event);

            assertWellFormed(out);
            assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
            assertThat(green.received()).isEmpty();
            assertThat(h.journal().calls("ssm", "GetParameter")).isEmpty();
            assertThat(h.journal().calls("ecs", "DescribeServiceRevisions")).isEmpty();
        }
    }

    @Test
    void aRollbackStatusIsARollbackEvenWithEmptyWeights() {
        HookHarness h = hook().edit(s -> ((ObjectNode) s.at("/ecs/serviceDeployments/0")).put("status", "ROLLBACK_IN_PROGRESS"));

        JsonNode out = h.invokeRaw(eventWithStage("PRODUCTION_TRAFFIC_SHIFT"), Duration.ofSeconds(60));

        assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(h.journal().calls("ssm", "GetParameter")).isEmpty();
    }

    @Test
    void aForwardTestTrafficShiftIsValidatedEvenThoughProductionStillServesBlue() {
        // Production weights green 0 / blue 100 are normal before the production shift: not a rollback sign.
        ObjectNode event = (ObjectNode) HookHarness.read(HookHarness.REPO.resolve("events/ecs/test-traffic-shift-rollback.json"));
        ObjectNode test = (ObjectNode) event.at("/executionDetails/testTrafficWeights");
        test.properties().forEach(e -> test.put(e.getKey(), e.getKey().endsWith("7310598264471203358") ? 100 : 0));
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"TEST_TRAFFIC_SHIFT": {"checks": [{"type": "targetHealth", "minHealthyTargets": 3}]}}}""");

        JsonNode out = h.invokeRaw(Json.write(event).getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));

        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(h.journal().calls("elasticloadbalancing", "DescribeTargetHealth")).hasSize(1);
    }

    @Test
    void aServiceCreateSucceedsWithoutChecksByDefault() {
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"PRE_SCALE_UP": {"checks": [{"type": "http", "path": "/health"}]}}}""");

        JsonNode out = h.invoke("ecs/pre-scale-up-service-create.json");

        assertThat(out.path("hookStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(h.journal().calls("ecs", "DescribeServiceRevisions")).isEmpty();
    }

    @Test
    void aServiceCreateIsValidatedWhenThePlanSaysSo() {
        HookHarness h = hook().plan(PLAN, """
                {"serviceCreate": "validate", "stages": {"PRE_SCALE_UP": {"checks": [{"type": "http", "path": "/health"}]}}}""");

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke("ecs/pre-scale-up-service-create.json");

            assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("test traffic does not reach the green revision yet"));
        }
    }

    @Test
    void anUnknownServiceDeploymentIsFailed() {
        HookHarness h = hook().edit(s -> ((ObjectNode) s.path("ecs")).putArray("serviceDeployments"));

        JsonNode out = h.invoke(EVENT);

        assertWellFormed(out);
        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
    }

    @Test
    void anEcsEventWithoutItsIdsIsFailedWithoutAnyCall() {
        HookHarness h = hook();

        JsonNode out = h.invokeRaw("{\"lifecycleStage\": \"POST_SCALE_UP\"}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(60));

        assertWellFormed(out);
        assertThat(out.path("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(h.journal().calls()).isEmpty();
    }
}

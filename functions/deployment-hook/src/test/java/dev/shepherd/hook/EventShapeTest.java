package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Mode detection from the raw event, and what happens to events that fit neither shape. */
class EventShapeTest {
    static HookHarness hook() {
        return HookHarness.scenario("hook-ecs-codedeploy.json").env("HOOK_EVENT", "AfterAllowTestTraffic");
    }

    @Test
    void aConsoleTestEventGetsAnEcsStyleFailedAndAnErrorLog() {
        HookHarness h = hook();
        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke("codedeploy/console-test-empty.json");

            assertThat(out.toString()).isEqualTo("{\"hookStatus\":\"FAILED\"}");
            assertThat(h.journal().calls()).isEmpty();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR answering FAILED: the event is neither"));
        }
    }

    @Test
    void aCodeDeployEventWithABlankExecutionIdMakesNoCallAtAll() {
        HookHarness h = hook();
        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke("codedeploy/missing-execution-id.json");

            assertThat(out.path("status").asText()).isEqualTo("NotReported");
            assertThat(h.journal().calls()).isEmpty();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l)
                    .startsWith("ERROR CodeDeploy hook event: LifecycleEventHookExecutionId is blank"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"DeploymentId\": null, \"LifecycleEventHookExecutionId\": \"x\"}",
            "{\"LifecycleEventHookExecutionId\": \"x\"}", "{\"DeploymentId\": 42, \"LifecycleEventHookExecutionId\": \"x\"}"})
    void aCodeDeployEventWithoutADeploymentIdMakesNoCall(String event) {
        HookHarness h = hook();

        JsonNode out = h.invokeRaw(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));

        assertThat(out.path("status").asText()).isEqualTo("NotReported");
        assertThat(h.journal().calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1, 2]", "\"DeploymentId\"", "{\"hello\": \"world\"}"})
    void anythingElseIsFailedTheEcsWay(String event) {
        HookHarness h = hook();

        JsonNode out = h.invokeRaw(event.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(60));

        assertThat(out.toString()).isEqualTo("{\"hookStatus\":\"FAILED\"}");
        assertThat(h.journal().calls()).isEmpty();
    }

    /** Every sample event loads with the Lambda test library, as tools built on it would read it. */
    @ParameterizedTest
    @ValueSource(strings = {"codedeploy/ecs-after-allow-test-traffic.json", "codedeploy/lambda-before-allow-traffic.json",
            "ecs/post-test-traffic-shift.json", "ecs/post-test-traffic-shift-second-attempt.json",
            "ecs/production-traffic-shift-rollback.json", "ecs/test-traffic-shift-rollback.json",
            "ecs/pre-scale-up-service-create.json"})
    void everySampleEventLoadsAndIsRecognised(String file) {
        Map<?, ?> event = EventLoader.loadEvent(
                HookHarness.REPO.resolve("events").resolve(file).toString(), Map.class);

        assertThat(event).isNotEmpty();
        HookEvent detected = HookEvent.detect(HookHarness.readBytes(HookHarness.REPO.resolve("events").resolve(file)));
        assertThat(detected).isInstanceOfAny(HookEvent.CodeDeploy.class, HookEvent.Ecs.class);
        if (detected instanceof HookEvent.Ecs ecs) {
            assertThat(ecs.stage()).isNotNull();
        }
    }

    @Test
    void theShapesAreToldApart() {
        assertThat(HookEvent.detect(HookHarness.readBytes(HookHarness.REPO.resolve("events/codedeploy/ecs-after-allow-test-traffic.json"))))
                .isInstanceOf(HookEvent.CodeDeploy.class);
        HookEvent ecs = HookEvent.detect(HookHarness.readBytes(HookHarness.REPO.resolve("events/ecs/production-traffic-shift-rollback.json")));
        assertThat(ecs).isInstanceOfSatisfying(HookEvent.Ecs.class, e -> {
            assertThat(e.stage()).isEqualTo(EcsStage.PRODUCTION_TRAFFIC_SHIFT);
            assertThat(e.productionTrafficWeights()).hasSize(2).containsValue(0.0).containsValue(100.0);
            assertThat(e.testTrafficWeights()).isEmpty();
            assertThat(e.hookDetails().isEmpty()).isTrue();
        });
    }
}

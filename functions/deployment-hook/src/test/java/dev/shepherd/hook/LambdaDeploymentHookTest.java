package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.sandbox.FakeLambda;
import org.junit.jupiter.api.Test;

/** A CodeDeploy Lambda deployment: the smoke invoke of the new version decides. */
class LambdaDeploymentHookTest {
    static final String EVENT = "codedeploy/lambda-before-allow-traffic.json";

    static HookHarness hook() {
        return HookHarness.scenario("hook-lambda-codedeploy.json").env("HOOK_EVENT", "BeforeAllowTraffic");
    }

    @Test
    void theNewVersionAnsweringTheSmokePayloadSucceeds() {
        HookHarness h = hook();

        JsonNode out = h.invoke(EVENT);

        assertThat(out.path("status").asText()).isEqualTo("Succeeded");
        assertThat(h.reports()).singleElement()
                .satisfies(c -> assertThat(c.request().path("status").asText()).isEqualTo("Succeeded"));
        assertThat(h.sandbox.fake(FakeLambda.class).invocations()).singleElement().satisfies(i -> {
            assertThat(i.version()).isEqualTo("8");
            assertThat(i.payload()).contains("\"smokeTest\":true");
        });
    }

    @Test
    void aFunctionErrorFailsEvenThoughTheInvokeReturned200() {
        HookHarness h = hook().edit(s -> ((ObjectNode) s.at("/lambda/functions/orders-worker/versions/8"))
                .put("functionError", "Unhandled"));

        JsonNode out = h.invoke(EVENT);

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("orders-worker:8 returned a function error (Unhandled)");
        assertThat(h.reports()).singleElement()
                .satisfies(c -> assertThat(c.request().path("status").asText()).isEqualTo("Failed"));
    }

    @Test
    void anEventOnlyEcsHasFailsClosedOnALambdaDeployment() {
        HookHarness h = hook().env("HOOK_EVENT", "AfterAllowTestTraffic");

        JsonNode out = h.invoke(EVENT);

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("not a hookable event of Lambda deployments");
        assertThat(h.sandbox.fake(FakeLambda.class).invocations()).isEmpty();
    }

    @Test
    void aTargetGroupCheckOnALambdaDeploymentFailsWithAReason() {
        HookHarness h = hook().plan("/shepherd/dev/deployments/orders-worker-app/orders-worker-group", """
                {"stages": {"BeforeAllowTraffic": {"checks": [{"type": "targetHealth"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("not an ECS deployment");
    }
}

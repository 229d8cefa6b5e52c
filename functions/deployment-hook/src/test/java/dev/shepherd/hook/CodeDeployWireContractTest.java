package dev.shepherd.hook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real SDK client on the wire for the two CodeDeploy calls every CodeDeploy invocation makes: the
 * request fields PutLifecycleEventHookExecutionStatus sends, throttling retried by the SDK into one logical
 * report, and CodeDeploy's LifecycleEventAlreadyCompleted error mapped and absorbed.
 */
class CodeDeployWireContractTest {
    static final String TARGET = "CodeDeploy_20141006.";
    static final String JSON = "application/x-amz-json-1.1";
    static WireMockServer codeDeploy;

    @BeforeAll
    static void start() {
        codeDeploy = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(codeDeploy);
    }

    @BeforeEach
    void reset() {
        codeDeploy.resetAll();
        // An in-progress ECS blue/green deployment; HOOK_EVENT is unset, so the hook fails closed at once.
        codeDeploy.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(TARGET + "GetDeployment"))
                .willReturn(ok("""
                        {"deploymentInfo": {"deploymentId": "d-7RQ2M4XKP", "applicationName": "app", "deploymentGroupName": "dg",
                         "computePlatform": "ECS", "status": "InProgress", "createTime": 1764150012.318,
                         "deploymentStyle": {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}}}""")));
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", JSON).withBody(body);
    }

    static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400).withHeader("Content-Type", JSON)
                .withBody("{\"__type\": \"" + type + "\", \"message\": \"" + message + "\"}");
    }

    static JsonNode invoke(CallJournal journal) throws Exception {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DeploymentHookHandler(new Platform(env, new AwsClients(env, journal), Clock.systemUTC())).handleRequest(
                new ByteArrayInputStream(HookHarness.readBytes(
                        HookHarness.REPO.resolve("events/codedeploy/ecs-after-allow-test-traffic.json"))), out,
                new LocalContext("shepherd-dev-deployment-hook", Duration.ofSeconds(60).toMillis()));
        return Json.parse(out.toString());
    }

    @Test
    void throttledTwiceThenAcceptedIsOneLogicalReport() throws Exception {
        String put = TARGET + "PutLifecycleEventHookExecutionStatus";
        codeDeploy.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put)).inScenario("throttle")
                .whenScenarioStateIs(STARTED).willSetStateTo("once").willReturn(error("ThrottlingException", "Rate exceeded")));
        codeDeploy.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put)).inScenario("throttle")
                .whenScenarioStateIs("once").willSetStateTo("twice").willReturn(error("ThrottlingException", "Rate exceeded")));
        codeDeploy.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put)).inScenario("throttle")
                .whenScenarioStateIs("twice").willReturn(ok("{\"lifecycleEventHookExecutionId\": \"x\"}")));
        CallJournal journal = CallJournal.recording();

        JsonNode out = invoke(journal);

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        codeDeploy.verify(3, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put))
                .withRequestBody(equalToJson("""
                        {"deploymentId": "d-7RQ2M4XKP", "status": "Failed",
                         "lifecycleEventHookExecutionId": "eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSIsIml2UGFyYW1ldGVyU3BlYyI6IkFBQUEiLCJtYXRlcmlhbFNldFNlcmlhbCI6MX0="}""")));
        assertThat(journal.calls("codedeploy", "PutLifecycleEventHookExecutionStatus")).hasSize(1);
    }

    @Test
    void alreadyCompletedOnTheWireIsAbsorbed() throws Exception {
        String put = TARGET + "PutLifecycleEventHookExecutionStatus";
        codeDeploy.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put))
                .willReturn(error("LifecycleEventAlreadyCompletedException",
                        "An attempt to return the status of an already completed lifecycle event occurred.")));

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = invoke(CallJournal.recording());

            assertThat(out.path("status").asText()).isEqualTo("Failed");
            codeDeploy.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(put)));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN lifecycle event already completed"));
        }
    }
}

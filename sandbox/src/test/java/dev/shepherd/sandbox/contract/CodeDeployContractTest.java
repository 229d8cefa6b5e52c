package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetFilterName;

/** CodeDeploy (JSON 1.1, target prefix {@code CodeDeploy_20141006}) on the wire versus {@code FakeCodeDeploy}. */
class CodeDeployContractTest extends ContractTest {
    static final String PREFIX = "CodeDeploy_20141006.";
    static final String ID = "d-7RQ2M4XKP";
    static final String EXEC = "eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSJ9";

    CodeDeployClient fake;
    CodeDeployClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"codedeploy": {"deployments": [
                   {"deploymentInfo": {"deploymentId": "d-7RQ2M4XKP", "computePlatform": "ECS", "status": "InProgress"},
                    "targets": [{"deploymentTargetType": "ECSTarget", "ecsTarget": {"targetId": "c:s", "status": "InProgress",
                      "lifecycleEvents": [{"lifecycleEventName": "AfterAllowTestTraffic", "status": "InProgress"}]}}],
                    "hookExecutions": {"eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSJ9": "AfterAllowTestTraffic", "done": "AfterAllowTestTraffic"}},
                   {"deploymentInfo": {"deploymentId": "d-SERVER001", "computePlatform": "Server", "status": "InProgress"}},
                   {"deploymentInfo": {"deploymentId": "d-QUEUED001", "computePlatform": "ECS", "status": "Queued"}}],
                  "deploymentGroups": [{"applicationName": "orders", "deploymentGroupName": "orders-dg"}]}}"""))
                .client(CodeDeployClient.class);
        real = real(CodeDeployClient.class);
    }

    @Test
    void getDeployment() {
        wire.stubFor(jsonCall(PREFIX + "GetDeployment").willReturn(json("""
                {"deploymentInfo": {"deploymentId": "d-7RQ2M4XKP", "applicationName": "orders", "status": "InProgress",
                 "computePlatform": "ECS", "createTime": 1764150012.318,
                 "deploymentStyle": {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}}}""")));

        var info = real.getDeployment(r -> r.deploymentId(ID)).deploymentInfo();

        assertThat(info.status()).isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThat(info.computePlatform()).isEqualTo(ComputePlatform.ECS);
        assertThat(info.createTime().toEpochMilli()).isEqualTo(1764150012318L);
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "GetDeployment"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
                .withRequestBody(equalToJson("{\"deploymentId\":\"d-7RQ2M4XKP\"}")));
        assertThat(journal.calls("codedeploy", "GetDeployment")).hasSize(1);
    }

    @Test
    void getDeploymentErrorsMapLikeTheFake() {
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeployment"), false,
                () -> fake.getDeployment(r -> r.deploymentId("d-NOTHERE00")), () -> real.getDeployment(r -> r.deploymentId(ID)));
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeployment"), false,
                () -> fake.getDeployment(r -> r.deploymentId("bad")), () -> real.getDeployment(r -> r.deploymentId(ID)));
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeployment"), false,
                () -> fake.getDeployment(r -> { }), () -> real.getDeployment(r -> r.deploymentId(ID)));
    }

    @Test
    void getDeploymentGroup() {
        wire.stubFor(jsonCall(PREFIX + "GetDeploymentGroup").willReturn(json("""
                {"deploymentGroupInfo": {"applicationName": "orders", "deploymentGroupName": "orders-dg",
                 "alarmConfiguration": {"enabled": true, "alarms": [{"name": "orders-5xx"}]},
                 "loadBalancerInfo": {"targetGroupPairInfoList": [{"targetGroups": [{"name": "tg-1"}, {"name": "tg-2"}],
                   "testTrafficRoute": {"listenerArns": ["arn:listener/test"]}}]}}}""")));

        var group = real.getDeploymentGroup(r -> r.applicationName("orders").deploymentGroupName("orders-dg")).deploymentGroupInfo();

        assertThat(group.alarmConfiguration().alarms().getFirst().name()).isEqualTo("orders-5xx");
        assertThat(group.loadBalancerInfo().targetGroupPairInfoList().getFirst().testTrafficRoute().listenerArns())
                .containsExactly("arn:listener/test");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "GetDeploymentGroup"))
                .withRequestBody(equalToJson("{\"applicationName\":\"orders\",\"deploymentGroupName\":\"orders-dg\"}")));
    }

    @Test
    void getDeploymentGroupErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.getDeploymentGroup(r -> r.applicationName("orders").deploymentGroupName("g"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentGroup"), false,
                () -> fake.getDeploymentGroup(r -> r.applicationName("nope").deploymentGroupName("g")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentGroup"), false,
                () -> fake.getDeploymentGroup(r -> r.applicationName("orders").deploymentGroupName("g")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentGroup"), false,
                () -> fake.getDeploymentGroup(r -> r.deploymentGroupName("g")), realCall);
    }

    @Test
    void getDeploymentTarget() {
        wire.stubFor(jsonCall(PREFIX + "GetDeploymentTarget").willReturn(json("""
                {"deploymentTarget": {"deploymentTargetType": "ECSTarget", "ecsTarget": {"deploymentId": "d-7RQ2M4XKP",
                  "targetId": "c:s", "status": "InProgress",
                  "lifecycleEvents": [{"lifecycleEventName": "AfterAllowTestTraffic", "status": "InProgress"}],
                  "taskSetsInfo": [{"identifer": "ecs-svc/1", "taskSetLabel": "Green", "trafficWeight": 0.0,
                                    "targetGroup": {"name": "tg-2"}}]}}}""")));

        var target = real.getDeploymentTarget(r -> r.deploymentId(ID).targetId("c:s")).deploymentTarget().ecsTarget();

        assertThat(target.lifecycleEvents().getFirst().status()).isEqualTo(LifecycleEventStatus.IN_PROGRESS);
        assertThat(target.taskSetsInfo().getFirst().identifer()).isEqualTo("ecs-svc/1");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "GetDeploymentTarget"))
                .withRequestBody(equalToJson("{\"deploymentId\":\"d-7RQ2M4XKP\",\"targetId\":\"c:s\"}")));
    }

    @Test
    void getDeploymentTargetErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.getDeploymentTarget(r -> r.deploymentId(ID).targetId("c:s"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentTarget"), false,
                () -> fake.getDeploymentTarget(r -> r.deploymentId(ID).targetId("x:y")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentTarget"), false,
                () -> fake.getDeploymentTarget(r -> r.deploymentId(ID)), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "GetDeploymentTarget"), false,
                () -> fake.getDeploymentTarget(r -> r.deploymentId("d-QUEUED001").targetId("c:s")), realCall);
    }

    @Test
    void listDeploymentTargets() {
        wire.stubFor(jsonCall(PREFIX + "ListDeploymentTargets").willReturn(json("{\"targetIds\": [\"c:s\"]}")));

        var ids = real.listDeploymentTargets(r -> r.deploymentId(ID)
                .targetFilters(Map.of(TargetFilterName.TARGET_STATUS, List.of("InProgress")))).targetIds();

        assertThat(ids).containsExactly("c:s");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "ListDeploymentTargets"))
                .withRequestBody(equalToJson("{\"deploymentId\":\"d-7RQ2M4XKP\",\"targetFilters\":{\"TargetStatus\":[\"InProgress\"]}}")));
    }

    @Test
    void listDeploymentTargetsErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.listDeploymentTargets(r -> r.deploymentId(ID));
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeploymentTargets"), false,
                () -> fake.listDeploymentTargets(r -> r.deploymentId(ID).nextToken("x")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeploymentTargets"), false,
                () -> fake.listDeploymentTargets(r -> r.deploymentId("d-NOTHERE00")), realCall);
    }

    @Test
    void putLifecycleEventHookExecutionStatus() {
        wire.stubFor(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus")
                .willReturn(json("{\"lifecycleEventHookExecutionId\": \"" + EXEC + "\"}")));

        var response = real.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId(EXEC)
                .status(LifecycleEventStatus.SUCCEEDED));

        assertThat(response.lifecycleEventHookExecutionId()).isEqualTo(EXEC);
        wire.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo(PREFIX + "PutLifecycleEventHookExecutionStatus"))
                .withRequestBody(equalToJson("{\"deploymentId\":\"d-7RQ2M4XKP\",\"lifecycleEventHookExecutionId\":\""
                        + EXEC + "\",\"status\":\"Succeeded\"}")));
        assertThat(journal.calls("codedeploy", "PutLifecycleEventHookExecutionStatus")).hasSize(1);
    }

    @Test
    void putLifecycleEventHookExecutionStatusErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID)
                .lifecycleEventHookExecutionId(EXEC).status(LifecycleEventStatus.SUCCEEDED));
        fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId("done").status("Succeeded"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), false,
                () -> fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId("done")
                        .status("Failed")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), false,
                () -> fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId("nope")
                        .status("Failed")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), false,
                () -> fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId(EXEC)
                        .status("InProgress")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), false,
                () -> fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId("d-SERVER001").lifecycleEventHookExecutionId(EXEC)
                        .status("Failed")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), false,
                () -> fake.putLifecycleEventHookExecutionStatus(r -> r.deploymentId("d-NOTHERE00").lifecycleEventHookExecutionId(EXEC)
                        .status("Failed")), realCall);
    }

    @Test
    void throttlingIsRetriedThenTheReportSucceeds() {
        stubSequence(() -> jsonCall(PREFIX + "PutLifecycleEventHookExecutionStatus"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"),
                json("{\"lifecycleEventHookExecutionId\": \"" + EXEC + "\"}")));

        var response = real.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(ID).lifecycleEventHookExecutionId(EXEC)
                .status(LifecycleEventStatus.FAILED));

        assertThat(response.lifecycleEventHookExecutionId()).isEqualTo(EXEC);
        assertThat(requests()).hasSize(2);
        assertThat(journal.calls("codedeploy", "PutLifecycleEventHookExecutionStatus")).as("one logical call").hasSize(1);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> jsonCall(PREFIX + "GetDeployment"), List.of(
                jsonError(500, "InternalFailure", "internal"),
                json("{\"deploymentInfo\": {\"deploymentId\": \"d-7RQ2M4XKP\", \"status\": \"Succeeded\"}}")));

        assertThat(real.getDeployment(r -> r.deploymentId(ID)).deploymentInfo().status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(requests()).hasSize(2);
    }

    @Test
    void anInjectedThrottleInTheFakeMatchesTheWire() {
        CodeDeployClient faulty = new Sandbox().load(Json.parse("""
                {"codedeploy": {"faults": {"GetDeployment": ["ThrottlingException"]}}}""")).client(CodeDeployClient.class);
        // the real client retries throttling until its attempts run out; the error it then throws is the fake's
        wire.stubFor(jsonCall(PREFIX + "GetDeployment").willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")));
        assertSameError(thrownBy(() -> faulty.getDeployment(r -> r.deploymentId(ID))),
                () -> real.getDeployment(r -> r.deploymentId(ID)));
        assertThat(requests()).as("standard retry mode: 3 attempts").hasSize(3);
    }
}

package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIdRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionStatusException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetFilterName;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;
import software.amazon.awssdk.services.codedeploy.model.ThrottlingException;
import software.amazon.awssdk.services.codedeploy.model.UnsupportedActionForDeploymentTypeException;

class FakeCodeDeployTest {
    static final String ECS = "d-7RQ2M4XKP";
    static final String LAMBDA = "d-LAMBDA001";
    static final String SERVER = "d-SERVER001";
    static final String EXEC = "eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSJ9";
    static final String SCENARIO = """
            {"codedeploy": {
              "deployments": [
                {"deploymentInfo": {"deploymentId": "d-7RQ2M4XKP", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                    "computePlatform": "ECS", "status": "InProgress", "createTime": 1764150012.318,
                                    "deploymentStyle": {"deploymentType": "BLUE_GREEN", "deploymentOption": "WITH_TRAFFIC_CONTROL"}},
                 "targets": [{"deploymentTargetType": "ECSTarget", "ecsTarget": {
                    "deploymentId": "d-7RQ2M4XKP", "targetId": "orders-cluster:orders-api", "status": "InProgress",
                    "lifecycleEvents": [{"lifecycleEventName": "AfterInstall", "status": "Succeeded"},
                                        {"lifecycleEventName": "AfterAllowTestTraffic", "status": "InProgress"}],
                    "taskSetsInfo": [{"identifer": "ecs-svc/2", "taskSetLabel": "Green", "trafficWeight": 0.0,
                                      "targetGroup": {"name": "orders-tg-2"}}]}}],
                 "hookExecutions": {"eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSJ9": "AfterAllowTestTraffic", "done": "AfterInstall",
                                    "second": "AfterAllowTestTraffic"}},
                {"deploymentInfo": {"deploymentId": "d-LAMBDA001", "computePlatform": "Lambda", "status": "InProgress"},
                 "hookExecutions": {"pre": "BeforeAllowTraffic"}},
                {"deploymentInfo": {"deploymentId": "d-SERVER001", "computePlatform": "Server", "status": "InProgress"},
                 "hookExecutions": {"x": "AfterInstall"}}
              ],
              "deploymentGroups": [{"applicationName": "orders", "deploymentGroupName": "orders-dg",
                 "computePlatform": "ECS",
                 "alarmConfiguration": {"enabled": true, "alarms": [{"name": "orders-5xx"}]}}]
            }}""";

    Sandbox sandbox;
    FakeCodeDeploy fake;
    CodeDeployClient codeDeploy;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        fake = sandbox.fake(FakeCodeDeploy.class);
        codeDeploy = sandbox.client(CodeDeployClient.class);
    }

    private void report(String deploymentId, String executionId, String status) {
        codeDeploy.putLifecycleEventHookExecutionStatus(
                r -> r.deploymentId(deploymentId).lifecycleEventHookExecutionId(executionId).status(status));
    }

    private LifecycleEvent event(String name) {
        return codeDeploy.getDeploymentTarget(r -> r.deploymentId(ECS).targetId("orders-cluster:orders-api"))
                .deploymentTarget().ecsTarget().lifecycleEvents().stream()
                .filter(e -> e.lifecycleEventName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void servesSeededDeploymentGroupAndTarget() {
        var info = codeDeploy.getDeployment(r -> r.deploymentId(ECS)).deploymentInfo();
        assertThat(info.computePlatform()).isEqualTo(ComputePlatform.ECS);
        assertThat(info.createTime().toEpochMilli()).isEqualTo(1764150012318L);
        assertThat(codeDeploy.getDeploymentGroup(r -> r.applicationName("orders").deploymentGroupName("orders-dg"))
                .deploymentGroupInfo().alarmConfiguration().alarms()).extracting(a -> a.name()).containsExactly("orders-5xx");
        assertThat(codeDeploy.listDeploymentTargets(r -> r.deploymentId(ECS)).targetIds())
                .containsExactly("orders-cluster:orders-api");
        assertThat(codeDeploy.getDeploymentTarget(r -> r.deploymentId(ECS).targetId("orders-cluster:orders-api"))
                .deploymentTarget().ecsTarget().taskSetsInfo().getFirst().targetGroup().name()).isEqualTo("orders-tg-2");
        assertThat(sandbox.journal().calls()).extracting(c -> c.action()).containsExactly("codedeploy:GetDeployment",
                "codedeploy:GetDeploymentGroup", "codedeploy:ListDeploymentTargets", "codedeploy:GetDeploymentTarget");
    }

    @Test
    void deploymentIdsAreValidated() {
        assertThatThrownBy(() -> codeDeploy.getDeployment(r -> r.deploymentId(null)))
                .isInstanceOf(DeploymentIdRequiredException.class);
        assertThatThrownBy(() -> codeDeploy.getDeployment(r -> r.deploymentId("d-abc")))
                .isInstanceOf(InvalidDeploymentIdException.class);
        assertThatThrownBy(() -> codeDeploy.getDeployment(r -> r.deploymentId("d-NOTHERE00")))
                .isInstanceOf(DeploymentDoesNotExistException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("DeploymentDoesNotExistException"));
        assertThatThrownBy(() -> report("bad", EXEC, "Succeeded")).isInstanceOf(InvalidDeploymentIdException.class);
    }

    @Test
    void unknownGroupTargetAndApplicationAreErrors() {
        assertThatThrownBy(() -> codeDeploy.getDeploymentGroup(r -> r.applicationName("nope").deploymentGroupName("g")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.getDeploymentGroup(r -> r.applicationName("orders").deploymentGroupName("g")))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.getDeploymentTarget(r -> r.deploymentId(ECS).targetId("other:svc")))
                .isInstanceOf(DeploymentTargetDoesNotExistException.class);
    }

    @Test
    void targetsFilterByStatus() {
        assertThat(codeDeploy.listDeploymentTargets(r -> r.deploymentId(ECS)
                .targetFilters(Map.of(TargetFilterName.TARGET_STATUS, List.of("Failed")))).targetIds()).isEmpty();
        assertThat(codeDeploy.listDeploymentTargets(r -> r.deploymentId(ECS)
                .targetFilters(Map.of(TargetFilterName.TARGET_STATUS, List.of("InProgress")))).targetIds()).hasSize(1);
    }

    @Test
    void succeededCompletesTheLifecycleEventOnce() {
        report(ECS, EXEC, "Succeeded");

        assertThat(fake.reportedStatus(ECS, EXEC)).contains(LifecycleEventStatus.SUCCEEDED);
        assertThat(event("AfterAllowTestTraffic").status()).isEqualTo(LifecycleEventStatus.SUCCEEDED);
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId(ECS)).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.IN_PROGRESS);
        assertThatThrownBy(() -> report(ECS, EXEC, "Failed")).isInstanceOf(LifecycleEventAlreadyCompletedException.class);
        assertThat(fake.reportedStatus(ECS, EXEC)).contains(LifecycleEventStatus.SUCCEEDED);
        // another execution of the same, now ended, event cannot be reported either
        assertThatThrownBy(() -> report(ECS, "second", "Succeeded"))
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
    }

    @Test
    void failedFailsTheEventTheTargetAndTheDeployment() {
        report(ECS, EXEC, "Failed");

        var info = codeDeploy.getDeployment(r -> r.deploymentId(ECS)).deploymentInfo();
        assertThat(info.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(info.errorInformation().code()).isEqualTo(ErrorCode.HOOK_EXECUTION_FAILURE);
        assertThat(info.completeTime()).isNotNull();
        assertThat(event("AfterAllowTestTraffic").status()).isEqualTo(LifecycleEventStatus.FAILED);
        assertThat(codeDeploy.getDeploymentTarget(r -> r.deploymentId(ECS).targetId("orders-cluster:orders-api"))
                .deploymentTarget().ecsTarget().status()).isEqualTo(TargetStatus.FAILED);
        assertThat(fake.reportedStatus(ECS, EXEC)).contains(LifecycleEventStatus.FAILED);
    }

    @Test
    void reportingRulesAndErrorCodes() {
        assertThatThrownBy(() -> report(ECS, "unknown", "Succeeded"))
                .isInstanceOf(InvalidLifecycleEventHookExecutionIdException.class);
        assertThatThrownBy(() -> report(ECS, null, "Succeeded"))
                .isInstanceOf(InvalidLifecycleEventHookExecutionIdException.class);
        for (String status : new String[] {"Pending", "InProgress", "Skipped", "Unknown", "succeeded"}) {
            assertThatThrownBy(() -> report(ECS, EXEC, status))
                    .isInstanceOf(InvalidLifecycleEventHookExecutionStatusException.class);
        }
        assertThatThrownBy(() -> report(ECS, "done", "Succeeded"))
                .as("the seeded AfterInstall event already ended")
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
        assertThatThrownBy(() -> report(SERVER, "x", "Succeeded"))
                .isInstanceOf(UnsupportedActionForDeploymentTypeException.class);
        assertThat(fake.reportedStatus(ECS, EXEC)).isEmpty();
        report(LAMBDA, "pre", "Succeeded");
        assertThat(fake.reportedStatus(LAMBDA, "pre")).contains(LifecycleEventStatus.SUCCEEDED);
    }

    @Test
    void aDeploymentNoLongerInProgressRejectsReports() {
        sandbox.load(Json.parse("""
                {"codedeploy": {"deployments": [{"deploymentInfo": {"deploymentId": "d-STOPPED01", "computePlatform": "ECS",
                  "status": "Stopped"}, "hookExecutions": {"e": "AfterAllowTraffic"}}]}}"""));
        assertThatThrownBy(() -> report("d-STOPPED01", "e", "Succeeded"))
                .isInstanceOf(LifecycleEventAlreadyCompletedException.class);
    }

    @Test
    void injectedFaultsAreThrownOnceEachInOrderAndJournaled() {
        sandbox.load(Json.parse("""
                {"codedeploy": {"faults": {"PutLifecycleEventHookExecutionStatus":
                    ["ThrottlingException", {"code": "InternalFailure", "status": 500}]}}}"""));

        assertThatThrownBy(() -> report(ECS, EXEC, "Succeeded")).isInstanceOf(ThrottlingException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).isThrottlingException()).isTrue());
        assertThatThrownBy(() -> report(ECS, EXEC, "Succeeded")).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> {
                    assertThat(((AwsServiceException) e).statusCode()).isEqualTo(500);
                    assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
                });
        report(ECS, EXEC, "Succeeded");

        assertThat(fake.reportedStatus(ECS, EXEC)).contains(LifecycleEventStatus.SUCCEEDED);
        assertThat(sandbox.journal().calls("codedeploy", "PutLifecycleEventHookExecutionStatus")).hasSize(3);
    }

    @Test
    void concurrentReportsCompleteTheEventExactlyOnce() throws Exception {
        int threads = 8;
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    try {
                        report(ECS, EXEC, "Succeeded");
                        return true;
                    } catch (LifecycleEventAlreadyCompletedException e) {
                        return false;
                    }
                }));
            }
        }
        int succeeded = 0;
        for (Future<Boolean> r : results) {
            succeeded += r.get() ? 1 : 0;
        }
        assertThat(succeeded).isEqualTo(1);
    }

    @Test
    void badScenariosFailWithTheirPath() {
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"codedeploy": {"deployments": [{"deploymentInfo": {"deploymentId": "d-7RQ2M4XKP", "stauts": "InProgress"}}]}}""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("codedeploy.deployments[0].deploymentInfo has unknown field 'stauts'");
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"codedeploy": {"deployments": [{"deploymentInfo": {"deploymentId": "deploy-1"}}]}}""")))
                .hasMessageContaining("must look like d-");
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"codedeploy": {"faults": {"PutLifecycleHook": ["ThrottlingException"]}}}""")))
                .hasMessageContaining("unknown operation 'PutLifecycleHook'");
        assertThatThrownBy(() -> sandbox.load(Json.parse("{\"codedeploy\": {\"deploymentz\": []}}")))
                .hasMessageContaining("unknown key 'deploymentz'");
    }
}

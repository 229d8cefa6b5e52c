package dev.shepherd.alarm;

import static dev.shepherd.alarm.Alarms.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.alarm.StopReport.Result;
import dev.shepherd.alarm.Target.DeploymentGroup;
import dev.shepherd.alarm.Target.EcsService;
import dev.shepherd.alarm.Target.LambdaAlias;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeCodeDeploy;
import dev.shepherd.sandbox.FakeEcs;
import dev.shepherd.sandbox.FakeLambda;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** Stopping with rollback: the CodeDeploy cases of the reference (7.14), ECS native, Lambda aliases, and when not to. */
class DeploymentStopperTest {
    static final DeploymentGroup ORDERS = new DeploymentGroup("orders", "orders-dg");
    static final DeploymentGroup CANARY = new DeploymentGroup("orders", "orders-canary");
    static final String ECS = "arn:aws:ecs:eu-west-1:111122223333:";
    static final String SD = ECS + "service-deployment/orders-cluster/orders-api/";

    final Clock clock = Clock.systemUTC();
    final Sandbox sandbox = new Sandbox();

    static String deployment(String id, String group, String status) {
        return """
                {"deploymentInfo": {"deploymentId": "%s", "applicationName": "orders", "deploymentGroupName": "%s",
                                    "computePlatform": "ECS", "status": "%s"}}""".formatted(id, group, status);
    }

    Sandbox codeDeploy(String... deployments) {
        return sandbox.load(Json.parse("{\"codedeploy\": {\"deployments\": [" + String.join(",", deployments) + "],"
                + " \"deploymentGroups\": [{\"applicationName\": \"orders\", \"deploymentGroupName\": \"orders-dg\"},"
                + " {\"applicationName\": \"orders\", \"deploymentGroupName\": \"orders-canary\"}]}}"));
    }

    StopReport stop(List<Target> targets) {
        return stop(alarm("orders-5xx", Map.of()), targets);
    }

    StopReport stop(AlarmChange change, List<Target> targets) {
        return new DeploymentStopper(Alarms.platform(sandbox, clock)).stop(change, targets, Alarms.deadline(clock));
    }

    DeploymentStatus status(String id) {
        return sandbox.fake(FakeCodeDeploy.class).deploymentStatus(id).orElseThrow();
    }

    int stopCalls() {
        return sandbox.journal().calls("codedeploy", "StopDeployment").size();
    }

    @Test
    void noInFlightDeployment() {
        codeDeploy(deployment("d-DONE00001", "orders-dg", "Succeeded"));

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(Result.NOTHING_IN_FLIGHT);
            assertThat(o.line()).isEqualTo("CodeDeploy orders/orders-dg: nothing in flight");
        });
        assertThat(stopCalls()).isZero();
        var listed = sandbox.journal().calls("codedeploy", "ListDeployments").getFirst().request();
        assertThat(listed.get("includeOnlyStatuses").toString())
                .isEqualTo("[\"Created\",\"Queued\",\"InProgress\",\"Baking\",\"Ready\"]");
        assertThat(listed.get("applicationName").asText()).isEqualTo("orders");
        assertThat(listed.get("deploymentGroupName").asText()).isEqualTo("orders-dg");
    }

    @Test
    void deploymentFinishesBetweenListAndStop() {
        codeDeploy(deployment("d-RACING001", "orders-dg", "InProgress"));
        sandbox.load(Json.parse("{\"codedeploy\": {\"completeBeforeStop\": [\"d-RACING001\"]}}"));

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(Result.ALREADY_DONE);
            assertThat(o.deployment()).isEqualTo("d-RACING001");
            assertThat(o.line()).isEqualTo("CodeDeploy orders/orders-dg: deployment d-RACING001 had already finished");
        });
        assertThat(report.anyFailed()).isFalse();
        assertThat(status("d-RACING001")).isEqualTo(DeploymentStatus.SUCCEEDED);
    }

    @Test
    void twoGroupsMappedToOneAlarm() {
        codeDeploy(deployment("d-ORDERS001", "orders-dg", "InProgress"), deployment("d-CANARY001", "orders-canary", "Queued"));

        StopReport report = stop(List.of(ORDERS, CANARY));

        assertThat(report.with(Result.STOPPED)).extracting(StopReport.Outcome::deployment)
                .containsExactly("d-ORDERS001", "d-CANARY001");
        assertThat(report.lines()).containsExactly(
                "Stopped CodeDeploy orders/orders-dg deployment d-ORDERS001 with rollback (Succeeded)",
                "Stopped CodeDeploy orders/orders-canary deployment d-CANARY001 with rollback (Succeeded)");
        assertThat(status("d-ORDERS001")).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(status("d-CANARY001")).isEqualTo(DeploymentStatus.STOPPED);
        FakeCodeDeploy fake = sandbox.fake(FakeCodeDeploy.class);
        assertThat(fake.stoppedWithRollback("d-ORDERS001")).contains(true);
        assertThat(fake.stoppedWithRollback("d-CANARY001")).contains(true);
    }

    @Test
    void alreadyStoppedIsNotListedNorStopped() {
        codeDeploy(deployment("d-STOPPED01", "orders-dg", "Stopped"));

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.outcomes()).extracting(StopReport.Outcome::result).containsExactly(Result.NOTHING_IN_FLIGHT);
        assertThat(stopCalls()).isZero();
    }

    @Test
    void bakingAndReadyStatusesAreStopped() {
        codeDeploy(deployment("d-BAKING001", "orders-dg", "Baking"), deployment("d-READY0001", "orders-dg", "Ready"),
                deployment("d-FAILED001", "orders-dg", "Failed"));

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.with(Result.STOPPED)).extracting(StopReport.Outcome::deployment)
                .containsExactlyInAnyOrder("d-BAKING001", "d-READY0001");
        assertThat(status("d-BAKING001")).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(status("d-READY0001")).isEqualTo(DeploymentStatus.STOPPED);
        assertThat(status("d-FAILED001")).isEqualTo(DeploymentStatus.FAILED);
    }

    @Test
    void manyInFlightDeploymentsArePagedAndAllStopped() {
        codeDeploy(deployment("d-ONE000001", "orders-dg", "InProgress"), deployment("d-TWO000001", "orders-dg", "Queued"),
                deployment("d-THREE0001", "orders-dg", "Created"));
        sandbox.fake(FakeCodeDeploy.class).listPageSize(2);

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.with(Result.STOPPED)).hasSize(3);
        assertThat(sandbox.journal().calls("codedeploy", "ListDeployments")).hasSize(2);
    }

    @Test
    void ecsNativeStopWithRollback() {
        String d = "{\"serviceDeploymentArn\": \"" + SD + "%s\", \"serviceArn\": \"" + ECS
                + "service/orders-cluster/orders-api\", \"clusterArn\": \"" + ECS + "cluster/orders-cluster\", \"status\": \"%s\"}";
        sandbox.load(Json.parse("{\"ecs\": {\"serviceDeployments\": [" + d.formatted("live", "IN_PROGRESS") + ","
                + d.formatted("old", "SUCCESSFUL") + "," + d.formatted("racing", "PENDING") + "],"
                + " \"completeBeforeStop\": [\"" + SD + "racing\"]}}"));

        StopReport report = stop(List.of(new EcsService("orders-cluster", "orders-api")));

        assertThat(report.with(Result.STOPPED)).singleElement().satisfies(o -> {
            assertThat(o.deployment()).isEqualTo(SD + "live");
            assertThat(o.line()).isEqualTo("Stopped ECS orders-cluster/orders-api service deployment live with rollback");
        });
        assertThat(report.with(Result.ALREADY_DONE)).extracting(StopReport.Outcome::deployment).containsExactly(SD + "racing");
        FakeEcs fake = sandbox.fake(FakeEcs.class);
        assertThat(fake.serviceDeployment(SD + "live").status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
        assertThat(fake.serviceDeployment(SD + "old").status()).isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
        var stops = sandbox.journal().calls("ecs", "StopServiceDeployment");
        assertThat(stops).hasSize(2).allSatisfy(c -> assertThat(c.request().get("stopType").asText()).isEqualTo("ROLLBACK"));
        assertThat(sandbox.journal().calls("ecs", "ListServiceDeployments").getFirst().request().get("status").toString())
                .isEqualTo("[\"PENDING\",\"IN_PROGRESS\"]");
    }

    @Test
    void lambdaAliasShiftedBack() {
        sandbox.load(Json.parse("""
                {"lambda": {"functions": {"orders-fn": {"versions": {"7": {}, "8": {}},
                   "aliases": {"live": {"FunctionVersion": "7", "RoutingConfig": {"AdditionalVersionWeights": {"8": 0.1}}},
                               "stable": "7"}}}}}"""));

        StopReport report = stop(List.of(new LambdaAlias("orders-fn", "live"), new LambdaAlias("orders-fn", "stable")));

        assertThat(report.lines()).containsExactly(
                "Lambda orders-fn:live: shifted back to version 7 (was 10% on version 8)",
                "Lambda orders-fn:stable: nothing in flight");
        var live = sandbox.fake(FakeLambda.class).alias("orders-fn", "live");
        assertThat(live.functionVersion()).isEqualTo("7");
        assertThat(live.routingConfig().additionalVersionWeights()).isEmpty();
        assertThat(sandbox.journal().calls("lambda", "UpdateAlias")).singleElement()
                .satisfies(c -> assertThat(c.request().get("RevisionId")).isNotNull());
    }

    @Test
    void aFailingTargetDoesNotStopTheOthers() {
        codeDeploy(deployment("d-ORDERS001", "orders-dg", "InProgress"));

        StopReport report = stop(List.of(new DeploymentGroup("orders", "gone-dg"), new EcsService("c", "s"),
                new LambdaAlias("missing-fn", "live"), ORDERS));

        assertThat(report.with(Result.FAILED)).extracting(StopReport.Outcome::errorCode).containsExactly(
                "DeploymentGroupDoesNotExistException", "ServiceNotFoundException", "ResourceNotFoundException");
        assertThat(report.with(Result.STOPPED)).extracting(StopReport.Outcome::deployment).containsExactly("d-ORDERS001");
        assertThat(report.lines().getFirst())
                .isEqualTo("CodeDeploy orders/gone-dg: listing what is in flight failed (DeploymentGroupDoesNotExistException)");
    }

    @Test
    void oneFailingStopDoesNotKeepTheNextDeploymentRunning() {
        codeDeploy(deployment("d-ONE000001", "orders-dg", "InProgress"), deployment("d-TWO000001", "orders-dg", "InProgress"));
        sandbox.load(Json.parse("{\"codedeploy\": {\"faults\": {\"StopDeployment\": [\"InternalFailure\"]}}}"));

        StopReport report = stop(List.of(ORDERS));

        assertThat(report.outcomes()).extracting(StopReport.Outcome::result).containsExactly(Result.FAILED, Result.STOPPED);
        assertThat(report.with(Result.FAILED).getFirst().errorCode()).isEqualTo("InternalFailure");
    }

    @Test
    void pastTheDeadlineNothingIsCalledAndEveryTargetSaysSo() {
        codeDeploy(deployment("d-ORDERS001", "orders-dg", "InProgress"));
        Deadline spent = Deadline.of(clock, 1_000, Duration.ofSeconds(5));

        StopReport report = new DeploymentStopper(Alarms.platform(sandbox, clock))
                .stop(alarm("orders-5xx", Map.of()), List.of(ORDERS, CANARY), spent);

        assertThat(report.outcomes()).extracting(StopReport.Outcome::errorCode).containsExactly("DeadlineReached", "DeadlineReached");
        assertThat(sandbox.journal().calls()).isEmpty();
        assertThat(status("d-ORDERS001")).isEqualTo(DeploymentStatus.IN_PROGRESS);
    }

    @Test
    void suppressedOrOkMeansNoStop() {
        codeDeploy(deployment("d-ORDERS001", "orders-dg", "InProgress"));
        AlarmChange ok = Alarms.change(Alarms.ACCOUNT, Alarms.REGION, "orders-5xx", AlarmChange.Value.OK, Map.of(), null);
        AlarmChange insufficient = Alarms.change(Alarms.ACCOUNT, Alarms.REGION, "orders-5xx",
                AlarmChange.Value.INSUFFICIENT_DATA, Map.of(), null);
        AlarmChange suppressed = Alarms.change(Alarms.ACCOUNT, Alarms.REGION, "orders-health", AlarmChange.Value.ALARM,
                Map.of(), "WaitPeriod");

        assertThat(DeploymentStopper.shouldStop(alarm("orders-5xx", Map.of()))).isTrue();
        assertThat(DeploymentStopper.shouldStop(ok)).isFalse();
        assertThat(DeploymentStopper.shouldStop(insufficient)).isFalse();
        assertThat(DeploymentStopper.shouldStop(suppressed)).isFalse();

        assertThat(stop(ok, List.of(ORDERS)).lines()).containsExactly("alarm is OK: nothing stopped");
        assertThat(stop(suppressed, List.of(ORDERS)).lines()).containsExactly("actions suppressed (WaitPeriod): nothing stopped");
        assertThat(stop(insufficient, List.of(ORDERS)).outcomes()).isEmpty();
        assertThat(sandbox.journal().calls()).as("not one AWS call").isEmpty();
        assertThat(status("d-ORDERS001")).isEqualTo(DeploymentStatus.IN_PROGRESS);
    }
}

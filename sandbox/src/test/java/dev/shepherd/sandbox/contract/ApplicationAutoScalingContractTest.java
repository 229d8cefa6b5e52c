package dev.shepherd.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/** Application Auto Scaling (JSON 1.1, target prefix {@code AnyScaleFrontendService}) on the wire versus the fake. */
class ApplicationAutoScalingContractTest extends ContractTest {
    static final String PREFIX = "AnyScaleFrontendService.";
    static final String ID = "service/dev/preview";

    ApplicationAutoScalingClient fake;
    ApplicationAutoScalingClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"applicationautoscaling": {"scalableTargets": [{"serviceNamespace": "ecs", "resourceId": "%s",
                  "scalableDimension": "ecs:service:DesiredCount", "minCapacity": 2, "maxCapacity": 6}]}}""".formatted(ID)))
                .client(ApplicationAutoScalingClient.class);
        real = real(ApplicationAutoScalingClient.class);
    }

    static List<Object> essentials(ScalableTarget t) {
        return List.of(t.resourceId(), t.minCapacity(), t.maxCapacity(), t.suspendedState().dynamicScalingInSuspended(),
                t.suspendedState().dynamicScalingOutSuspended(), t.suspendedState().scheduledScalingSuspended());
    }

    @Test
    void describeScalableTargetsOfAnEcsService() {
        stubSequence(() -> jsonCall(PREFIX + "DescribeScalableTargets"), List.of(json("""
                {"ScalableTargets": [{"ServiceNamespace": "ecs", "ResourceId": "%s",
                  "ScalableDimension": "ecs:service:DesiredCount", "MinCapacity": 2, "MaxCapacity": 6,
                  "RoleARN": "arn:aws:iam::123456789012:role/x", "CreationTime": 1764150012.0,
                  "SuspendedState": {"DynamicScalingInSuspended": false, "DynamicScalingOutSuspended": false,
                    "ScheduledScalingSuspended": false}}], "NextToken": "n2"}""".formatted(ID)),
                json("{\"ScalableTargets\": []}")));

        var listed = real.describeScalableTargetsPaginator(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceIds(ID)).scalableTargets()
                .stream().toList();

        assertThat(WireMock.equalToJson("{\"ServiceNamespace\": \"ecs\", \"ResourceIds\": [\"" + ID + "\"], "
                + "\"ScalableDimension\": \"ecs:service:DesiredCount\"}").match(requests().get(1).getBodyAsString())
                .isExactMatch()).isTrue();
        assertThat(requests().get(0).getBodyAsString()).as("newest first").contains("\"NextToken\":\"n2\"");
        var fromFake = fake.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceIds(ID)).scalableTargets();
        assertThat(listed.stream().map(ApplicationAutoScalingContractTest::essentials))
                .containsExactlyElementsOf(fromFake.stream().map(ApplicationAutoScalingContractTest::essentials).toList());
        assertThat(journal.calls("application-autoscaling", "DescribeScalableTargets")).hasSize(2);
    }

    @Test
    void registerScalableTargetWithSuspendedState() {
        wire.stubFor(jsonCall(PREFIX + "RegisterScalableTarget").willReturn(json(
                "{\"ScalableTargetARN\": \"arn:aws:application-autoscaling:eu-west-1:123456789012:scalable-target/0ec1\"}")));

        var answer = real.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(ID)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(0).maxCapacity(6)
                .suspendedState(s -> s.dynamicScalingInSuspended(true).dynamicScalingOutSuspended(true)
                        .scheduledScalingSuspended(true)));

        assertThat(answer.scalableTargetARN()).endsWith("scalable-target/0ec1");
        assertThat(WireMock.equalToJson("""
                {"ServiceNamespace": "ecs", "ResourceId": "%s", "ScalableDimension": "ecs:service:DesiredCount",
                 "MinCapacity": 0, "MaxCapacity": 6, "SuspendedState": {"DynamicScalingInSuspended": true,
                 "DynamicScalingOutSuspended": true, "ScheduledScalingSuspended": true}}""".formatted(ID))
                .match(onlyRequest().getBodyAsString()).isExactMatch()).isTrue();
        fake.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(ID)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(0)
                .suspendedState(s -> s.dynamicScalingOutSuspended(true)));
        assertThat(essentials(fake.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets()
                .getFirst())).as("only the fields given change").isEqualTo(List.of(ID, 0, 6, false, true, false));
    }

    @Test
    void validationErrorsMapLikeTheFake() {
        Runnable minAboveMax = () -> real.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId(ID).scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(7));
        assertWireErrorLikeFake(jsonCall(PREFIX + "RegisterScalableTarget"), false,
                () -> fake.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(ID)
                        .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(7)), minAboveMax);
        assertThat(thrownBy(minAboveMax)).isInstanceOf(ValidationException.class);

        Runnable newWithoutLimits = () -> real.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceId("service/dev/other").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT));
        assertWireErrorLikeFake(jsonCall(PREFIX + "RegisterScalableTarget"), false,
                () -> fake.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                        .resourceId("service/dev/other").scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT)),
                newWithoutLimits);
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall(PREFIX + "DescribeScalableTargets"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"ScalableTargets\": []}")));

        assertThat(real.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)).scalableTargets()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}

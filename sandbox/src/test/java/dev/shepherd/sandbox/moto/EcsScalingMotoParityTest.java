package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * ECS services with their tags and Application Auto Scaling targets (the budget guard's scale-to-zero): the same
 * services and targets seeded into the fakes from a scenario and into moto through the real SDK. Compared as AWS
 * promises, not byte for byte: tag order is not part of the API (moto lists the newest first), and a target whose
 * scaling was never suspended has no {@code SuspendedState} in moto, where AWS and the fake show all three flags false.
 * Not compared: moto registers a target with MinCapacity above MaxCapacity, which AWS and the fake refuse with
 * ValidationException (covered by the contract test).
 */
class EcsScalingMotoParityTest extends MotoParityTest {
    static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String ID = "service/dev/preview";

    Sandbox sandbox;
    EcsClient motoEcs;
    ApplicationAutoScalingClient motoScaling;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse("""
                {"ecs": {"services": [
                  {"serviceArn": "%1$sservice/dev/preview", "serviceName": "preview", "clusterArn": "%1$scluster/dev",
                   "desiredCount": 2, "tags": [{"key": "environment", "value": "dev"}]},
                  {"serviceArn": "%1$sservice/dev/search", "serviceName": "search", "clusterArn": "%1$scluster/dev",
                   "desiredCount": 1}]},
                 "applicationautoscaling": {"scalableTargets": [{"serviceNamespace": "ecs", "resourceId": "%2$s",
                   "scalableDimension": "ecs:service:DesiredCount", "minCapacity": 2, "maxCapacity": 6}]}}""".formatted(ARN, ID)));
        motoEcs = onMoto(EcsClient.class);
        motoScaling = onMoto(ApplicationAutoScalingClient.class);
        motoEcs.createCluster(r -> r.clusterName("dev"));
        motoEcs.registerTaskDefinition(r -> r.family("web").containerDefinitions(c -> c.name("web").image("nginx").memory(128)));
        motoEcs.createService(r -> r.cluster("dev").serviceName("preview").taskDefinition("web").desiredCount(2)
                .tags(Tag.builder().key("environment").value("dev").build()));
        motoEcs.createService(r -> r.cluster("dev").serviceName("search").taskDefinition("web").desiredCount(1));
        motoScaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(ID)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(2).maxCapacity(6));
    }

    static List<Object> essentials(Service s) {
        return List.of(s.serviceArn(), s.serviceName(), s.clusterArn(), s.desiredCount(), sorted(s.tags()));
    }

    static List<String> sorted(List<Tag> tags) {
        return tags.stream().map(t -> t.key() + "=" + t.value()).sorted().toList();
    }

    static List<Object> essentials(ScalableTarget t) {
        return List.of(t.serviceNamespaceAsString(), t.resourceId(), t.scalableDimensionAsString(), t.minCapacity(),
                t.maxCapacity(), t.suspendedState() == null ? List.of(false, false, false) : List.of(
                        t.suspendedState().dynamicScalingInSuspended(), t.suspendedState().dynamicScalingOutSuspended(),
                        t.suspendedState().scheduledScalingSuspended()));
    }

    @Test
    void listDescribeWithTagsAndAMissingService() {
        EcsClient fake = sandbox.client(EcsClient.class);
        sameAnswer(fake, motoEcs, c -> c.listServicesPaginator(r -> r.cluster("dev").maxResults(1)).serviceArns()
                .stream().sorted().toList());
        sameAnswer(fake, motoEcs, c -> c.describeServices(r -> r.cluster("dev").services("preview", "search")
                .include(ServiceField.TAGS)).services().stream().map(EcsScalingMotoParityTest::essentials).toList());
        sameAnswer(fake, motoEcs, c -> c.describeServices(r -> r.cluster("dev").services("gone")).failures()
                .stream().map(f -> f.reason()).toList());
    }

    @Test
    void updateDesiredCountAndTheTagRoundTrip() {
        EcsClient fake = sandbox.client(EcsClient.class);
        String arn = ARN + "service/dev/preview";
        sameAnswer(fake, motoEcs, c -> c.updateService(r -> r.cluster("dev").service("preview").desiredCount(0))
                .service().desiredCount());
        sameAnswer(fake, motoEcs, c -> {
            c.tagResource(r -> r.resourceArn(arn).tags(Tag.builder().key("shepherd:restore").value("v1 desired=2").build()));
            return sorted(c.listTagsForResource(r -> r.resourceArn(arn)).tags());
        });
        sameAnswer(fake, motoEcs, c -> {
            c.untagResource(r -> r.resourceArn(arn).tagKeys("shepherd:restore"));
            return c.describeServices(r -> r.cluster("dev").services(arn).include(ServiceField.TAGS)).services()
                    .stream().map(EcsScalingMotoParityTest::essentials).toList();
        });
    }

    @Test
    void ecsErrors() {
        EcsClient fake = sandbox.client(EcsClient.class);
        sameError(fake, motoEcs, c -> c.updateService(r -> r.cluster("dev").service("gone").desiredCount(0)));
        sameError(fake, motoEcs, c -> c.listServices(r -> r.cluster("nope")));
    }

    @Test
    void describeAndChangeAScalableTarget() {
        ApplicationAutoScalingClient fake = sandbox.client(ApplicationAutoScalingClient.class);
        sameAnswer(fake, motoScaling, c -> c.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .resourceIds(ID, "service/dev/none")).scalableTargets().stream().map(EcsScalingMotoParityTest::essentials).toList());
        sameAnswer(fake, motoScaling, c -> {
            c.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceId(ID)
                    .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).minCapacity(0).maxCapacity(6)
                    .suspendedState(s -> s.dynamicScalingInSuspended(true).dynamicScalingOutSuspended(true)
                            .scheduledScalingSuspended(true)));
            return c.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS).resourceIds(ID))
                    .scalableTargets().stream().map(EcsScalingMotoParityTest::essentials).toList();
        });
    }
}

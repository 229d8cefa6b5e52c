package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** The fake's StopServiceDeployment, with ListServiceDeployments' status filter. */
class FakeEcsStopTest {
    static final String ARN = "arn:aws:ecs:eu-west-1:111122223333:";
    static final String SERVICE = ARN + "service/orders-cluster/orders-api";
    static final String CLUSTER = ARN + "cluster/orders-cluster";
    static final String SD = ARN + "service-deployment/orders-cluster/orders-api/";

    Sandbox sandbox;
    EcsClient ecs;

    @BeforeEach
    void seed() {
        String d = "{\"serviceDeploymentArn\": \"" + SD + "%s\", \"serviceArn\": \"" + SERVICE + "\", \"clusterArn\": \""
                + CLUSTER + "\", \"status\": \"%s\", \"createdAt\": %d}";
        sandbox = new Sandbox().load(Json.parse("{\"ecs\": {\"serviceDeployments\": [" + String.join(",",
                d.formatted("live", "IN_PROGRESS", 300), d.formatted("queued", "PENDING", 200),
                d.formatted("old", "SUCCESSFUL", 100), d.formatted("rolling", "ROLLBACK_IN_PROGRESS", 50),
                d.formatted("racing", "IN_PROGRESS", 40))
                + "], \"completeBeforeStop\": [\"" + SD + "racing\"]}}"));
        ecs = sandbox.client(EcsClient.class);
    }

    @Test
    void aPendingOrInProgressDeploymentIsRolledBack() {
        assertThat(ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")
                .status(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments())
                .extracting(b -> b.serviceDeploymentArn()).containsExactly(SD + "live", SD + "queued", SD + "racing");

        var response = ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "live")
                .stopType(StopServiceDeploymentStopType.ROLLBACK));
        ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "queued").stopType(StopServiceDeploymentStopType.ABORT));

        assertThat(response.serviceDeploymentArn()).isEqualTo(SD + "live");
        FakeEcs fake = sandbox.fake(FakeEcs.class);
        assertThat(fake.serviceDeployment(SD + "live").status()).isEqualTo(ServiceDeploymentStatus.ROLLBACK_REQUESTED);
        assertThat(fake.serviceDeployment(SD + "queued").status()).isEqualTo(ServiceDeploymentStatus.STOP_REQUESTED);
    }

    @Test
    void oneAlreadyRollingBackCarriesOnOneEndedCannotBeStopped() {
        ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "rolling").stopType(StopServiceDeploymentStopType.ROLLBACK));
        assertThat(sandbox.fake(FakeEcs.class).serviceDeployment(SD + "rolling").status())
                .isEqualTo(ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "old")))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "racing")))
                .isInstanceOf(ConflictException.class);
        assertThat(sandbox.fake(FakeEcs.class).serviceDeployment(SD + "racing").status())
                .isEqualTo(ServiceDeploymentStatus.SUCCESSFUL);
    }

    @Test
    void unknownOrMissingArnsAndStopTypes() {
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "gone")))
                .isInstanceOf(ServiceDeploymentNotFoundException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.stopType(StopServiceDeploymentStopType.ROLLBACK)))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "live").stopType("REVERT")))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(sandbox.journal().calls("ecs", "StopServiceDeployment")).hasSize(3);
    }
}

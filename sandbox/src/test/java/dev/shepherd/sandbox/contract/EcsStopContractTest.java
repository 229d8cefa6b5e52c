package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/** ECS {@code StopServiceDeployment} and the in-flight {@code ListServiceDeployments} on the wire versus {@code FakeEcs}. */
class EcsStopContractTest extends ContractTest {
    static final String PREFIX = EcsContractTest.PREFIX;
    static final String ARN = "arn:aws:ecs:eu-west-1:111122223333:";
    static final String SD = ARN + "service-deployment/orders-cluster/orders-api/";

    EcsClient fake;
    EcsClient real;

    @BeforeEach
    void clients() {
        String d = "{\"serviceDeploymentArn\": \"" + SD + "%s\", \"serviceArn\": \"" + ARN
                + "service/orders-cluster/orders-api\", \"clusterArn\": \"" + ARN + "cluster/orders-cluster\", \"status\": \"%s\"}";
        fake = new Sandbox().load(Json.parse("{\"ecs\": {\"serviceDeployments\": [" + d.formatted("live", "IN_PROGRESS")
                + "," + d.formatted("old", "SUCCESSFUL") + "]}}")).client(EcsClient.class);
        real = real(EcsClient.class);
    }

    @Test
    void listTheInFlightDeployments() {
        wire.stubFor(jsonCall(PREFIX + "ListServiceDeployments").willReturn(json("""
                {"serviceDeployments": [{"serviceDeploymentArn": "%slive", "status": "IN_PROGRESS"}]}""".formatted(SD))));

        var listed = real.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")
                .status(ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS));

        assertThat(listed.serviceDeployments()).singleElement()
                .satisfies(b -> assertThat(b.status()).isEqualTo(ServiceDeploymentStatus.IN_PROGRESS));
        assertThat(equalToJson("{\"cluster\": \"orders-cluster\", \"service\": \"orders-api\", "
                + "\"status\": [\"PENDING\", \"IN_PROGRESS\"]}").match(onlyRequest().getBodyAsString()).isExactMatch()).isTrue();
    }

    @Test
    void stopServiceDeploymentWithRollback() {
        wire.stubFor(jsonCall(PREFIX + "StopServiceDeployment").willReturn(json(
                "{\"serviceDeploymentArn\": \"" + SD + "live\"}")));

        var response = real.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "live")
                .stopType(StopServiceDeploymentStopType.ROLLBACK));

        assertThat(response.serviceDeploymentArn()).isEqualTo(SD + "live");
        assertThat(equalToJson("{\"serviceDeploymentArn\": \"" + SD + "live\", \"stopType\": \"ROLLBACK\"}")
                .match(onlyRequest().getBodyAsString()).isExactMatch()).isTrue();
        assertThat(journal.calls("ecs", "StopServiceDeployment")).hasSize(1);
    }

    @Test
    void stopServiceDeploymentErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "old")
                .stopType(StopServiceDeploymentStopType.ROLLBACK));
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopServiceDeployment"), false,
                () -> fake.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "old")
                        .stopType(StopServiceDeploymentStopType.ROLLBACK)), realCall);
        assertThat(thrownBy(realCall)).isInstanceOf(ConflictException.class);
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopServiceDeployment"), false,
                () -> fake.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "gone")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopServiceDeployment"), false,
                () -> fake.stopServiceDeployment(r -> r.stopType("REVERT").serviceDeploymentArn(SD + "live")), realCall);
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall(PREFIX + "StopServiceDeployment"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"),
                json("{\"serviceDeploymentArn\": \"" + SD + "live\"}")));

        assertThat(real.stopServiceDeployment(r -> r.serviceDeploymentArn(SD + "live")
                .stopType(StopServiceDeploymentStopType.ROLLBACK)).serviceDeploymentArn()).isEqualTo(SD + "live");
        assertThat(requests()).hasSize(2);
    }
}

package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.StopStatus;

/** CodeDeploy {@code ListDeployments} and {@code StopDeployment} on the wire versus {@code FakeCodeDeploy}. */
class CodeDeployStopContractTest extends ContractTest {
    static final String PREFIX = CodeDeployContractTest.PREFIX;

    CodeDeployClient fake;
    CodeDeployClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"codedeploy": {"deployments": [
                   {"deploymentInfo": {"deploymentId": "d-RUNNING01", "applicationName": "orders",
                                       "deploymentGroupName": "orders-dg", "status": "InProgress"}},
                   {"deploymentInfo": {"deploymentId": "d-DONE00001", "applicationName": "orders",
                                       "deploymentGroupName": "orders-dg", "status": "Succeeded"}}]}}"""))
                .client(CodeDeployClient.class);
        real = real(CodeDeployClient.class);
    }

    @Test
    void listDeploymentsWithStatusesAndPages() {
        stubSequence(() -> jsonCall(PREFIX + "ListDeployments"), List.of(
                json("{\"deployments\": [\"d-RUNNING01\"], \"nextToken\": \"page-2\"}"),
                json("{\"deployments\": [\"d-BAKING001\"]}")));

        var first = real.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg")
                .includeOnlyStatuses(DeploymentStatus.IN_PROGRESS, DeploymentStatus.BAKING, DeploymentStatus.READY));
        var second = real.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg")
                .nextToken(first.nextToken()));

        assertThat(first.deployments()).containsExactly("d-RUNNING01");
        assertThat(second.deployments()).containsExactly("d-BAKING001");
        assertThat(second.nextToken()).isNull();
        // WireMock lists requests newest first
        assertThat(equalToJson("""
                {"applicationName": "orders", "deploymentGroupName": "orders-dg",
                 "includeOnlyStatuses": ["InProgress", "Baking", "Ready"]}""").match(requests().getLast().getBodyAsString())
                .isExactMatch()).isTrue();
        assertThat(requests().getFirst().getBodyAsString()).contains("\"nextToken\":\"page-2\"");
    }

    @Test
    void listDeploymentsErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeployments"), false,
                () -> fake.listDeployments(r -> r.applicationName("orders")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeployments"), false,
                () -> fake.listDeployments(r -> r.deploymentGroupName("orders-dg")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeployments"), false,
                () -> fake.listDeployments(r -> r.applicationName("orders").deploymentGroupName("gone")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListDeployments"), false,
                () -> fake.listDeployments(r -> r.applicationName("nope").deploymentGroupName("orders-dg")), realCall);
    }

    @Test
    void stopDeploymentWithRollback() {
        wire.stubFor(jsonCall(PREFIX + "StopDeployment").willReturn(json(
                "{\"status\": \"Pending\", \"statusMessage\": \"Stopping\"}")));

        var response = real.stopDeployment(r -> r.deploymentId("d-RUNNING01").autoRollbackEnabled(true));

        assertThat(response.status()).isEqualTo(StopStatus.PENDING);
        assertThat(equalToJson("{\"deploymentId\": \"d-RUNNING01\", \"autoRollbackEnabled\": true}")
                .match(onlyRequest().getBodyAsString()).isExactMatch()).isTrue();
        assertThat(journal.calls("codedeploy", "StopDeployment")).hasSize(1);
    }

    @Test
    void stopDeploymentErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.stopDeployment(r -> r.deploymentId("d-DONE00001").autoRollbackEnabled(true));
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopDeployment"), false,
                () -> fake.stopDeployment(r -> r.deploymentId("d-DONE00001").autoRollbackEnabled(true)), realCall);
        assertThat(thrownBy(realCall)).isInstanceOf(DeploymentAlreadyCompletedException.class);
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopDeployment"), false,
                () -> fake.stopDeployment(r -> r.deploymentId("d-GONE00001")), realCall);
        assertWireErrorLikeFake(jsonCall(PREFIX + "StopDeployment"), false,
                () -> fake.stopDeployment(r -> r.deploymentId("bogus")), realCall);
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall(PREFIX + "StopDeployment"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"status\": \"Succeeded\"}")));

        assertThat(real.stopDeployment(r -> r.deploymentId("d-RUNNING01").autoRollbackEnabled(true)).status())
                .isEqualTo(StopStatus.SUCCEEDED);
        assertThat(requests()).hasSize(2);
    }
}

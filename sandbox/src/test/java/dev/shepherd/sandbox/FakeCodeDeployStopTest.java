package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentStatusException;
import software.amazon.awssdk.services.codedeploy.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.StopStatus;

/** The fake's ListDeployments and StopDeployment: the rules the alarm responder meets. */
class FakeCodeDeployStopTest {
    static final String SCENARIO = """
            {"codedeploy": {"deployments": [
              {"deploymentInfo": {"deploymentId": "d-RUNNING01", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                  "status": "InProgress", "createTime": 1764150300}},
              {"deploymentInfo": {"deploymentId": "d-BAKING001", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                  "status": "Baking", "createTime": 1764150200}},
              {"deploymentInfo": {"deploymentId": "d-READY0001", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                  "status": "Ready", "createTime": 1764150100}},
              {"deploymentInfo": {"deploymentId": "d-STOPPED01", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                  "status": "Stopped", "createTime": 1764150000}},
              {"deploymentInfo": {"deploymentId": "d-RACING001", "applicationName": "orders", "deploymentGroupName": "orders-dg",
                                  "status": "InProgress", "createTime": 1764149900}},
              {"deploymentInfo": {"deploymentId": "d-OTHER0001", "applicationName": "billing", "deploymentGroupName": "billing-dg",
                                  "status": "InProgress"}}],
             "completeBeforeStop": ["d-RACING001"]}}""";
    static final List<DeploymentStatus> IN_FLIGHT = List.of(DeploymentStatus.CREATED, DeploymentStatus.QUEUED,
            DeploymentStatus.IN_PROGRESS, DeploymentStatus.BAKING, DeploymentStatus.READY);

    Sandbox sandbox;
    CodeDeployClient codeDeploy;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        codeDeploy = sandbox.client(CodeDeployClient.class);
    }

    @Test
    void listsAGroupsDeploymentsByStatusNewestFirst() {
        var inFlight = codeDeploy.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg")
                .includeOnlyStatuses(IN_FLIGHT));
        assertThat(inFlight.deployments()).containsExactly("d-RUNNING01", "d-BAKING001", "d-READY0001", "d-RACING001");
        assertThat(inFlight.nextToken()).isNull();
        assertThat(codeDeploy.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg"))
                .deployments()).hasSize(5).contains("d-STOPPED01");
    }

    @Test
    void pagesLongAnswers() {
        sandbox.fake(FakeCodeDeploy.class).listPageSize(3);
        List<String> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String page = token;
            ListDeploymentsResponse r = codeDeploy.listDeployments(b -> b.applicationName("orders")
                    .deploymentGroupName("orders-dg").nextToken(page));
            all.addAll(r.deployments());
            token = r.nextToken();
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(2);
        assertThat(all).hasSize(5).doesNotHaveDuplicates();
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.nextToken("bogus")))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void theTwoNamesGoTogetherAndMustExist() {
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.applicationName("orders")))
                .isInstanceOf(DeploymentGroupNameRequiredException.class);
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.deploymentGroupName("orders-dg")))
                .isInstanceOf(ApplicationNameRequiredException.class);
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.applicationName("nope").deploymentGroupName("x")))
                .isInstanceOf(ApplicationDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.applicationName("orders").deploymentGroupName("x")))
                .isInstanceOf(DeploymentGroupDoesNotExistException.class);
        assertThatThrownBy(() -> codeDeploy.listDeployments(r -> r.applicationName("orders").deploymentGroupName("orders-dg")
                .includeOnlyStatusesWithStrings("Running"))).isInstanceOf(InvalidDeploymentStatusException.class);
    }

    @Test
    void stopStopsOnceAndRefusesAnEndedDeployment() {
        var stopped = codeDeploy.stopDeployment(r -> r.deploymentId("d-BAKING001").autoRollbackEnabled(true));

        assertThat(stopped.status()).isEqualTo(StopStatus.SUCCEEDED);
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId("d-BAKING001")).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.STOPPED);
        assertThat(sandbox.fake(FakeCodeDeploy.class).stoppedWithRollback("d-BAKING001")).contains(true);
        assertThatThrownBy(() -> codeDeploy.stopDeployment(r -> r.deploymentId("d-BAKING001")))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
        assertThatThrownBy(() -> codeDeploy.stopDeployment(r -> r.deploymentId("d-STOPPED01")))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
        assertThat(sandbox.journal().calls("codedeploy", "StopDeployment")).hasSize(3);
    }

    @Test
    void aRacingDeploymentSucceedsJustBeforeTheStop() {
        assertThatThrownBy(() -> codeDeploy.stopDeployment(r -> r.deploymentId("d-RACING001").autoRollbackEnabled(true)))
                .isInstanceOf(DeploymentAlreadyCompletedException.class);
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId("d-RACING001")).deploymentInfo().status())
                .isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(sandbox.fake(FakeCodeDeploy.class).stoppedWithRollback("d-RACING001")).isEmpty();
    }

    @Test
    void completeBeforeStopMustNameAScenarioDeployment() {
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"codedeploy\": {\"completeBeforeStop\": [\"d-NOPE00000\"]}}")))
                .hasMessageContaining("codedeploy.completeBeforeStop[0]");
    }
}

package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/** The example in docs/scenarios.md is a working scenario: it loads, and serves what it says. */
class ScenarioDocsTest {
    @Test
    void theDocumentedExampleLoadsAndAnswers() throws Exception {
        Path root = Path.of(System.getProperty("shepherd.repo.root", ".."));
        String doc = Files.readString(root.resolve("docs/scenarios.md"));
        int start = doc.indexOf("```json\n{\n");
        String example = doc.substring(start + "```json\n".length(), doc.indexOf("```", start + 7));

        Sandbox sandbox = new Sandbox().load(Json.parse(example));

        var codeDeploy = sandbox.client(CodeDeployClient.class);
        assertThat(codeDeploy.getDeployment(r -> r.deploymentId("d-7RQ2M4XKP")).deploymentInfo().loadBalancerInfo()
                .targetGroupPairInfoList().getFirst().testTrafficRoute().listenerArns()).hasSize(1);
        assertThat(sandbox.client(CloudWatchClient.class).describeAlarms(r -> r.alarmNames("orders-green-5xx"))
                .metricAlarms().getFirst().stateValue()).isEqualTo(StateValue.ALARM);
        String execution = Json.parse(example).at("/codedeploy/deployments/0/hookExecutions").fieldNames().next();
        codeDeploy.putLifecycleEventHookExecutionStatus(r -> r.deploymentId("d-7RQ2M4XKP")
                .lifecycleEventHookExecutionId(execution).status(LifecycleEventStatus.FAILED));
        assertThat(sandbox.fake(FakeCodeDeploy.class).reportedStatus("d-7RQ2M4XKP", execution))
                .contains(LifecycleEventStatus.FAILED);
    }
}

package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/**
 * The smallest real deployment hook: report the hook execution as succeeded. The baselines differ only in how
 * the client is built (and what wraps the call), so each step between them is one lever.
 */
abstract class MinimalHookHandler implements RequestHandler<Map<String, String>, String> {
    private final CodeDeployClient codeDeploy;

    MinimalHookHandler(CodeDeployClient codeDeploy) {
        this.codeDeploy = codeDeploy;
    }

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        return codeDeploy.putLifecycleEventHookExecutionStatus(r -> r
                        .deploymentId(event.get("DeploymentId"))
                        .lifecycleEventHookExecutionId(event.get("LifecycleEventHookExecutionId"))
                        .status(LifecycleEventStatus.SUCCEEDED))
                .lifecycleEventHookExecutionId();
    }
}

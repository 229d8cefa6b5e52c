package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;

/**
 * The baseline a first attempt would ship: a deployment hook with SDK defaults and no tuning —
 * {@code CodeDeployClient.create()} (Apache client picked from the class path, default credential chain,
 * region and endpoint discovery), reporting the hook as succeeded. It makes the same kind of call as the
 * real hook so it pays for real SDK work.
 */
public class NaiveHookHandler implements RequestHandler<Map<String, String>, String> {
    private final CodeDeployClient codeDeploy = CodeDeployClient.create();

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        return codeDeploy.putLifecycleEventHookExecutionStatus(r -> r
                        .deploymentId(event.get("DeploymentId"))
                        .lifecycleEventHookExecutionId(event.get("LifecycleEventHookExecutionId"))
                        .status(LifecycleEventStatus.SUCCEEDED))
                .lifecycleEventHookExecutionId();
    }
}

package dev.shepherd.hook;

import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.http.GuardedHttp;
import java.util.List;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Turns a stage's check specs into runnable checks against one deployment. */
final class CheckFactory {
    private final Platform platform;
    private final Parameters parameters;
    private final GuardedHttp http;

    CheckFactory(Platform platform, Parameters parameters, GuardedHttp http) {
        this.platform = platform;
        this.parameters = parameters;
        this.http = http;
    }

    List<HookCheck> checks(CheckPlan plan, CheckPlan.Stage stage, Deployment deployment) {
        return stage.checks().stream().<HookCheck>map(spec -> switch (spec) {
            case CheckPlan.Http h -> new HttpCheck(h, deployment, plan, http);
            case CheckPlan.Alarms a -> new AlarmsCheck(a, platform.client(CloudWatchClient.class));
            case CheckPlan.TargetHealth t ->
                    new TargetHealthCheck(t, deployment, platform.client(ElasticLoadBalancingV2Client.class));
            case CheckPlan.ConfigPresent c ->
                    new ConfigCheck(c, parameters, platform.client(SecretsManagerClient.class));
            // Invoke is not idempotent: a retried smoke call would run the function twice.
            case CheckPlan.Invoke i -> new InvokeCheck(i, deployment, platform.clientWithoutRetries(LambdaClient.class));
        }).toList();
    }
}

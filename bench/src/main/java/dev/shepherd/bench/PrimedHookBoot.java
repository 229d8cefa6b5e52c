package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.shepherd.core.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Measures the priming lever for the deployment hook without changing it: after the real handler is built, one
 * read-only call per operation the hook reads with, on the platform's clients, so the SDK's per-operation classes
 * load during init instead of the first invocation. In AWS these names do not exist and the calls fail with
 * not-found errors, which loads the same marshalling, signing and HTTP path; the benchmark's stub answers them.
 */
public class PrimedHookBoot implements RequestStreamHandler {
    private final RequestStreamHandler target;

    public PrimedHookBoot() throws ReflectiveOperationException {
        this.target = Delegate.streamHandler();
        Platform platform = Platform.current();
        CodeDeployClient codeDeploy = platform.client(CodeDeployClient.class);
        ElasticLoadBalancingV2Client elb = platform.client(ElasticLoadBalancingV2Client.class);
        List<Runnable> reads = List.of(
                () -> codeDeploy.getDeployment(b -> b.deploymentId("d-PRIMING")),
                () -> codeDeploy.listDeploymentTargets(b -> b.deploymentId("d-PRIMING")),
                () -> codeDeploy.getDeploymentTarget(b -> b.deploymentId("d-PRIMING").targetId("priming")),
                () -> elb.describeTargetGroups(b -> b.names("shepherd-priming")),
                () -> elb.describeTargetHealth(b -> b.targetGroupArn(
                        "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/shepherd-priming/0")),
                () -> platform.client(CloudWatchClient.class).describeAlarms(b -> b.alarmNames("shepherd-priming")),
                () -> platform.client(SsmClient.class).getParameter(b -> b.name("/shepherd/priming")),
                () -> platform.client(SecretsManagerClient.class).getSecretValue(b -> b.secretId("shepherd/priming")));
        for (Runnable read : reads) {
            try {
                read.run();
            } catch (SdkException expected) {
                // not found in a real account: the classes it exercised are loaded all the same
            }
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        target.handleRequest(input, output, context);
    }
}

package dev.shepherd.hook;

import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.Memo;
import java.net.URI;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.ECSTarget;
import software.amazon.awssdk.services.codedeploy.model.ECSTaskSet;
import software.amazon.awssdk.services.codedeploy.model.LambdaFunctionInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupPairInfo;
import software.amazon.awssdk.services.codedeploy.model.TargetLabel;

/** The replacement side of a CodeDeploy ECS or Lambda deployment, from GetDeployment and GetDeploymentTarget. */
final class CodeDeployDeployment implements Deployment {
    private final DeploymentInfo info;
    private final DeploymentTarget target;
    private final LifecycleEvent event;
    private final Memo<String> targetGroup;
    private final Memo<URI> endpoint;

    CodeDeployDeployment(DeploymentInfo info, DeploymentTarget target, LifecycleEvent event, LoadBalancers elb) {
        this.info = info;
        this.target = target;
        this.event = event;
        this.targetGroup = new Memo<>(() -> elb.targetGroupArn(greenTaskSet().targetGroup().name()));
        this.endpoint = new Memo<>(() -> elb.endpoint(testListener()));
    }

    @Override
    public String greenTargetGroupArn() throws CheckFailure {
        return targetGroup.get();
    }

    @Override
    public URI testEndpoint() throws CheckFailure {
        return endpoint.get();
    }

    @Override
    public FunctionVersion newFunctionVersion() throws CheckFailure {
        LambdaFunctionInfo fn = target.lambdaTarget() == null ? null : target.lambdaTarget().lambdaFunctionInfo();
        if (fn == null || fn.functionName() == null || fn.targetVersion() == null) {
            throw new CheckFailure("deployment " + info.deploymentId() + " names no target Lambda function version"
                    + " (invoke checks need a Lambda deployment)");
        }
        return new FunctionVersion(fn.functionName(), fn.targetVersion());
    }

    private ECSTaskSet greenTaskSet() throws CheckFailure {
        ECSTarget ecs = target.ecsTarget();
        if (ecs == null) {
            throw new CheckFailure("deployment " + info.deploymentId() + " is not an ECS deployment; it has no target group");
        }
        return ecs.taskSetsInfo().stream()
                .filter(t -> t.taskSetLabel() == TargetLabel.GREEN && t.targetGroup() != null && t.targetGroup().name() != null)
                .findFirst()
                .orElseThrow(() -> new CheckFailure("deployment " + info.deploymentId()
                        + " has no Green task set with a target group yet"));
    }

    private String testListener() throws CheckFailure {
        if (target.ecsTarget() == null) {
            throw new CheckFailure("deployment " + info.deploymentId()
                    + " is not an ECS deployment; it has no test listener (give the check an explicit url)");
        }
        if (!event.testTrafficOnReplacement()) {
            throw new CheckFailure("at " + event + " the test listener still routes to the original task set;"
                    + " validate the replacement from AfterAllowTestTraffic on, or give the check an explicit url");
        }
        if (info.loadBalancerInfo() != null) {
            for (TargetGroupPairInfo pair : info.loadBalancerInfo().targetGroupPairInfoList()) {
                if (pair.testTrafficRoute() != null && !pair.testTrafficRoute().listenerArns().isEmpty()) {
                    return pair.testTrafficRoute().listenerArns().getFirst();
                }
            }
        }
        throw new CheckFailure("deployment group " + info.deploymentGroupName()
                + " has no test listener; add one or give the check an explicit url");
    }
}

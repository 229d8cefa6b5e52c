package dev.shepherd.hook;

import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.Memo;
import java.net.URI;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.LoadBalancer;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.ServiceRevisionLoadBalancer;

/** The green side of an ECS native blue/green deployment, from its target service revision. */
final class EcsDeployment implements Deployment {
    private final String revisionArn;
    private final EcsStage stage;
    private final Memo<ServiceRevision> revision;
    private final Memo<URI> endpoint;

    EcsDeployment(EcsClient ecs, String revisionArn, EcsStage stage, LoadBalancers elb) {
        this.revisionArn = revisionArn;
        this.stage = stage;
        this.revision = new Memo<>(() -> ecs.describeServiceRevisions(b -> b.serviceRevisionArns(revisionArn))
                .serviceRevisions().stream().findFirst()
                .orElseThrow(() -> new CheckFailure("service revision " + revisionArn + " not found")));
        this.endpoint = new Memo<>(() -> elb.endpoint(LoadBalancers.listenerOfRule(testListenerRule())));
    }

    @Override
    public String greenTargetGroupArn() throws CheckFailure {
        ServiceRevision green = revision.get();
        if (green.resolvedConfiguration() != null) {
            for (ServiceRevisionLoadBalancer lb : green.resolvedConfiguration().loadBalancers()) {
                if (lb.targetGroupArn() != null) {
                    return lb.targetGroupArn();
                }
            }
        }
        throw new CheckFailure("service revision " + revisionArn + " has no resolved target group");
    }

    @Override
    public URI testEndpoint() throws CheckFailure {
        return endpoint.get();
    }

    @Override
    public FunctionVersion newFunctionVersion() throws CheckFailure {
        throw new CheckFailure("an ECS deployment has no function version to invoke");
    }

    private String testListenerRule() throws CheckFailure {
        if (!stage.testTrafficOnGreen()) {
            throw new CheckFailure("at " + stage + " test traffic does not reach the green revision yet;"
                    + " validate it from POST_TEST_TRAFFIC_SHIFT on, or give the check an explicit url");
        }
        for (LoadBalancer lb : revision.get().loadBalancers()) {
            if (lb.advancedConfiguration() != null && lb.advancedConfiguration().testListenerRule() != null) {
                return lb.advancedConfiguration().testListenerRule();
            }
        }
        throw new CheckFailure("service revision " + revisionArn
                + " has no test listener rule; add one or give the check an explicit url");
    }
}

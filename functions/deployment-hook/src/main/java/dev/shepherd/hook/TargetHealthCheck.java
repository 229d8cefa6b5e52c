package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** The replacement's target group has at least N targets and every one of them is healthy. */
final class TargetHealthCheck implements HookCheck {
    private final CheckPlan.TargetHealth spec;
    private final Deployment deployment;
    private final ElasticLoadBalancingV2Client elb;

    TargetHealthCheck(CheckPlan.TargetHealth spec, Deployment deployment, ElasticLoadBalancingV2Client elb) {
        this.spec = spec;
        this.deployment = deployment;
        this.elb = elb;
    }

    @Override
    public CheckPlan.TargetHealth spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure {
        String targetGroup = deployment.greenTargetGroupArn();
        List<TargetHealthDescription> targets = elb.describeTargetHealth(b -> b.targetGroupArn(targetGroup))
                .targetHealthDescriptions();
        List<String> unhealthy = targets.stream()
                .filter(t -> t.targetHealth() == null || !"healthy".equals(t.targetHealth().stateAsString()))
                .map(t -> t.target().id() + (t.target().port() == null ? "" : ":" + t.target().port()) + " is "
                        + (t.targetHealth() == null ? "unknown" : t.targetHealth().stateAsString()))
                .toList();
        if (targets.size() < spec.minHealthyTargets()) {
            throw new CheckFailure(targetGroup + " has " + targets.size() + " target(s), the plan needs at least "
                    + spec.minHealthyTargets());
        }
        if (!unhealthy.isEmpty()) {
            throw new CheckFailure(targetGroup + ": " + String.join(", ", unhealthy));
        }
        return CheckResult.pass(spec.type(), spec.name(), targetGroup + ": all " + targets.size() + " target(s) healthy");
    }
}

package dev.shepherd.hook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/**
 * An ECS native blue/green lifecycle hook: the verdict is the return value, always a valid
 * {@code hookStatus} (a thrown error or a missing status rolls the deployment back without a reason).
 * Rollbacks and, by default, service creation are not validated; a failing stage whose plan allows warm-up
 * answers IN_PROGRESS until {@code warmUp.maxAttempts} invocations have failed.
 */
final class EcsHook {
    private static final Logger LOG = LoggerFactory.getLogger(EcsHook.class);
    /** Our attempt counter in {@code hookDetails}, named so it cannot clash with the service's own keys. */
    static final String ATTEMPT = "shepherdAttempt";
    private static final Set<ServiceDeploymentStatus> ROLLING_BACK = Set.of(ServiceDeploymentStatus.ROLLBACK_REQUESTED,
            ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS, ServiceDeploymentStatus.ROLLBACK_SUCCESSFUL,
            ServiceDeploymentStatus.ROLLBACK_FAILED);

    private final EcsClient ecs;
    private final LoadBalancers loadBalancers;
    private final PlanStore plans;
    private final CheckFactory factory;
    private final CheckRunner runner;

    EcsHook(EcsClient ecs, LoadBalancers loadBalancers, PlanStore plans, CheckFactory factory, CheckRunner runner) {
        this.ecs = ecs;
        this.loadBalancers = loadBalancers;
        this.plans = plans;
        this.factory = factory;
        this.runner = runner;
    }

    /** The evaluation and the stage's warm-up allowance (known once the plan is read). */
    record Outcome(Verdict verdict, Optional<CheckPlan.WarmUp> warmUp) {
        static Outcome of(Verdict verdict) {
            return new Outcome(verdict, Optional.empty());
        }
    }

    Outcome handle(HookEvent.Ecs event, Deadline deadline) {
        if (event.stage() == null) {
            return Outcome.of(Verdict.failed("lifecycle stage '" + event.stageName() + "' is not a stage that invokes hooks"));
        }
        return Bounded.within(deadline, () -> evaluate(event, deadline), reason -> Outcome.of(Verdict.failed(reason)));
    }

    /** The answer to ECS for an outcome, with the attempt counter for a warm-up retry. */
    static EcsResponse respond(HookEvent.Ecs event, Outcome outcome) {
        Verdict verdict = outcome.verdict();
        if (verdict.kind() != Verdict.Kind.FAILED) {
            return EcsResponse.succeeded();
        }
        int attempt = event.hookDetails().path(ATTEMPT).asInt(1);
        if (outcome.warmUp().isPresent() && attempt < outcome.warmUp().get().maxAttempts()) {
            ObjectNode details = event.hookDetails().deepCopy();
            details.put(ATTEMPT, attempt + 1);
            LOG.info("attempt {} of {} failed, ECS will call again in {} s", attempt,
                    outcome.warmUp().get().maxAttempts(), outcome.warmUp().get().callBackDelaySeconds());
            return EcsResponse.inProgress(outcome.warmUp().get().callBackDelaySeconds(), details);
        }
        return EcsResponse.failed();
    }

    private Outcome evaluate(HookEvent.Ecs event, Deadline deadline) {
        try {
            ServiceDeployment sd = ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(event.serviceDeploymentArn()))
                    .serviceDeployments().stream().findFirst()
                    .orElseThrow(() -> new CheckFailure("service deployment " + event.serviceDeploymentArn() + " not found"));
            if (rollingBack(sd, event)) {
                return Outcome.of(Verdict.skipped("the deployment is rolling back (" + sd.statusAsString()
                        + "); the green revision is not validated"));
            }
            String[] clusterService = clusterAndService(event.serviceArn());
            String path = plans.ecsPath(clusterService[0], clusterService[1]);
            CheckPlan plan = plans.load(path);
            if (sd.sourceServiceRevisions().isEmpty() && plan.serviceCreate() == CheckPlan.ServiceCreate.SKIP) {
                return Outcome.of(Verdict.skipped("first deployment of the service (no source revision);"
                        + " the plan's serviceCreate is skip"));
            }
            Optional<CheckPlan.Stage> stage = plan.stage(event.stageName());
            if (stage.isEmpty()) {
                return Outcome.of(Verdict.failed("check plan " + path + " has no stage " + event.stageName()
                        + " (use \"checks\": [] to run none)"));
            }
            Deployment deployment = new EcsDeployment(ecs, event.targetRevisionArn(), event.stage(), loadBalancers);
            return new Outcome(Verdict.of(runner.run(factory.checks(plan, stage.get(), deployment), deadline)),
                    stage.get().warmUp());
        } catch (CheckFailure | CheckPlan.PlanException e) {
            return Outcome.of(Verdict.failed(e.getMessage()));
        }
    }

    /**
     * A rollback re-invokes the TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT hooks with the green revision
     * still as target. The service deployment's status says so; failing that, the stage's own weight map
     * moving traffic away from green does. Production weights at TEST_TRAFFIC_SHIFT are not used: green 0 /
     * blue 100 there is also the normal forward state.
     */
    static boolean rollingBack(ServiceDeployment sd, HookEvent.Ecs event) {
        if (sd.status() != null && ROLLING_BACK.contains(sd.status())) {
            return true;
        }
        Map<String, Double> weights = switch (event.stage()) {
            case TEST_TRAFFIC_SHIFT -> event.testTrafficWeights();
            case PRODUCTION_TRAFFIC_SHIFT -> event.productionTrafficWeights();
            default -> Map.of();
        };
        Double green = weights.get(event.targetRevisionArn());
        return green != null && green == 0.0 && weights.entrySet().stream()
                .anyMatch(e -> !e.getKey().equals(event.targetRevisionArn()) && e.getValue() > 0.0);
    }

    /** {@code arn:aws:ecs:<region>:<account>:service/<cluster>/<service>} → cluster, service. */
    static String[] clusterAndService(String serviceArn) throws CheckFailure {
        int at = serviceArn.indexOf(":service/");
        String[] parts = at < 0 ? new String[0] : serviceArn.substring(at + ":service/".length()).split("/");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new CheckFailure("service ARN " + serviceArn + " is not of the form ...:service/<cluster>/<service>");
        }
        return parts;
    }
}

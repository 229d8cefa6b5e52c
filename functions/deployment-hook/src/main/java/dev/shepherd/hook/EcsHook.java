package dev.shepherd.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckRunner;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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

    /** Built on first use: a CodeDeploy hook function never needs it (core caches the client). */
    private final Supplier<EcsClient> ecs;
    private final LoadBalancers loadBalancers;
    private final PlanStore plans;
    private final CheckFactory factory;
    private final CheckRunner runner;

    EcsHook(Supplier<EcsClient> ecs, LoadBalancers loadBalancers, PlanStore plans, CheckFactory factory, CheckRunner runner) {
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
        // Known once the plan is read: a stage cut off by the deadline keeps its warm-up allowance.
        AtomicReference<Optional<CheckPlan.WarmUp>> warmUp = new AtomicReference<>(Optional.empty());
        return Bounded.within(deadline, () -> evaluate(event, deadline, warmUp),
                reason -> new Outcome(Verdict.failed(reason), warmUp.get()));
    }

    /** The answer to ECS for an outcome, with the attempt counter for a warm-up retry. */
    static EcsResponse respond(HookEvent.Ecs event, Outcome outcome) {
        Verdict verdict = outcome.verdict();
        if (verdict.kind() != Verdict.Kind.FAILED) {
            return EcsResponse.succeeded();
        }
        if (outcome.warmUp().isEmpty()) {
            return EcsResponse.failed();
        }
        CheckPlan.WarmUp warmUp = outcome.warmUp().get();
        OptionalInt attempt = attempt(event.hookDetails(), warmUp.maxAttempts());
        if (attempt.isPresent() && attempt.getAsInt() < warmUp.maxAttempts()) {
            ObjectNode details = withoutNulls(event.hookDetails());
            details.put(ATTEMPT, attempt.getAsInt() + 1);
            LOG.info("attempt {} of {} failed, ECS will call again in {} s", attempt.getAsInt(), warmUp.maxAttempts(),
                    warmUp.callBackDelaySeconds());
            return EcsResponse.inProgress(warmUp.callBackDelaySeconds(), details);
        }
        return EcsResponse.failed();
    }

    /**
     * This invocation's attempt number: 1 when {@code hookDetails} has no counter. Anyone who can edit the service's
     * hookDetails can forge it, so anything but a whole number in 1..maxAttempts counts as exhausted (empty).
     */
    private static OptionalInt attempt(ObjectNode hookDetails, int maxAttempts) {
        JsonNode value = hookDetails.get(ATTEMPT);
        if (value == null) {
            return OptionalInt.of(1);
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 1
                && value.intValue() <= maxAttempts) {
            return OptionalInt.of(value.intValue());
        }
        LOG.warn("hookDetails.{} is {}, not a whole number from 1 to {}: the warm-up counts as exhausted", ATTEMPT,
                value, maxAttempts);
        return OptionalInt.empty();
    }

    /** A copy without null members, at any depth: ECS merges what we return, and a null is no documented value. */
    private static ObjectNode withoutNulls(ObjectNode node) {
        ObjectNode copy = node.objectNode();
        node.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                copy.set(e.getKey(), e.getValue().isObject() ? withoutNulls((ObjectNode) e.getValue())
                        : e.getValue().deepCopy());
            }
        });
        return copy;
    }

    private Outcome evaluate(HookEvent.Ecs event, Deadline deadline, AtomicReference<Optional<CheckPlan.WarmUp>> warmUp) {
        try {
            if (weightsShowRollback(event)) {
                return Outcome.of(Verdict.skipped("the event's traffic weights move traffic away from the green"
                        + " revision (a rollback); the green revision is not validated"));
            }
            ServiceDeployment sd = ecs.get().describeServiceDeployments(b -> b.serviceDeploymentArns(event.serviceDeploymentArn()))
                    .serviceDeployments().stream().findFirst()
                    .orElseThrow(() -> new CheckFailure("service deployment " + event.serviceDeploymentArn() + " not found"));
            if (sd.status() != null && ROLLING_BACK.contains(sd.status())) {
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
            warmUp.set(stage.get().warmUp());
            Deployment deployment = new EcsDeployment(ecs.get(), event.targetRevisionArn(), event.stage(), loadBalancers);
            return new Outcome(Verdict.of(runner.run(factory.checks(plan, stage.get(), deployment), deadline)),
                    stage.get().warmUp());
        } catch (CheckFailure | CheckPlan.PlanException e) {
            return Outcome.of(Verdict.failed(e.getMessage()));
        }
    }

    /**
     * A rollback re-invokes the TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT hooks with the green revision
     * still as target. The stage's own weight map moving traffic away from green says so without an API call;
     * failing that, the service deployment's status does. Production weights at TEST_TRAFFIC_SHIFT are not
     * used: green 0 / blue 100 there is also the normal forward state.
     */
    static boolean weightsShowRollback(HookEvent.Ecs event) {
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

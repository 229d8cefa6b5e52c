package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckRunner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.DeploymentType;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionIdException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.UnsupportedActionForDeploymentTypeException;

/**
 * A CodeDeploy lifecycle hook: decide, then report exactly once through
 * {@code PutLifecycleEventHookExecutionStatus}. The verdict starts as Failed and only a full, passing
 * evaluation turns it to Succeeded; evaluation is bounded so the report always fits before the Lambda
 * timeout; nothing is thrown after reporting (an async retry would only meet an already completed event). Only a
 * report that did not reach CodeDeploy for a reason a retry may cure is thrown, as {@link ReportNotDeliveredException}.
 */
final class CodeDeployHook {
    private static final Logger LOG = LoggerFactory.getLogger(CodeDeployHook.class);
    private static final Set<DeploymentStatus> FINISHED =
            Set.of(DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED, DeploymentStatus.STOPPED);

    /** Built on first use: an ECS native hook function never needs it (core caches the client). */
    private final Supplier<CodeDeployClient> codeDeploy;
    private final LoadBalancers loadBalancers;
    private final PlanStore plans;
    private final CheckFactory factory;
    private final CheckRunner runner;
    private final Optional<LifecycleEvent> hookEvent;

    CodeDeployHook(Supplier<CodeDeployClient> codeDeploy, LoadBalancers loadBalancers, PlanStore plans, CheckFactory factory,
            CheckRunner runner, Optional<LifecycleEvent> hookEvent) {
        this.codeDeploy = codeDeploy;
        this.loadBalancers = loadBalancers;
        this.plans = plans;
        this.factory = factory;
        this.runner = runner;
        this.hookEvent = hookEvent;
    }

    /**
     * @param settled receives the verdict before it is reported (or deliberately not), so that an error after this
     *                point never leads to a second report
     */
    Verdict handle(HookEvent.CodeDeploy event, Deadline deadline, AtomicReference<Verdict> settled) {
        Verdict verdict = Bounded.within(deadline, () -> evaluate(event, deadline), Verdict::failed);
        settled.set(verdict);
        if (verdict.kind() == Verdict.Kind.SKIPPED) {
            LOG.info("not validated, nothing reported: {}", verdict.reason());
            return verdict;
        }
        report(event, verdict);
        return verdict;
    }

    /**
     * After an error outside validation: reports Failed unless this invocation already settled its verdict. A
     * report that does not reach CodeDeploy throws {@link ReportNotDeliveredException}, so Lambda retries.
     */
    Verdict settle(HookEvent.CodeDeploy event, Verdict settled, String reason) {
        if (settled != null) {
            LOG.error("{}; the verdict was already settled ({}: {}), so nothing is reported again", reason,
                    settled.kind(), settled.reason());
            return settled;
        }
        Verdict failed = Verdict.failed(reason);
        report(event, failed);
        return failed;
    }

    private Verdict evaluate(HookEvent.CodeDeploy event, Deadline deadline) {
        try {
            DeploymentInfo info = deployment(event.deploymentId());
            if (info.status() != null && FINISHED.contains(info.status())) {
                return Verdict.skipped("deployment " + event.deploymentId() + " is already " + info.statusAsString());
            }
            String platform = info.computePlatformAsString();
            if (!"ECS".equals(platform) && !"Lambda".equals(platform)) {
                return Verdict.failed("compute platform " + platform + " is not validated by this hook (ECS or Lambda only)");
            }
            if (info.deploymentStyle() == null || info.deploymentStyle().deploymentType() != DeploymentType.BLUE_GREEN) {
                return Verdict.failed("deployment type " + (info.deploymentStyle() == null ? "unknown"
                        : info.deploymentStyle().deploymentTypeAsString()) + " is not BLUE_GREEN");
            }
            if (hookEvent.isEmpty()) {
                return Verdict.failed("HOOK_EVENT is not set, so the lifecycle event this hook validates is unknown;"
                        + " set it to one of " + LifecycleEvent.names());
            }
            LifecycleEvent served = hookEvent.get();
            if (!served.validFor(platform)) {
                return Verdict.failed("HOOK_EVENT " + served + " is not a hookable event of " + platform + " deployments");
            }
            DeploymentTarget target = target(event.deploymentId());
            List<String> inProgress = lifecycleEvents(target).stream()
                    .filter(e -> "InProgress".equals(e.statusAsString()))
                    .map(software.amazon.awssdk.services.codedeploy.model.LifecycleEvent::lifecycleEventName).toList();
            if (!inProgress.equals(List.of(served.name()))) {
                return Verdict.failed("this function serves " + served + " but the deployment's in-progress lifecycle"
                        + " event is " + (inProgress.isEmpty() ? "none" : String.join(" and ", inProgress)));
            }
            String path = plans.codeDeployPath(info.applicationName(), info.deploymentGroupName());
            CheckPlan plan = plans.load(path);
            Optional<CheckPlan.Stage> stage = plan.stage(served.name());
            if (stage.isEmpty()) {
                return Verdict.failed("check plan " + path + " has no stage " + served + " (use \"checks\": [] to run none)");
            }
            Deployment deployment = new CodeDeployDeployment(info, target, served, loadBalancers);
            return Verdict.of(runner.run(factory.checks(plan, stage.get(), deployment), deadline));
        } catch (CheckFailure | CheckPlan.PlanException e) {
            return Verdict.failed(e.getMessage());
        }
    }

    private DeploymentInfo deployment(String deploymentId) throws CheckFailure {
        try {
            return codeDeploy.get().getDeployment(b -> b.deploymentId(deploymentId)).deploymentInfo();
        } catch (DeploymentDoesNotExistException e) {
            throw new CheckFailure("deployment " + deploymentId + " does not exist in this account and region"
                    + " (a hand-made event, or a function deployed to another region than the deployment)");
        } catch (InvalidDeploymentIdException e) {
            throw new CheckFailure("'" + deploymentId + "' is not a CodeDeploy deployment id (a hand-made event)");
        }
    }

    /** An ECS or Lambda deployment has exactly one target. */
    private DeploymentTarget target(String deploymentId) throws CheckFailure {
        List<String> ids = codeDeploy.get().listDeploymentTargets(b -> b.deploymentId(deploymentId)).targetIds();
        if (ids.size() != 1) {
            throw new CheckFailure("deployment " + deploymentId + " has " + ids.size() + " targets, expected one");
        }
        return codeDeploy.get().getDeploymentTarget(b -> b.deploymentId(deploymentId).targetId(ids.getFirst()))
                .deploymentTarget();
    }

    private static List<software.amazon.awssdk.services.codedeploy.model.LifecycleEvent> lifecycleEvents(
            DeploymentTarget target) {
        if (target.ecsTarget() != null) {
            return target.ecsTarget().lifecycleEvents();
        }
        return target.lambdaTarget() != null ? target.lambdaTarget().lifecycleEvents() : List.of();
    }

    private void report(HookEvent.CodeDeploy event, Verdict verdict) {
        LifecycleEventStatus status = verdict.passed() ? LifecycleEventStatus.SUCCEEDED : LifecycleEventStatus.FAILED;
        try {
            codeDeploy.get().putLifecycleEventHookExecutionStatus(b -> b.deploymentId(event.deploymentId())
                    .lifecycleEventHookExecutionId(event.executionId()).status(status));
            LOG.info("reported {}: {}", status, verdict.reason());
        } catch (LifecycleEventAlreadyCompletedException e) {
            LOG.warn("lifecycle event already completed (a retried invocation, or the event ended); verdict was {}: {}",
                    status, verdict.reason());
        } catch (InvalidLifecycleEventHookExecutionIdException | InvalidDeploymentIdException
                | DeploymentDoesNotExistException | UnsupportedActionForDeploymentTypeException e) {
            // Permanent: the ids or the deployment are wrong, and a retried invocation would meet the same answer.
            LOG.error("could not report {} ({}); no retry can fix this. Verdict: {}", status, e.toString(),
                    verdict.reason());
        } catch (RuntimeException e) {
            // Throttling beyond the SDK's retries, 5xx, network, AccessDenied: the report did not happen, so throw.
            // Lambda's async retry then runs the hook again, and the function's Errors alarm fires, instead of
            // CodeDeploy silently waiting out its one-hour timeout.
            LOG.error("could not report {} ({}); failing the invocation so Lambda retries it. Verdict: {}",
                    status, e.toString(), verdict.reason());
            throw new ReportNotDeliveredException(status, e);
        }
    }
}

package dev.shepherd.alarm;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;

/**
 * Stops, with rollback, whatever is in flight on each target, and says exactly what happened. One target's failure
 * never keeps the others from being stopped; every call is bounded by the deadline, and once it has passed the
 * targets left are reported as failed ({@code DeadlineReached}) without a call.
 */
public final class DeploymentStopper {
    /** Every CodeDeploy status a deployment can still be stopped in; a Stopped, Failed or Succeeded one is done. */
    static final List<DeploymentStatus> CODEDEPLOY_IN_FLIGHT = List.of(DeploymentStatus.CREATED,
            DeploymentStatus.QUEUED, DeploymentStatus.IN_PROGRESS, DeploymentStatus.BAKING, DeploymentStatus.READY);
    /** ECS deployments that a stop turns into a rollback; the *_REQUESTED and ROLLBACK_* ones are already stopping. */
    static final List<ServiceDeploymentStatus> ECS_IN_FLIGHT = List.of(
            ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final CodeDeployClient codeDeploy;
    /** Built on first use (the platform keeps one per type): only alarms naming such targets need them. */
    private final Supplier<EcsClient> ecs;
    private final Supplier<LambdaClient> lambda;

    public DeploymentStopper(Platform platform) {
        this.codeDeploy = platform.client(CodeDeployClient.class);
        this.ecs = () -> platform.client(EcsClient.class);
        this.lambda = () -> platform.client(LambdaClient.class);
    }

    /** The one rule for stopping: the alarm entered ALARM and its actions are not suppressed. */
    public static boolean shouldStop(AlarmChange change) {
        return change.state().value() == AlarmChange.Value.ALARM && !change.suppressed();
    }

    /** Stops what is in flight on each target, or nothing at all when {@link #shouldStop} says no. */
    public StopReport stop(AlarmChange change, List<Target> targets, Deadline deadline) {
        if (!shouldStop(change)) {
            return StopReport.notStopped(change.suppressed()
                    ? "actions suppressed (" + change.suppressedBy() + "): nothing stopped"
                    : "alarm is " + change.state().value() + ": nothing stopped");
        }
        List<StopReport.Outcome> outcomes = new ArrayList<>();
        Bounded bounded = new Bounded(deadline);
        for (Target target : targets) {
            try {
                outcomes.addAll(switch (target) {
                    case Target.DeploymentGroup g -> stopGroup(g, bounded);
                    case Target.EcsService s -> stopService(s, bounded);
                    case Target.LambdaAlias a -> shiftBack(a, bounded);
                });
            } catch (OutOfTime e) {
                outcomes.add(failed(target, null, "DeadlineReached", "no time left"));
            } catch (AwsServiceException e) {
                outcomes.add(failed(target, null, code(e), "listing what is in flight failed"));
            } catch (SdkException e) {
                outcomes.add(failed(target, null, e.getClass().getSimpleName(), "listing what is in flight failed"));
            }
        }
        return new StopReport(outcomes, null);
    }

    private List<StopReport.Outcome> stopGroup(Target.DeploymentGroup g, Bounded bounded) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListDeploymentsResponse response = codeDeploy.listDeployments(r -> r.applicationName(g.application())
                    .deploymentGroupName(g.group()).includeOnlyStatuses(CODEDEPLOY_IN_FLIGHT).nextToken(page)
                    .overrideConfiguration(bounded.call()));
            ids.addAll(response.deployments());
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        if (ids.isEmpty()) {
            return List.of(nothing(g));
        }
        return each(g, ids, id -> {
            try {
                StopDeploymentResponse stopped = codeDeploy.stopDeployment(r -> r.deploymentId(id)
                        .autoRollbackEnabled(true).overrideConfiguration(bounded.call()));
                return new StopReport.Outcome(g, StopReport.Result.STOPPED, id, null, "Stopped " + g.describe()
                        + " deployment " + id + " with rollback (" + stopped.statusAsString() + ")");
            } catch (DeploymentAlreadyCompletedException e) {
                return done(g, id, "deployment " + id + " had already finished");
            }
        });
    }

    private List<StopReport.Outcome> stopService(Target.EcsService s, Bounded bounded) {
        List<String> arns = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListServiceDeploymentsResponse response = ecs.get().listServiceDeployments(r -> r.cluster(s.cluster())
                    .service(s.service()).status(ECS_IN_FLIGHT).nextToken(page).overrideConfiguration(bounded.call()));
            response.serviceDeployments().stream().map(ServiceDeploymentBrief::serviceDeploymentArn).forEach(arns::add);
            token = response.nextToken();
        } while (token != null && !token.isEmpty());
        if (arns.isEmpty()) {
            return List.of(nothing(s));
        }
        return each(s, arns, arn -> {
            try {
                ecs.get().stopServiceDeployment(r -> r.serviceDeploymentArn(arn).stopType(StopServiceDeploymentStopType.ROLLBACK)
                        .overrideConfiguration(bounded.call()));
                return new StopReport.Outcome(s, StopReport.Result.STOPPED, arn, null, "Stopped " + s.describe()
                        + " service deployment " + arn.substring(arn.lastIndexOf('/') + 1) + " with rollback");
            } catch (ConflictException e) {
                return done(s, arn, "service deployment " + arn.substring(arn.lastIndexOf('/') + 1)
                        + " had already finished");
            }
        });
    }

    /**
     * A weighted alias is shifted back to its primary version. The update carries the alias's revision, so a
     * concurrent change is refused rather than overwritten: then the alias is read once more, and a shift that
     * finished meanwhile is left alone.
     */
    private List<StopReport.Outcome> shiftBack(Target.LambdaAlias a, Bounded bounded) {
        for (int attempt = 1; ; attempt++) {
            GetAliasResponse alias = lambda.get().getAlias(r -> r.functionName(a.function()).name(a.alias())
                    .overrideConfiguration(bounded.call()));
            Map<String, Double> weights = alias.routingConfig() == null ? Map.of()
                    : alias.routingConfig().additionalVersionWeights();
            if (weights.isEmpty()) {
                return List.of(attempt == 1 ? nothing(a) : done(a, null, "the weighted shift finished meanwhile"));
            }
            String shifted = weights.entrySet().stream()
                    .map(e -> Math.round(e.getValue() * 100) + "% on version " + e.getKey()).findFirst().orElseThrow();
            try {
                lambda.get().updateAlias(r -> r.functionName(a.function()).name(a.alias())
                        .functionVersion(alias.functionVersion()).routingConfig(c -> c.additionalVersionWeights(Map.of()))
                        .revisionId(alias.revisionId()).overrideConfiguration(bounded.call()));
                return List.of(new StopReport.Outcome(a, StopReport.Result.STOPPED, null, null, a.describe()
                        + ": shifted back to version " + alias.functionVersion() + " (was " + shifted + ")"));
            } catch (PreconditionFailedException e) {
                if (attempt == 2) {
                    return List.of(failed(a, null, code(e), "the alias kept changing"));
                }
            } catch (AwsServiceException e) {
                return List.of(failed(a, null, code(e), "shifting back failed"));
            }
        }
    }

    /** Acts on each deployment in turn; one failing does not keep the next from being stopped. */
    private static List<StopReport.Outcome> each(Target target, List<String> deployments,
            Function<String, StopReport.Outcome> stop) {
        List<StopReport.Outcome> outcomes = new ArrayList<>();
        for (String id : deployments) {
            try {
                outcomes.add(stop.apply(id));
            } catch (OutOfTime e) {
                outcomes.add(failed(target, id, "DeadlineReached", "no time left to stop " + id));
            } catch (AwsServiceException e) {
                outcomes.add(failed(target, id, code(e), "stopping " + id + " failed"));
            } catch (SdkException e) {
                outcomes.add(failed(target, id, e.getClass().getSimpleName(), "stopping " + id + " failed"));
            }
        }
        return outcomes;
    }

    private static StopReport.Outcome nothing(Target target) {
        return new StopReport.Outcome(target, StopReport.Result.NOTHING_IN_FLIGHT, null, null,
                target.describe() + ": nothing in flight");
    }

    private static StopReport.Outcome done(Target target, String deployment, String what) {
        return new StopReport.Outcome(target, StopReport.Result.ALREADY_DONE, deployment, null,
                target.describe() + ": " + what);
    }

    private static StopReport.Outcome failed(Target target, String deployment, String code, String what) {
        return new StopReport.Outcome(target, StopReport.Result.FAILED, deployment, code,
                target.describe() + ": " + what + " (" + code + ")");
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
                ? e.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
    }

    /** The deadline ran out before a call could start. */
    private static final class OutOfTime extends RuntimeException {
        OutOfTime() {
            super(null, null, false, false);
        }
    }

    /** Per-call timeouts within the deadline; no call starts once it has passed. */
    private record Bounded(Deadline deadline) {
        AwsRequestOverrideConfiguration call() {
            Duration left = deadline.cap(CALL_TIMEOUT);
            if (left.isZero()) {
                throw new OutOfTime();
            }
            return AwsRequestOverrideConfiguration.builder().apiCallTimeout(left).build();
        }
    }
}

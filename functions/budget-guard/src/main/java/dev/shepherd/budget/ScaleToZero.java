package dev.shepherd.budget;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * The budget guard's cost action: scales opted-in, non-production ECS services of the configured clusters to zero,
 * and brings them back exactly.
 *
 * <p>A service is acted on only when it carries {@value #OPT_IN_TAG}={@value #OPT_IN_VALUE} and an
 * {@value #ENVIRONMENT_TAG} tag that is not production ({@code prod} or {@code production}, any case) and that the
 * cost policy names; otherwise it is skipped with the reason. Before any change its desired count and its
 * Application Auto Scaling limits and suspended flags go into its own {@value #RESTORE_TAG} tag ({@link RestoreRecord});
 * then its target gets MinCapacity 0 with scaling suspended (so no policy or scheduled action scales it back out)
 * and then desired count 0.
 * A service that already has a record keeps it (it holds the state from before the first action) and the action is
 * completed; at zero it is a success with nothing to write. Dry-run lists the same plan and writes nothing.
 *
 * <p>{@link #restore} acts on every service with a record, opted in or not. It restores only a service still as
 * Shepherd left it (or half restored by an earlier run): desired count 0 or the recorded one, target at
 * MinCapacity 0 suspended or as recorded. Anything else means someone changed it by hand meanwhile; that is reported
 * and the record left in place for a person to decide, never overwritten. Desired count comes back first, then the
 * target, then the record is removed, so a rerun after any partial failure finishes the job.
 *
 * <p>Every service ends as one {@link Outcome}; a failing call fails only its service, and services not reached
 * before the deadline are listed as skipped.
 */
public final class ScaleToZero {
    public static final String OPT_IN_TAG = "shepherd:cost-action";
    public static final String OPT_IN_VALUE = "scale-to-zero";
    public static final String ENVIRONMENT_TAG = "environment";
    public static final String RESTORE_TAG = "shepherd:restore";
    private static final Set<String> PRODUCTION = Set.of("prod", "production");
    private static final int DESCRIBE_BATCH = 10;

    public enum Kind { PLANNED, SCALED, ALREADY_ZERO, RESTORED, SKIPPED, FAILED }

    /** What happened to one service (or to a cluster that could not be listed), with the reason for the notice. */
    public record Outcome(String cluster, String service, Kind kind, String detail) {
        public String line() {
            return kind + " " + cluster + "/" + service + ": " + detail;
        }
    }

    public record Result(boolean dryRun, List<Outcome> outcomes) {
        public List<Outcome> of(Kind kind) {
            return outcomes.stream().filter(o -> o.kind() == kind).toList();
        }
    }

    private final EcsClient ecs;
    private final ApplicationAutoScalingClient scaling;
    private final List<String> clusters;
    private final Set<String> environments;

    /** @param environments the {@value #ENVIRONMENT_TAG} tag values scaled down (exact); production is never one */
    public ScaleToZero(Platform platform, List<String> clusters, Set<String> environments) {
        this.ecs = platform.client(EcsClient.class);
        this.scaling = platform.client(ApplicationAutoScalingClient.class);
        this.clusters = List.copyOf(clusters);
        this.environments = Set.copyOf(environments);
    }

    /** Scales the eligible services to zero, or with {@code dryRun} only plans it. */
    public Result scaleDown(boolean dryRun, Deadline deadline) {
        return new Result(dryRun, forEachService(deadline, (cluster, svc) -> scaleDown(cluster, svc, dryRun)));
    }

    /** Brings back every service that holds a restore record, or with {@code dryRun} only plans it. */
    public Result restore(boolean dryRun, Deadline deadline) {
        return new Result(dryRun, forEachService(deadline, (cluster, svc) -> tags(svc).containsKey(RESTORE_TAG)
                ? restore(cluster, svc, dryRun) : null));
    }

    private interface Action {
        Outcome apply(String cluster, Service service);
    }

    private List<Outcome> forEachService(Deadline deadline, Action action) {
        List<Outcome> outcomes = new ArrayList<>();
        for (String cluster : clusters) {
            List<Service> services;
            try {
                services = services(cluster);
            } catch (SdkException e) {
                outcomes.add(new Outcome(cluster, "*", Kind.FAILED, "cannot list services: " + problem(e)));
                continue;
            }
            for (Service svc : services) {
                if (deadline.expired()) {
                    outcomes.add(new Outcome(cluster, svc.serviceName(), Kind.SKIPPED, "deadline reached first"));
                    continue;
                }
                try {
                    Outcome o = action.apply(cluster, svc);
                    if (o != null) {
                        outcomes.add(o);
                    }
                } catch (SdkException e) {
                    outcomes.add(new Outcome(cluster, svc.serviceName(), Kind.FAILED, problem(e)));
                }
            }
        }
        return outcomes;
    }

    private List<Service> services(String cluster) {
        List<String> arns = ecs.listServicesPaginator(r -> r.cluster(cluster)).serviceArns().stream().toList();
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < arns.size(); i += DESCRIBE_BATCH) {
            List<String> batch = arns.subList(i, Math.min(i + DESCRIBE_BATCH, arns.size()));
            // A service deleted since the listing comes back under failures: nothing to act on.
            services.addAll(ecs.describeServices(r -> r.cluster(cluster).services(batch).include(ServiceField.TAGS))
                    .services());
        }
        return services;
    }

    private Outcome scaleDown(String cluster, Service svc, boolean dryRun) {
        String name = svc.serviceName();
        Map<String, String> tags = tags(svc);
        if (!OPT_IN_VALUE.equals(tags.get(OPT_IN_TAG))) {
            return new Outcome(cluster, name, Kind.SKIPPED, "not opted in (" + OPT_IN_TAG + "=" + OPT_IN_VALUE + ")");
        }
        String environment = tags.get(ENVIRONMENT_TAG);
        if (environment == null || environment.isBlank()) {
            return new Outcome(cluster, name, Kind.SKIPPED, "no " + ENVIRONMENT_TAG + " tag");
        }
        if (PRODUCTION.contains(environment.trim().toLowerCase(Locale.ROOT))) {
            return new Outcome(cluster, name, Kind.SKIPPED, "production (" + ENVIRONMENT_TAG + "=" + environment + ")");
        }
        if (!environments.contains(environment)) {
            return new Outcome(cluster, name, Kind.SKIPPED, ENVIRONMENT_TAG + "=" + environment
                    + " is not one the cost policy acts on");
        }
        String recorded = tags.get(RESTORE_TAG);
        RestoreRecord record = null;
        if (recorded != null) {
            try {
                record = RestoreRecord.decode(recorded);
            } catch (IllegalArgumentException e) {
                return new Outcome(cluster, name, Kind.SKIPPED, e.getMessage() + "; left in place");
            }
        }
        ScalableTarget target = target(cluster, name);
        if (record != null && svc.desiredCount() == 0 && (target == null || scaledDown(target))) {
            return new Outcome(cluster, name, Kind.ALREADY_ZERO, "already at 0 (" + record.encode() + ")");
        }
        if (record == null && svc.desiredCount() == 0) {
            return new Outcome(cluster, name, Kind.SKIPPED, "already at 0 without a restore record: not Shepherd's");
        }
        boolean fresh = record == null;
        if (fresh) {
            record = new RestoreRecord(svc.desiredCount(), target == null ? null : scalingOf(target));
        }
        String plan = "desired " + svc.desiredCount() + " -> 0" + (target == null ? ""
                : ", scaling min " + target.minCapacity() + " -> 0 and suspended") + "; record " + record.encode()
                + (fresh ? "" : " (kept from an earlier action)");
        if (dryRun) {
            return new Outcome(cluster, name, Kind.PLANNED, plan);
        }
        if (fresh) {
            String value = record.encode();
            ecs.tagResource(r -> r.resourceArn(svc.serviceArn()).tags(Tag.builder().key(RESTORE_TAG).value(value).build()));
        }
        if (target != null) {
            register(cluster, name, 0, target.maxCapacity(),
                    new RestoreRecord.Scaling(0, target.maxCapacity(), true, true, true));
        }
        ecs.updateService(r -> r.cluster(cluster).service(name).desiredCount(0));
        return new Outcome(cluster, name, Kind.SCALED, plan);
    }

    private Outcome restore(String cluster, Service svc, boolean dryRun) {
        String name = svc.serviceName();
        RestoreRecord record;
        try {
            record = RestoreRecord.decode(tags(svc).get(RESTORE_TAG));
        } catch (IllegalArgumentException e) {
            return new Outcome(cluster, name, Kind.FAILED, e.getMessage() + "; left in place, not restored");
        }
        ScalableTarget target = target(cluster, name);
        String handChange = handChange(svc, target, record);
        if (handChange != null) {
            return new Outcome(cluster, name, Kind.SKIPPED, "changed by hand since the scale-down (" + handChange
                    + "); record " + record.encode() + " left in place, not restored");
        }
        String plan = "desired " + svc.desiredCount() + " -> " + record.desiredCount() + (record.scaling() == null ? ""
                : ", scaling min " + target.minCapacity() + " -> " + record.scaling().min() + " max "
                        + record.scaling().max() + " suspend " + record.scaling().flags());
        if (dryRun) {
            return new Outcome(cluster, name, Kind.PLANNED, plan);
        }
        if (svc.desiredCount() != record.desiredCount()) {
            ecs.updateService(r -> r.cluster(cluster).service(name).desiredCount(record.desiredCount()));
        }
        if (record.scaling() != null && !scalingOf(target).equals(record.scaling())) {
            register(cluster, name, record.scaling().min(), record.scaling().max(), record.scaling());
        }
        ecs.untagResource(r -> r.resourceArn(svc.serviceArn()).tagKeys(RESTORE_TAG));
        return new Outcome(cluster, name, Kind.RESTORED, plan);
    }

    /** Why the service is neither as Shepherd left it nor as recorded (or part-way between), or null. */
    private static String handChange(Service svc, ScalableTarget target, RestoreRecord record) {
        int desired = svc.desiredCount();
        if (desired != 0 && desired != record.desiredCount()) {
            return "desired count " + desired;
        }
        if (record.scaling() == null) {
            return target == null ? null : "an auto-scaling target was added";
        }
        if (target == null) {
            return "its auto-scaling target was removed";
        }
        RestoreRecord.Scaling now = scalingOf(target);
        RestoreRecord.Scaling leftByShepherd = new RestoreRecord.Scaling(0, record.scaling().max(), true, true, true);
        return now.equals(leftByShepherd) || now.equals(record.scaling()) ? null
                : "scaling min " + now.min() + " max " + now.max() + " suspend " + now.flags();
    }

    /** As Shepherd leaves a target: MinCapacity 0 and every kind of scaling suspended. */
    private static boolean scaledDown(ScalableTarget t) {
        RestoreRecord.Scaling s = scalingOf(t);
        return s.min() == 0 && s.scaleInSuspended() && s.scaleOutSuspended() && s.scheduledSuspended();
    }

    private static RestoreRecord.Scaling scalingOf(ScalableTarget t) {
        SuspendedState s = t.suspendedState();
        return new RestoreRecord.Scaling(t.minCapacity(), t.maxCapacity(),
                s != null && Boolean.TRUE.equals(s.dynamicScalingInSuspended()),
                s != null && Boolean.TRUE.equals(s.dynamicScalingOutSuspended()),
                s != null && Boolean.TRUE.equals(s.scheduledScalingSuspended()));
    }

    private ScalableTarget target(String cluster, String service) {
        return scaling.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceIds(resourceId(cluster, service)))
                .scalableTargets().stream().findFirst().orElse(null);
    }

    private void register(String cluster, String service, int min, int max, RestoreRecord.Scaling state) {
        scaling.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.ECS)
                .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).resourceId(resourceId(cluster, service))
                .minCapacity(min).maxCapacity(max).suspendedState(s -> s.dynamicScalingInSuspended(state.scaleInSuspended())
                        .dynamicScalingOutSuspended(state.scaleOutSuspended())
                        .scheduledScalingSuspended(state.scheduledSuspended())));
    }

    /** Application Auto Scaling's id of an ECS service: the cluster's name, not its ARN. */
    private static String resourceId(String cluster, String service) {
        return "service/" + cluster.substring(cluster.lastIndexOf('/') + 1) + "/" + service;
    }

    private static Map<String, String> tags(Service svc) {
        return svc.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    private static String problem(SdkException e) {
        return e instanceof AwsServiceException a && a.awsErrorDetails() != null
                ? a.awsErrorDetails().errorCode() + ": " + a.awsErrorDetails().errorMessage()
                : e.getClass().getSimpleName();
    }
}

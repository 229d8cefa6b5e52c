package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ApplicationAutoScalingException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetRequest;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/**
 * In-memory Application Auto Scaling scalable targets for ECS services ({@code ecs:service:DesiredCount}, resource id
 * {@code service/<cluster>/<service>}). {@code DescribeScalableTargets} filters by namespace, resource ids (at most 50)
 * and dimension, pages with {@code MaxResults} (1 to 50) and lists nothing, not an error, for an unknown resource.
 * {@code RegisterScalableTarget} creates a target (which needs both MinCapacity and MaxCapacity) or updates the
 * fields given, keeping the others, the three {@code SuspendedState} flags each on its own; a minimum above the
 * maximum, a resource id not of the ECS form, or another namespace or dimension is {@code ValidationException}.
 * Unlike AWS the fake does not check the ECS service exists nor move its desired count into the new range.
 *
 * <p>Scenario section {@code "applicationautoscaling"}: {@code {"scalableTargets": [ScalableTarget]}} in the API's own
 * shape ({@code serviceNamespace}, {@code resourceId}, {@code scalableDimension}, {@code minCapacity},
 * {@code maxCapacity}, {@code suspendedState}).
 */
public final class FakeApplicationAutoScaling extends FakeService implements ApplicationAutoScalingClient {
    private static final int MAX_RESULTS = 50;
    private static final String ACCOUNT = "123456789012";

    private final Map<String, ScalableTarget> targets = new LinkedHashMap<>();

    public FakeApplicationAutoScaling(CallJournal journal) {
        super(journal, ApplicationAutoScalingClient.class);
    }

    @Override
    public String scenarioKey() {
        return "applicationautoscaling";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "scalableTargets");
        JsonNode list = section.path("scalableTargets");
        for (int i = 0; i < list.size(); i++) {
            String path = "applicationautoscaling.scalableTargets[" + i + "]";
            ScalableTarget t = ScenarioJson.read(list.get(i), ScalableTarget::builder, path);
            if (t.serviceNamespace() != ServiceNamespace.ECS || t.scalableDimension() != ScalableDimension.ECS_SERVICE_DESIRED_COUNT
                    || !ecsResourceId(t.resourceId()) || t.minCapacity() == null || t.maxCapacity() == null) {
                throw new IllegalArgumentException(path + " needs serviceNamespace ecs, scalableDimension "
                        + "ecs:service:DesiredCount, resourceId service/<cluster>/<service>, minCapacity and maxCapacity");
            }
            targets.put(t.resourceId(), complete(t));
        }
    }

    /** A target as it is now, for tests; null when none is registered. */
    public synchronized ScalableTarget target(String resourceId) {
        return targets.get(resourceId);
    }

    @Override
    public DescribeScalableTargetsResponse describeScalableTargets(DescribeScalableTargetsRequest request) {
        record(request);
        if (request.serviceNamespace() == null) {
            throw invalid("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (request.resourceIds().size() > MAX_RESULTS) {
            throw invalid("ResourceIds must contain at most " + MAX_RESULTS + " items.");
        }
        int max = request.maxResults() == null ? MAX_RESULTS : request.maxResults();
        if (max < 1 || max > MAX_RESULTS) {
            throw invalid("MaxResults must be between 1 and " + MAX_RESULTS + ".");
        }
        int from = pageOffset(request.nextToken(), () -> invalid("Invalid NextToken"));
        List<ScalableTarget> matching;
        synchronized (this) {
            matching = targets.values().stream()
                    .filter(t -> t.serviceNamespace() == request.serviceNamespace())
                    .filter(t -> !request.hasResourceIds() || request.resourceIds().contains(t.resourceId()))
                    .filter(t -> request.scalableDimension() == null || t.scalableDimension() == request.scalableDimension())
                    .toList();
        }
        DescribeScalableTargetsResponse.Builder response = DescribeScalableTargetsResponse.builder().scalableTargets(
                matching.subList(Math.min(from, matching.size()), Math.min(from + max, matching.size())));
        if (from + max < matching.size()) {
            response.nextToken(pageToken(from + max));
        }
        return response.build();
    }

    @Override
    public RegisterScalableTargetResponse registerScalableTarget(RegisterScalableTargetRequest request) {
        record(request);
        if (request.serviceNamespace() != ServiceNamespace.ECS
                || request.scalableDimension() != ScalableDimension.ECS_SERVICE_DESIRED_COUNT) {
            throw invalid("The sandbox registers only ecs:service:DesiredCount targets of namespace ecs.");
        }
        if (!ecsResourceId(request.resourceId())) {
            throw invalid("Unsupported resource ID " + request.resourceId()
                    + ". Expected: service/<cluster>/<service>");
        }
        if ((request.minCapacity() != null && request.minCapacity() < 0)
                || (request.maxCapacity() != null && request.maxCapacity() < 0)) {
            throw invalid("MinCapacity and MaxCapacity must be at least 0.");
        }
        synchronized (this) {
            ScalableTarget old = targets.get(request.resourceId());
            if (old == null && (request.minCapacity() == null || request.maxCapacity() == null)) {
                throw invalid("MinCapacity and MaxCapacity are required for registering a new scalable target.");
            }
            int min = request.minCapacity() != null ? request.minCapacity() : old.minCapacity();
            int max = request.maxCapacity() != null ? request.maxCapacity() : old.maxCapacity();
            if (min > max) {
                throw invalid("Minimum capacity cannot be greater than maximum capacity");
            }
            ScalableTarget.Builder next = old == null
                    ? ScalableTarget.builder().serviceNamespace(ServiceNamespace.ECS).resourceId(request.resourceId())
                            .scalableDimension(ScalableDimension.ECS_SERVICE_DESIRED_COUNT).creationTime(Instant.now())
                    : old.toBuilder();
            next.minCapacity(min).maxCapacity(max)
                    .suspendedState(merge(old == null ? null : old.suspendedState(), request.suspendedState()));
            if (request.roleARN() != null) {
                next.roleARN(request.roleARN());
            }
            ScalableTarget t = complete(next.build());
            targets.put(t.resourceId(), t);
            return RegisterScalableTargetResponse.builder().scalableTargetARN(t.scalableTargetARN()).build();
        }
    }

    private static SuspendedState merge(SuspendedState old, SuspendedState given) {
        SuspendedState base = old != null ? old : SuspendedState.builder().dynamicScalingInSuspended(false)
                .dynamicScalingOutSuspended(false).scheduledScalingSuspended(false).build();
        if (given == null) {
            return base;
        }
        return SuspendedState.builder()
                .dynamicScalingInSuspended(pick(given.dynamicScalingInSuspended(), base.dynamicScalingInSuspended()))
                .dynamicScalingOutSuspended(pick(given.dynamicScalingOutSuspended(), base.dynamicScalingOutSuspended()))
                .scheduledScalingSuspended(pick(given.scheduledScalingSuspended(), base.scheduledScalingSuspended()))
                .build();
    }

    private static Boolean pick(Boolean given, Boolean base) {
        return given != null ? given : base;
    }

    /** Fills what AWS fills: the suspended flags (all false unless set), the role, the target's ARN. */
    private static ScalableTarget complete(ScalableTarget t) {
        ScalableTarget.Builder b = t.toBuilder().suspendedState(merge(null, t.suspendedState()));
        if (t.roleARN() == null) {
            b.roleARN("arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/ecs.application-autoscaling.amazonaws.com/"
                    + "AWSServiceRoleForApplicationAutoScaling_ECSService");
        }
        if (t.scalableTargetARN() == null) {
            b.scalableTargetARN("arn:aws:application-autoscaling:eu-west-1:" + ACCOUNT + ":scalable-target/"
                    + UUID.nameUUIDFromBytes(t.resourceId().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            .toString().replace("-", ""));
        }
        if (t.creationTime() == null) {
            b.creationTime(Instant.now());
        }
        return b.build();
    }

    private static boolean ecsResourceId(String id) {
        return id != null && id.matches("service/[^/]+/[^/]+");
    }

    private static ApplicationAutoScalingException invalid(String message) {
        return error(ValidationException.builder(), "ValidationException", 400, message);
    }
}

package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.ApplicationNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.ComputePlatform;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupNameRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIdRequiredException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentNotStartedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStatus;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTargetIdRequiredException;
import software.amazon.awssdk.services.codedeploy.model.ErrorCode;
import software.amazon.awssdk.services.codedeploy.model.ErrorInformation;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentGroupResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetRequest;
import software.amazon.awssdk.services.codedeploy.model.GetDeploymentTargetResponse;
import software.amazon.awssdk.services.codedeploy.model.InvalidApplicationNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentGroupNameException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentStatusException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionIdException;
import software.amazon.awssdk.services.codedeploy.model.InvalidLifecycleEventHookExecutionStatusException;
import software.amazon.awssdk.services.codedeploy.model.InvalidNextTokenException;
import software.amazon.awssdk.services.codedeploy.model.InvalidTargetFilterNameException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEvent;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsRequest;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentsResponse;
import software.amazon.awssdk.services.codedeploy.model.PutLifecycleEventHookExecutionStatusRequest;
import software.amazon.awssdk.services.codedeploy.model.PutLifecycleEventHookExecutionStatusResponse;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.StopDeploymentResponse;
import software.amazon.awssdk.services.codedeploy.model.StopStatus;
import software.amazon.awssdk.services.codedeploy.model.TargetFilterName;
import software.amazon.awssdk.services.codedeploy.model.TargetStatus;
import software.amazon.awssdk.services.codedeploy.model.UnsupportedActionForDeploymentTypeException;

/**
 * In-memory CodeDeploy for lifecycle hooks: deployments with their targets and hook executions, and
 * deployment groups. Enforces the rules a hook meets in AWS: ids are validated, a hook execution is
 * completed once and only while its deployment is in progress, only {@code Succeeded}/{@code Failed} may
 * be reported, and only for ECS and Lambda deployments. Reporting {@code Failed} fails the lifecycle event,
 * the targets and the deployment, as CodeDeploy does.
 *
 * <p>For the alarm responder: {@code ListDeployments} takes the application and group names together or not at all,
 * filters by status and pages its answer; {@code StopDeployment} stops a deployment that has not ended (it is then
 * {@code Stopped}) and refuses one that has with {@code DeploymentAlreadyCompletedException}. A deployment listed in
 * {@code completeBeforeStop} succeeds just before a stop reaches it: the race of a deployment that finishes between
 * the list and the stop.
 *
 * <p>Scenario section {@code "codedeploy"} (see docs/scenarios.md):
 * {@code {"deployments": [{"deploymentInfo": {...GetDeployment's deploymentInfo...},
 * "targets": [{...GetDeploymentTarget's deploymentTarget...}], "hookExecutions": {"<execution id>": "<lifecycle event>"}}],
 * "deploymentGroups": [{...GetDeploymentGroup's deploymentGroupInfo...}], "completeBeforeStop": ["<deployment id>"]}}.
 */
public final class FakeCodeDeploy extends FakeService implements CodeDeployClient {
    /** Deployment ids as CodeDeploy issues them: {@code d-} and nine uppercase letters or digits. */
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("d-[A-Z0-9]{9}");
    private static final int MAX_NAME_LENGTH = 100;
    private static final Set<String> REPORTABLE = Set.of(
            LifecycleEventStatus.SUCCEEDED.toString(), LifecycleEventStatus.FAILED.toString());
    private static final Set<LifecycleEventStatus> ENDED = Set.of(
            LifecycleEventStatus.SUCCEEDED, LifecycleEventStatus.FAILED, LifecycleEventStatus.SKIPPED);

    /** One deployment's mutable state; guarded by the fake's monitor. */
    private static final class Deployment {
        DeploymentInfo info;
        final Map<String, DeploymentTarget> targets = new LinkedHashMap<>();
        final Map<String, String> hookEvents = new HashMap<>();
        final Map<String, LifecycleEventStatus> reported = new HashMap<>();
    }

    /** ListDeployments' page size; CodeDeploy chooses its own (not documented), tests set a small one. */
    private static final int DEFAULT_PAGE_SIZE = 100;
    private static final Set<DeploymentStatus> ENDED_DEPLOYMENT = Set.of(
            DeploymentStatus.SUCCEEDED, DeploymentStatus.FAILED, DeploymentStatus.STOPPED);

    private final Map<String, Deployment> deployments = new HashMap<>();
    private final Map<String, DeploymentGroupInfo> groups = new HashMap<>();
    private final Set<String> completeBeforeStop = new HashSet<>();
    /** Deployment id to the autoRollbackEnabled of the stop that stopped it. */
    private final Map<String, Boolean> stops = new HashMap<>();
    private int pageSize = DEFAULT_PAGE_SIZE;

    public FakeCodeDeploy(CallJournal journal) {
        super(journal, CodeDeployClient.class);
    }

    @Override
    public String scenarioKey() {
        return "codedeploy";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "deployments", "deploymentGroups", "completeBeforeStop");
        JsonNode list = section.path("deployments");
        for (int i = 0; i < list.size(); i++) {
            seedDeployment(list.get(i), "codedeploy.deployments[" + i + "]");
        }
        JsonNode groupList = section.path("deploymentGroups");
        for (int i = 0; i < groupList.size(); i++) {
            DeploymentGroupInfo group = ScenarioJson.read(groupList.get(i), DeploymentGroupInfo::builder,
                    "codedeploy.deploymentGroups[" + i + "]");
            if (group.applicationName() == null || group.deploymentGroupName() == null) {
                throw new IllegalArgumentException("codedeploy.deploymentGroups[" + i
                        + "] needs applicationName and deploymentGroupName");
            }
            groups.put(groupKey(group.applicationName(), group.deploymentGroupName()), group);
        }
        JsonNode racing = section.path("completeBeforeStop");
        for (int i = 0; i < racing.size(); i++) {
            String id = racing.get(i).asText();
            if (!racing.get(i).isTextual() || !deployments.containsKey(id)) {
                throw new IllegalArgumentException("codedeploy.completeBeforeStop[" + i
                        + "] must name a deployment of the scenario, not " + racing.get(i));
            }
            completeBeforeStop.add(id);
        }
    }

    /** Sets ListDeployments' page size, so a test can make the answer span pages. */
    public synchronized void listPageSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("page size must be at least 1");
        }
        pageSize = size;
    }

    /** A deployment's status now, for tests, without a journaled call (which IAM checks would count). */
    public synchronized Optional<DeploymentStatus> deploymentStatus(String deploymentId) {
        Deployment deployment = deployments.get(deploymentId);
        return deployment == null ? Optional.empty() : Optional.of(deployment.info.status());
    }

    /** Whether a deployment was stopped, and if so with which autoRollbackEnabled: the test's view of the stop. */
    public synchronized Optional<Boolean> stoppedWithRollback(String deploymentId) {
        return Optional.ofNullable(stops.get(deploymentId));
    }

    private void seedDeployment(JsonNode node, String path) {
        DeploymentInfo info = ScenarioJson.read(node.path("deploymentInfo"), DeploymentInfo::builder, path + ".deploymentInfo");
        if (info.deploymentId() == null || !DEPLOYMENT_ID.matcher(info.deploymentId()).matches()) {
            throw new IllegalArgumentException(path + ".deploymentInfo.deploymentId must look like d-ABCDE1234, not "
                    + info.deploymentId());
        }
        Deployment deployment = new Deployment();
        deployment.info = info;
        JsonNode targets = node.path("targets");
        for (int i = 0; i < targets.size(); i++) {
            DeploymentTarget target = ScenarioJson.read(targets.get(i), DeploymentTarget::builder, path + ".targets[" + i + "]");
            deployment.targets.put(targetId(target).orElseThrow(() -> new IllegalArgumentException(
                    path + " target has no ecsTarget/lambdaTarget/instanceTarget/cloudFormationTarget with a targetId")), target);
        }
        node.path("hookExecutions").fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(path + ".hookExecutions maps an execution id to a lifecycle event name");
            }
            deployment.hookEvents.put(e.getKey(), e.getValue().asText());
        });
        deployments.put(info.deploymentId(), deployment);
    }

    /** What was reported for a hook execution, if anything: the test's view of the verdict. */
    public synchronized Optional<LifecycleEventStatus> reportedStatus(String deploymentId, String executionId) {
        Deployment deployment = deployments.get(deploymentId);
        return deployment == null ? Optional.empty() : Optional.ofNullable(deployment.reported.get(executionId));
    }

    @Override
    public GetDeploymentResponse getDeployment(GetDeploymentRequest request) {
        record(request);
        synchronized (this) {
            return GetDeploymentResponse.builder().deploymentInfo(deployment(request.deploymentId()).info).build();
        }
    }

    @Override
    public GetDeploymentGroupResponse getDeploymentGroup(GetDeploymentGroupRequest request) {
        record(request);
        String app = request.applicationName();
        String group = request.deploymentGroupName();
        if (app == null || app.isEmpty()) {
            throw error(ApplicationNameRequiredException.builder(), "ApplicationNameRequiredException", 400,
                    "The minimum number of required application names was not specified.");
        }
        if (app.length() > MAX_NAME_LENGTH) {
            throw error(InvalidApplicationNameException.builder(), "InvalidApplicationNameException", 400,
                    "The application name was specified in an invalid format.");
        }
        if (group == null || group.isEmpty()) {
            throw error(DeploymentGroupNameRequiredException.builder(), "DeploymentGroupNameRequiredException", 400,
                    "The deployment group name was not specified.");
        }
        if (group.length() > MAX_NAME_LENGTH) {
            throw error(InvalidDeploymentGroupNameException.builder(), "InvalidDeploymentGroupNameException", 400,
                    "The deployment group name was specified in an invalid format.");
        }
        synchronized (this) {
            if (groups.values().stream().noneMatch(g -> g.applicationName().equals(app))) {
                throw error(ApplicationDoesNotExistException.builder(), "ApplicationDoesNotExistException", 400,
                        "No application found for name: " + app);
            }
            DeploymentGroupInfo info = groups.get(groupKey(app, group));
            if (info == null) {
                throw error(DeploymentGroupDoesNotExistException.builder(), "DeploymentGroupDoesNotExistException", 400,
                        "No Deployment Group found for name: " + group);
            }
            return GetDeploymentGroupResponse.builder().deploymentGroupInfo(info).build();
        }
    }

    @Override
    public GetDeploymentTargetResponse getDeploymentTarget(GetDeploymentTargetRequest request) {
        record(request);
        synchronized (this) {
            Deployment deployment = startedDeployment(request.deploymentId());
            String targetId = request.targetId();
            if (targetId == null || targetId.isEmpty()) {
                throw error(DeploymentTargetIdRequiredException.builder(), "DeploymentTargetIdRequiredException", 400,
                        "A deployment target ID was not provided.");
            }
            DeploymentTarget target = deployment.targets.get(targetId);
            if (target == null) {
                throw error(DeploymentTargetDoesNotExistException.builder(), "DeploymentTargetDoesNotExistException", 400,
                        "The provided target ID does not belong to the attempted deployment.");
            }
            return GetDeploymentTargetResponse.builder().deploymentTarget(target).build();
        }
    }

    /** Returns every matching target in one page: a hook's deployment has one target (ECS service or function). */
    @Override
    public ListDeploymentTargetsResponse listDeploymentTargets(ListDeploymentTargetsRequest request) {
        record(request);
        synchronized (this) {
            Deployment deployment = startedDeployment(request.deploymentId());
            if (request.nextToken() != null) {
                throw error(InvalidNextTokenException.builder(), "InvalidNextTokenException", 400,
                        "The next token was specified in an invalid format.");
            }
            Map<TargetFilterName, List<String>> filters = request.targetFilters();
            if (filters.containsKey(TargetFilterName.UNKNOWN_TO_SDK_VERSION)) {
                throw error(InvalidTargetFilterNameException.builder(), "InvalidTargetFilterNameException", 400,
                        "The target filter name is invalid: " + request.targetFiltersAsStrings().keySet());
            }
            List<String> ids = new ArrayList<>();
            deployment.targets.forEach((id, target) -> {
                if (matches(target, filters)) {
                    ids.add(id);
                }
            });
            return ListDeploymentTargetsResponse.builder().targetIds(ids).build();
        }
    }

    @Override
    public PutLifecycleEventHookExecutionStatusResponse putLifecycleEventHookExecutionStatus(
            PutLifecycleEventHookExecutionStatusRequest request) {
        record(request);
        synchronized (this) {
            Deployment deployment = deployment(request.deploymentId());
            String platform = deployment.info.computePlatformAsString();
            if (!ComputePlatform.ECS.toString().equals(platform) && !ComputePlatform.LAMBDA.toString().equals(platform)) {
                throw error(UnsupportedActionForDeploymentTypeException.builder(),
                        "UnsupportedActionForDeploymentTypeException", 400,
                        "A call was submitted that is not supported for the specified deployment type.");
            }
            String executionId = request.lifecycleEventHookExecutionId();
            String event = executionId == null ? null : deployment.hookEvents.get(executionId);
            if (event == null) {
                throw error(InvalidLifecycleEventHookExecutionIdException.builder(),
                        "InvalidLifecycleEventHookExecutionIdException", 400,
                        "A lifecycle event hook is invalid. Review the hooks section in your AppSpec file to ensure "
                                + "the lifecycle events and hooks functions are valid.");
            }
            if (!REPORTABLE.contains(request.statusAsString())) {
                throw error(InvalidLifecycleEventHookExecutionStatusException.builder(),
                        "InvalidLifecycleEventHookExecutionStatusException", 400,
                        "The result of a Lambda validation function that verifies a lifecycle event is invalid. "
                                + "It should return Succeeded or Failed.");
            }
            if (deployment.reported.containsKey(executionId)
                    || deployment.info.status() != DeploymentStatus.IN_PROGRESS
                    || eventEnded(deployment, event)) {
                throw error(LifecycleEventAlreadyCompletedException.builder(), "LifecycleEventAlreadyCompletedException", 400,
                        "An attempt to return the status of an already completed lifecycle event occurred.");
            }
            LifecycleEventStatus status = request.status();
            deployment.reported.put(executionId, status);
            complete(deployment, event, status);
            return PutLifecycleEventHookExecutionStatusResponse.builder().lifecycleEventHookExecutionId(executionId).build();
        }
    }

    /**
     * A group is known when it was seeded or a seeded deployment belongs to it, so a scenario need not repeat every
     * group its deployments name. Deployments come newest first.
     */
    @Override
    public ListDeploymentsResponse listDeployments(ListDeploymentsRequest request) {
        record(request);
        String app = request.applicationName();
        String group = request.deploymentGroupName();
        if (request.externalId() != null || request.createTimeRange() != null) {
            throw new UnsupportedOperationException(
                    "the sandbox's ListDeployments supports applicationName, deploymentGroupName, includeOnlyStatuses and paging");
        }
        if (app != null && group == null) {
            throw error(DeploymentGroupNameRequiredException.builder(), "DeploymentGroupNameRequiredException", 400,
                    "If applicationName is specified, then deploymentGroupName must be specified.");
        }
        if (group != null && app == null) {
            throw error(ApplicationNameRequiredException.builder(), "ApplicationNameRequiredException", 400,
                    "If deploymentGroupName is specified, then applicationName must be specified.");
        }
        if (app != null && (app.isEmpty() || app.length() > MAX_NAME_LENGTH)) {
            throw error(InvalidApplicationNameException.builder(), "InvalidApplicationNameException", 400,
                    "The application name was specified in an invalid format.");
        }
        if (group != null && (group.isEmpty() || group.length() > MAX_NAME_LENGTH)) {
            throw error(InvalidDeploymentGroupNameException.builder(), "InvalidDeploymentGroupNameException", 400,
                    "The deployment group name was specified in an invalid format.");
        }
        if (request.includeOnlyStatuses().contains(DeploymentStatus.UNKNOWN_TO_SDK_VERSION)) {
            throw error(InvalidDeploymentStatusException.builder(), "InvalidDeploymentStatusException", 400,
                    "The specified deployment status doesn't exist or cannot be determined.");
        }
        int from = pageOffset(request.nextToken(), () -> error(InvalidNextTokenException.builder(),
                "InvalidNextTokenException", 400, "The next token was specified in an invalid format."));
        synchronized (this) {
            if (app != null) {
                requireGroupKnown(app, group);
            }
            List<String> ids = deployments.values().stream().map(d -> d.info)
                    .filter(i -> app == null || app.equals(i.applicationName()) && group.equals(i.deploymentGroupName()))
                    .filter(i -> !request.hasIncludeOnlyStatuses() || request.includeOnlyStatuses().contains(i.status()))
                    .sorted(Comparator.comparing(DeploymentInfo::createTime, Comparator.nullsLast(Comparator.reverseOrder()))
                            .thenComparing(DeploymentInfo::deploymentId))
                    .map(DeploymentInfo::deploymentId).toList();
            ListDeploymentsResponse.Builder response = ListDeploymentsResponse.builder()
                    .deployments(ids.subList(Math.min(from, ids.size()), Math.min(from + pageSize, ids.size())));
            if (from + pageSize < ids.size()) {
                response.nextToken(pageToken(from + pageSize));
            }
            return response.build();
        }
    }

    private void requireGroupKnown(String app, String group) {
        boolean appKnown = groups.values().stream().anyMatch(g -> g.applicationName().equals(app))
                || deployments.values().stream().anyMatch(d -> app.equals(d.info.applicationName()));
        if (!appKnown) {
            throw error(ApplicationDoesNotExistException.builder(), "ApplicationDoesNotExistException", 400,
                    "No application found for name: " + app);
        }
        boolean groupKnown = groups.containsKey(groupKey(app, group)) || deployments.values().stream()
                .anyMatch(d -> app.equals(d.info.applicationName()) && group.equals(d.info.deploymentGroupName()));
        if (!groupKnown) {
            throw error(DeploymentGroupDoesNotExistException.builder(), "DeploymentGroupDoesNotExistException", 400,
                    "No Deployment Group found for name: " + group);
        }
    }

    @Override
    public StopDeploymentResponse stopDeployment(StopDeploymentRequest request) {
        record(request);
        synchronized (this) {
            Deployment deployment = deployment(request.deploymentId());
            Instant now = Instant.now();
            if (completeBeforeStop.remove(request.deploymentId())) {
                deployment.info = deployment.info.toBuilder().status(DeploymentStatus.SUCCEEDED).completeTime(now).build();
            }
            if (ENDED_DEPLOYMENT.contains(deployment.info.status())) {
                throw error(DeploymentAlreadyCompletedException.builder(), "DeploymentAlreadyCompletedException", 400,
                        "The deployment is already complete.");
            }
            deployment.info = deployment.info.toBuilder().status(DeploymentStatus.STOPPED).completeTime(now).build();
            stops.put(request.deploymentId(), Boolean.TRUE.equals(request.autoRollbackEnabled()));
            return StopDeploymentResponse.builder().status(StopStatus.SUCCEEDED)
                    .statusMessage("The deployment was stopped.").build();
        }
    }

    private Deployment deployment(String id) {
        if (id == null || id.isEmpty()) {
            throw error(DeploymentIdRequiredException.builder(), "DeploymentIdRequiredException", 400,
                    "At least one deployment ID must be specified.");
        }
        if (!DEPLOYMENT_ID.matcher(id).matches()) {
            throw error(InvalidDeploymentIdException.builder(), "InvalidDeploymentIdException", 400,
                    "At least one of the deployment IDs was specified in an invalid format.");
        }
        Deployment deployment = deployments.get(id);
        if (deployment == null) {
            throw error(DeploymentDoesNotExistException.builder(), "DeploymentDoesNotExistException", 400,
                    "The deployment " + id + " could not be found.");
        }
        return deployment;
    }

    private Deployment startedDeployment(String id) {
        Deployment deployment = deployment(id);
        DeploymentStatus status = deployment.info.status();
        if (status == DeploymentStatus.CREATED || status == DeploymentStatus.QUEUED) {
            throw error(DeploymentNotStartedException.builder(), "DeploymentNotStartedException", 400,
                    "The specified deployment has not started.");
        }
        return deployment;
    }

    private static boolean eventEnded(Deployment deployment, String event) {
        return deployment.targets.values().stream().flatMap(t -> lifecycleEvents(t).stream())
                .anyMatch(e -> event.equals(e.lifecycleEventName()) && ENDED.contains(e.status()));
    }

    /** Moves the lifecycle event (and, on failure, its targets and the deployment) to the reported status. */
    private static void complete(Deployment deployment, String event, LifecycleEventStatus status) {
        Instant now = Instant.now();
        boolean failed = status == LifecycleEventStatus.FAILED;
        deployment.targets.replaceAll((id, target) -> withEvent(target, event, status, now, failed));
        if (failed) {
            deployment.info = deployment.info.toBuilder()
                    .status(DeploymentStatus.FAILED)
                    .completeTime(now)
                    .errorInformation(ErrorInformation.builder().code(ErrorCode.HOOK_EXECUTION_FAILURE)
                            .message("The deployment failed because the lifecycle event hook for " + event
                                    + " reported Failed.")
                            .build())
                    .build();
        }
    }

    private static DeploymentTarget withEvent(DeploymentTarget target, String event, LifecycleEventStatus status,
            Instant now, boolean failed) {
        List<LifecycleEvent> events = lifecycleEvents(target).stream()
                .map(e -> event.equals(e.lifecycleEventName()) ? e.toBuilder().status(status).endTime(now).build() : e)
                .toList();
        DeploymentTarget.Builder b = target.toBuilder();
        if (target.ecsTarget() != null) {
            var t = target.ecsTarget().toBuilder().lifecycleEvents(events).lastUpdatedAt(now);
            b.ecsTarget((failed ? t.status(TargetStatus.FAILED) : t).build());
        } else if (target.lambdaTarget() != null) {
            var t = target.lambdaTarget().toBuilder().lifecycleEvents(events).lastUpdatedAt(now);
            b.lambdaTarget((failed ? t.status(TargetStatus.FAILED) : t).build());
        }
        return b.build();
    }

    private static List<LifecycleEvent> lifecycleEvents(DeploymentTarget target) {
        if (target.ecsTarget() != null) {
            return target.ecsTarget().lifecycleEvents();
        }
        if (target.lambdaTarget() != null) {
            return target.lambdaTarget().lifecycleEvents();
        }
        if (target.instanceTarget() != null) {
            return target.instanceTarget().lifecycleEvents();
        }
        return target.cloudFormationTarget() != null ? target.cloudFormationTarget().lifecycleEvents() : List.of();
    }

    private static boolean matches(DeploymentTarget target, Map<TargetFilterName, List<String>> filters) {
        List<String> statuses = filters.get(TargetFilterName.TARGET_STATUS);
        if (statuses != null && !statuses.contains(targetStatus(target))) {
            return false;
        }
        List<String> labels = filters.get(TargetFilterName.SERVER_INSTANCE_LABEL);
        return labels == null
                || target.instanceTarget() != null && labels.contains(target.instanceTarget().instanceLabelAsString());
    }

    private static String targetStatus(DeploymentTarget target) {
        if (target.ecsTarget() != null) {
            return target.ecsTarget().statusAsString();
        }
        if (target.lambdaTarget() != null) {
            return target.lambdaTarget().statusAsString();
        }
        if (target.instanceTarget() != null) {
            return target.instanceTarget().statusAsString();
        }
        return target.cloudFormationTarget() != null ? target.cloudFormationTarget().statusAsString() : null;
    }

    private static Optional<String> targetId(DeploymentTarget target) {
        if (target.ecsTarget() != null) {
            return Optional.ofNullable(target.ecsTarget().targetId());
        }
        if (target.lambdaTarget() != null) {
            return Optional.ofNullable(target.lambdaTarget().targetId());
        }
        if (target.instanceTarget() != null) {
            return Optional.ofNullable(target.instanceTarget().targetId());
        }
        return Optional.ofNullable(target.cloudFormationTarget()).map(t -> t.targetId());
    }

    private static String groupKey(String app, String group) {
        return app + "/" + group;
    }
}

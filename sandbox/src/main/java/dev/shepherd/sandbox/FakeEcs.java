package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.CreatedAt;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentResponse;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;

/**
 * In-memory ECS service deployments and revisions for the native blue/green hook. As in the service, the
 * describe calls take 1 to 20 ARNs and list unknown ones under {@code failures} with reason {@code MISSING}
 * instead of failing; {@code ListServiceDeployments} lists a service's deployments newest first, filtered
 * by status and creation time, in the {@code default} cluster unless one is named. The fake knows a
 * service through its seeded deployments: a service with none is {@code ServiceNotFoundException}.
 *
 * <p>{@code StopServiceDeployment} follows the ECS guide: a {@code PENDING} or {@code IN_PROGRESS} deployment moves to
 * {@code ROLLBACK_REQUESTED} ({@code STOP_REQUESTED} for {@code ABORT}); one already stopping or rolling back carries on
 * unchanged; one that has ended cannot be stopped, which the fake answers with {@code ConflictException} (the API's
 * error for a resource's state; the exact error for this case is not documented). A deployment listed in
 * {@code completeBeforeStop} succeeds just before a stop reaches it.
 *
 * <p>Scenario section {@code "ecs"}: {@code {"serviceDeployments": [ServiceDeployment], "serviceRevisions": [ServiceRevision],
 * "completeBeforeStop": ["<service deployment ARN>"]}}, in the API's own shape ({@code serviceDeploymentArn},
 * {@code serviceArn}, {@code clusterArn}, ...).
 */
public final class FakeEcs extends FakeService implements EcsClient {
    private static final int MAX_ARNS = 20;
    private static final int MAX_RESULTS = 100;
    private static final Set<ServiceDeploymentStatus> STOPPABLE = Set.of(
            ServiceDeploymentStatus.PENDING, ServiceDeploymentStatus.IN_PROGRESS);
    private static final Set<ServiceDeploymentStatus> STOPPING = Set.of(ServiceDeploymentStatus.STOP_REQUESTED,
            ServiceDeploymentStatus.ROLLBACK_REQUESTED, ServiceDeploymentStatus.ROLLBACK_IN_PROGRESS);

    private final Map<String, ServiceDeployment> deployments = new LinkedHashMap<>();
    private final Map<String, ServiceRevision> revisions = new LinkedHashMap<>();
    private final Set<String> completeBeforeStop = new HashSet<>();

    public FakeEcs(CallJournal journal) {
        super(journal, EcsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "ecs";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "serviceDeployments", "serviceRevisions", "completeBeforeStop");
        JsonNode list = section.path("serviceDeployments");
        for (int i = 0; i < list.size(); i++) {
            String path = "ecs.serviceDeployments[" + i + "]";
            ServiceDeployment d = ScenarioJson.read(list.get(i), ServiceDeployment::builder, path);
            if (d.serviceDeploymentArn() == null || d.serviceArn() == null || d.clusterArn() == null) {
                throw new IllegalArgumentException(path + " needs serviceDeploymentArn, serviceArn and clusterArn");
            }
            deployments.put(d.serviceDeploymentArn(), d);
        }
        JsonNode revisionList = section.path("serviceRevisions");
        for (int i = 0; i < revisionList.size(); i++) {
            String path = "ecs.serviceRevisions[" + i + "]";
            ServiceRevision r = ScenarioJson.read(revisionList.get(i), ServiceRevision::builder, path);
            if (r.serviceRevisionArn() == null) {
                throw new IllegalArgumentException(path + " needs serviceRevisionArn");
            }
            revisions.put(r.serviceRevisionArn(), r);
        }
        JsonNode racing = section.path("completeBeforeStop");
        for (int i = 0; i < racing.size(); i++) {
            if (!racing.get(i).isTextual() || !deployments.containsKey(racing.get(i).asText())) {
                throw new IllegalArgumentException("ecs.completeBeforeStop[" + i
                        + "] must name a service deployment of the scenario, not " + racing.get(i));
            }
            completeBeforeStop.add(racing.get(i).asText());
        }
    }

    /** A service deployment as it is now, for tests. */
    public synchronized ServiceDeployment serviceDeployment(String arn) {
        return deployments.get(arn);
    }

    @Override
    public StopServiceDeploymentResponse stopServiceDeployment(StopServiceDeploymentRequest request) {
        record(request);
        String arn = request.serviceDeploymentArn();
        if (arn == null || arn.isEmpty()) {
            throw invalid("serviceDeploymentArn must be specified.");
        }
        StopServiceDeploymentStopType type = request.stopType() == null ? StopServiceDeploymentStopType.ROLLBACK
                : request.stopType();
        if (type == StopServiceDeploymentStopType.UNKNOWN_TO_SDK_VERSION) {
            throw invalid("stopType must be one of " + StopServiceDeploymentStopType.knownValues() + ".");
        }
        synchronized (this) {
            ServiceDeployment d = deployments.get(arn);
            if (d == null) {
                throw error(ServiceDeploymentNotFoundException.builder(), "ServiceDeploymentNotFoundException", 400,
                        "The service deployment " + arn + " does not exist.");
            }
            Instant now = Instant.now();
            if (completeBeforeStop.remove(arn)) {
                d = d.toBuilder().status(ServiceDeploymentStatus.SUCCESSFUL).finishedAt(now).updatedAt(now).build();
                deployments.put(arn, d);
            }
            if (STOPPABLE.contains(d.status())) {
                ServiceDeploymentStatus next = type == StopServiceDeploymentStopType.ROLLBACK
                        ? ServiceDeploymentStatus.ROLLBACK_REQUESTED : ServiceDeploymentStatus.STOP_REQUESTED;
                deployments.put(arn, d.toBuilder().status(next).updatedAt(now).build());
            } else if (!STOPPING.contains(d.status())) {
                throw error(ConflictException.builder(), "ConflictException", 400,
                        "The service deployment is " + d.statusAsString() + " and cannot be stopped.");
            }
            return StopServiceDeploymentResponse.builder().serviceDeploymentArn(arn).build();
        }
    }

    @Override
    public DescribeServiceDeploymentsResponse describeServiceDeployments(DescribeServiceDeploymentsRequest request) {
        record(request);
        requireArns(request.serviceDeploymentArns(), "serviceDeploymentArns");
        List<Failure> failures = new ArrayList<>();
        List<ServiceDeployment> found;
        synchronized (this) {
            found = describe(request.serviceDeploymentArns(), deployments::get, failures);
        }
        return DescribeServiceDeploymentsResponse.builder().serviceDeployments(found).failures(failures).build();
    }

    @Override
    public DescribeServiceRevisionsResponse describeServiceRevisions(DescribeServiceRevisionsRequest request) {
        record(request);
        requireArns(request.serviceRevisionArns(), "serviceRevisionArns");
        List<Failure> failures = new ArrayList<>();
        List<ServiceRevision> found;
        synchronized (this) {
            found = describe(request.serviceRevisionArns(), revisions::get, failures);
        }
        return DescribeServiceRevisionsResponse.builder().serviceRevisions(found).failures(failures).build();
    }

    @Override
    public ListServiceDeploymentsResponse listServiceDeployments(ListServiceDeploymentsRequest request) {
        record(request);
        if (request.service() == null || request.service().isEmpty()) {
            throw invalid("service must be specified.");
        }
        int max = request.maxResults() == null ? MAX_RESULTS : request.maxResults();
        if (max < 1 || max > MAX_RESULTS) {
            throw invalid("maxResults must be between 1 and " + MAX_RESULTS + ".");
        }
        int from = offset(request.nextToken());
        String cluster = request.cluster() == null ? "default" : request.cluster();
        List<ServiceDeployment> matching;
        synchronized (this) {
            List<ServiceDeployment> ofService = deployments.values().stream()
                    .filter(d -> names(d.serviceArn(), request.service()) && names(d.clusterArn(), cluster)).toList();
            if (ofService.isEmpty()) {
                throw error(ServiceNotFoundException.builder(), "ServiceNotFoundException", 400, "Service not found.");
            }
            matching = ofService.stream()
                    .filter(d -> !request.hasStatus() || request.status().contains(d.status()))
                    .filter(d -> within(d.createdAt(), request.createdAt()))
                    .sorted(Comparator.comparing(ServiceDeployment::createdAt,
                            Comparator.nullsLast(Comparator.reverseOrder())))
                    .toList();
        }
        ListServiceDeploymentsResponse.Builder response = ListServiceDeploymentsResponse.builder().serviceDeployments(
                matching.subList(Math.min(from, matching.size()), Math.min(from + max, matching.size())).stream()
                        .map(FakeEcs::brief).toList());
        if (from + max < matching.size()) {
            response.nextToken(pageToken(from + max));
        }
        return response.build();
    }

    private static <T> List<T> describe(List<String> arns, Function<String, T> lookUp, List<Failure> failures) {
        List<T> found = new ArrayList<>();
        for (String arn : arns) {
            T item = lookUp.apply(arn);
            if (item == null) {
                failures.add(Failure.builder().arn(arn).reason("MISSING").build());
            } else {
                found.add(item);
            }
        }
        return found;
    }

    private static ServiceDeploymentBrief brief(ServiceDeployment d) {
        return ServiceDeploymentBrief.builder().serviceDeploymentArn(d.serviceDeploymentArn()).serviceArn(d.serviceArn())
                .clusterArn(d.clusterArn()).createdAt(d.createdAt()).startedAt(d.startedAt()).finishedAt(d.finishedAt())
                .targetServiceRevisionArn(d.targetServiceRevision() == null ? null : d.targetServiceRevision().arn())
                .status(d.status()).statusReason(d.statusReason()).build();
    }

    /** A name or an ARN names a resource when it is the ARN or the ARN's last path segment. */
    private static boolean names(String arn, String nameOrArn) {
        return arn.equals(nameOrArn) || arn.endsWith("/" + nameOrArn);
    }

    private static boolean within(Instant created, CreatedAt range) {
        if (range == null) {
            return true;
        }
        return created != null && (range.after() == null || !created.isBefore(range.after()))
                && (range.before() == null || !created.isAfter(range.before()));
    }

    private static void requireArns(List<String> arns, String member) {
        if (arns.isEmpty() || arns.size() > MAX_ARNS) {
            throw invalid(member + " must contain between 1 and " + MAX_ARNS + " ARNs.");
        }
    }

    private static int offset(String token) {
        return pageOffset(token, () -> invalid("Invalid token " + token));
    }

    private static EcsException invalid(String message) {
        return error(InvalidParameterException.builder(), "InvalidParameterException", 400, message);
    }
}

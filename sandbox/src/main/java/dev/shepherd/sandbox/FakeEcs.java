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
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.CreatedAt;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServiceRevisionsResponse;
import software.amazon.awssdk.services.ecs.model.DescribeServicesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsRequest;
import software.amazon.awssdk.services.ecs.model.ListServiceDeploymentsResponse;
import software.amazon.awssdk.services.ecs.model.ListServicesRequest;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.ecs.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceDeployment;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentBrief;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceRevision;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentRequest;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentResponse;
import software.amazon.awssdk.services.ecs.model.StopServiceDeploymentStopType;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TagResourceRequest;
import software.amazon.awssdk.services.ecs.model.TagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UntagResourceRequest;
import software.amazon.awssdk.services.ecs.model.UntagResourceResponse;
import software.amazon.awssdk.services.ecs.model.UpdateServiceRequest;
import software.amazon.awssdk.services.ecs.model.UpdateServiceResponse;

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
 * "completeBeforeStop": ["<service deployment ARN>"], "services": [Service]}}, in the API's own shape
 * ({@code serviceDeploymentArn}, {@code serviceArn}, {@code clusterArn}, ...).
 *
 * <p>Services ({@code serviceArn}, {@code serviceName}, {@code clusterArn}, {@code desiredCount}, {@code runningCount},
 * {@code tags}) back {@code ListServices}, {@code DescribeServices}, {@code UpdateService} and the tag operations on
 * service ARNs. A cluster exists when a seeded service names it; a call naming another is
 * {@code ClusterNotFoundException}, as is a call without a cluster when no {@code default} cluster exists.
 * {@code DescribeServices} lists an unknown service under {@code failures} ({@code MISSING}) and returns tags only
 * with {@code include: ["TAGS"]}; {@code UpdateService} of an unknown service is {@code ServiceNotFoundException};
 * the tag operations on an unknown ARN are {@code ResourceNotFoundException}, and tags outside the guide's limits
 * (50 a resource, keys to 128 and values to 256 characters of letters, numbers, spaces and {@code + - = . _ : / @},
 * no {@code aws:} prefix) are {@code InvalidParameterException}. {@code UpdateService} sets
 * {@code desiredCount} and, as the fake starts no tasks, {@code runningCount} follows it at once.
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
    private final Map<String, Service> services = new LinkedHashMap<>();
    private static final int MAX_DESCRIBE_SERVICES = 10;
    private static final int MAX_TAGS = 50;
    /** The characters the ECS guide allows in tag keys and values. */
    private static final java.util.regex.Pattern TAG_TEXT = java.util.regex.Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public FakeEcs(CallJournal journal) {
        super(journal, EcsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "ecs";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "serviceDeployments", "serviceRevisions", "completeBeforeStop", "services");
        JsonNode serviceList = section.path("services");
        for (int i = 0; i < serviceList.size(); i++) {
            String path = "ecs.services[" + i + "]";
            Service svc = ScenarioJson.read(serviceList.get(i), Service::builder, path);
            if (svc.serviceArn() == null || svc.clusterArn() == null || svc.serviceName() == null
                    || !svc.serviceArn().endsWith("/" + svc.serviceName())) {
                throw new IllegalArgumentException(path + " needs serviceArn, serviceName (the ARN's last segment)"
                        + " and clusterArn");
            }
            int desired = svc.desiredCount() == null ? 0 : svc.desiredCount();
            services.put(svc.serviceArn(), svc.toBuilder().desiredCount(desired)
                    .runningCount(svc.runningCount() == null ? desired : svc.runningCount()).status("ACTIVE").build());
        }
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

    /** A service as it is now (with its tags), for tests; null when unknown. */
    public synchronized Service service(String arn) {
        return services.get(arn);
    }

    @Override
    public ListServicesResponse listServices(ListServicesRequest request) {
        record(request);
        int max = request.maxResults() == null ? 10 : request.maxResults();
        if (max < 1 || max > MAX_RESULTS) {
            throw invalid("maxResults must be between 1 and " + MAX_RESULTS + ".");
        }
        int from = offset(request.nextToken());
        List<String> arns;
        synchronized (this) {
            String cluster = clusterArn(request.cluster());
            arns = services.values().stream().filter(svc -> svc.clusterArn().equals(cluster))
                    .map(Service::serviceArn).toList();
        }
        ListServicesResponse.Builder response = ListServicesResponse.builder()
                .serviceArns(arns.subList(Math.min(from, arns.size()), Math.min(from + max, arns.size())));
        if (from + max < arns.size()) {
            response.nextToken(pageToken(from + max));
        }
        return response.build();
    }

    @Override
    public DescribeServicesResponse describeServices(DescribeServicesRequest request) {
        record(request);
        if (request.services().isEmpty() || request.services().size() > MAX_DESCRIBE_SERVICES) {
            throw invalid("services must contain between 1 and " + MAX_DESCRIBE_SERVICES + " items.");
        }
        boolean withTags = request.include().contains(ServiceField.TAGS);
        List<Service> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        synchronized (this) {
            String cluster = clusterArn(request.cluster());
            for (String nameOrArn : request.services()) {
                Service svc = find(cluster, nameOrArn);
                if (svc == null) {
                    failures.add(Failure.builder().arn(nameOrArn.startsWith("arn:") ? nameOrArn
                            : cluster.replace(":cluster/", ":service/") + "/" + nameOrArn).reason("MISSING").build());
                } else {
                    found.add(withTags ? svc : svc.toBuilder().tags((java.util.Collection<Tag>) null).build());
                }
            }
        }
        return DescribeServicesResponse.builder().services(found).failures(failures).build();
    }

    @Override
    public UpdateServiceResponse updateService(UpdateServiceRequest request) {
        record(request);
        if (request.service() == null || request.service().isEmpty()) {
            throw invalid("service must be specified.");
        }
        if (request.desiredCount() != null && request.desiredCount() < 0) {
            throw invalid("desiredCount must be at least 0.");
        }
        synchronized (this) {
            Service svc = find(clusterArn(request.cluster()), request.service());
            if (svc == null) {
                throw error(ServiceNotFoundException.builder(), "ServiceNotFoundException", 400, "Service not found.");
            }
            if (request.desiredCount() != null) {
                svc = svc.toBuilder().desiredCount(request.desiredCount()).runningCount(request.desiredCount()).build();
                services.put(svc.serviceArn(), svc);
            }
            return UpdateServiceResponse.builder().service(svc.toBuilder().tags((java.util.Collection<Tag>) null).build()).build();
        }
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        record(request);
        synchronized (this) {
            return ListTagsForResourceResponse.builder().tags(tagged(request.resourceArn()).tags()).build();
        }
    }

    @Override
    public TagResourceResponse tagResource(TagResourceRequest request) {
        record(request);
        for (Tag tag : request.tags()) {
            if (tag.key() == null || tag.key().isEmpty() || tag.key().length() > 128
                    || tag.value() == null || tag.value().length() > 256) {
                throw invalid("Tag keys must be 1 to 128 characters and values at most 256 characters.");
            }
            if (!TAG_TEXT.matcher(tag.key()).matches() || !TAG_TEXT.matcher(tag.value()).matches()) {
                throw invalid("Tags may hold letters, numbers, spaces and + - = . _ : / @ only.");
            }
            if (tag.key().toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
                throw invalid("Tag keys beginning with aws: are reserved.");
            }
        }
        synchronized (this) {
            Service svc = tagged(request.resourceArn());
            Map<String, String> tags = tagMap(svc);
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
            if (tags.size() > MAX_TAGS) {
                throw invalid("A resource can have at most " + MAX_TAGS + " tags.");
            }
            services.put(svc.serviceArn(), withTags(svc, tags));
        }
        return TagResourceResponse.builder().build();
    }

    @Override
    public UntagResourceResponse untagResource(UntagResourceRequest request) {
        record(request);
        synchronized (this) {
            Service svc = tagged(request.resourceArn());
            Map<String, String> tags = tagMap(svc);
            request.tagKeys().forEach(tags::remove);
            services.put(svc.serviceArn(), withTags(svc, tags));
        }
        return UntagResourceResponse.builder().build();
    }

    /** The cluster's ARN for a name, an ARN or none ({@code default}); ClusterNotFoundException when unknown. */
    private String clusterArn(String nameOrArn) {
        String wanted = nameOrArn == null || nameOrArn.isEmpty() ? "default" : nameOrArn;
        return services.values().stream().map(Service::clusterArn).filter(arn -> names(arn, wanted)).findFirst()
                .orElseThrow(() -> error(ClusterNotFoundException.builder(), "ClusterNotFoundException", 400,
                        "Cluster not found."));
    }

    private Service find(String clusterArn, String nameOrArn) {
        return services.values().stream().filter(svc -> svc.clusterArn().equals(clusterArn)
                && (svc.serviceArn().equals(nameOrArn) || svc.serviceName().equals(nameOrArn))).findFirst().orElse(null);
    }

    private Service tagged(String arn) {
        Service svc = arn == null ? null : services.get(arn);
        if (svc == null) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                    "The specified resource is not found.");
        }
        return svc;
    }

    private static Map<String, String> tagMap(Service svc) {
        Map<String, String> tags = new LinkedHashMap<>();
        svc.tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    private static Service withTags(Service svc, Map<String, String> tags) {
        return svc.toBuilder().tags(tags.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
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

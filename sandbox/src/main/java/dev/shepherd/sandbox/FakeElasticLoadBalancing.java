package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * In-memory Elastic Load Balancing v2 for the hook's endpoint and target-health checks. Like the service,
 * a lookup by ARN or name fails as a whole when any one is unknown ({@code ListenerNotFound},
 * {@code LoadBalancerNotFound}, {@code TargetGroupNotFound}), filters that cannot be combined are a
 * {@code ValidationError}, and a target asked for by id that is not registered reports {@code unused} with
 * reason {@code Target.NotRegistered}.
 *
 * <p>Scenario section {@code "elbv2"}: {@code {"loadBalancers": [LoadBalancer], "listeners": [Listener],
 * "targetGroups": [TargetGroup], "targetHealth": {"<target group ARN or name>": [TargetHealthDescription]}}},
 * each in the API's own shape ({@code LoadBalancerArn}, {@code DNSName}, ...).
 */
public final class FakeElasticLoadBalancing extends FakeService implements ElasticLoadBalancingV2Client {
    /** The API's documented limit on names or ARNs in one describe call. */
    private static final int MAX_ITEMS = 20;

    private final Map<String, LoadBalancer> loadBalancers = new LinkedHashMap<>();
    private final Map<String, Listener> listeners = new LinkedHashMap<>();
    private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, List<TargetHealthDescription>> health = new LinkedHashMap<>();

    public FakeElasticLoadBalancing(CallJournal journal) {
        super(journal, ElasticLoadBalancingV2Client.class);
    }

    @Override
    public String scenarioKey() {
        return "elbv2";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "loadBalancers", "listeners", "targetGroups", "targetHealth");
        seedList(section.path("loadBalancers"), "elbv2.loadBalancers", LoadBalancer::builder, LoadBalancer::loadBalancerArn,
                loadBalancers);
        seedList(section.path("listeners"), "elbv2.listeners", Listener::builder, Listener::listenerArn, listeners);
        seedList(section.path("targetGroups"), "elbv2.targetGroups", TargetGroup::builder, TargetGroup::targetGroupArn,
                targetGroups);
        section.path("targetHealth").fields().forEachRemaining(entry -> {
            String path = "elbv2.targetHealth." + entry.getKey();
            TargetGroup group = targetGroups.values().stream()
                    .filter(g -> g.targetGroupArn().equals(entry.getKey()) || entry.getKey().equals(g.targetGroupName()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException(path + " names no seeded target group"));
            List<TargetHealthDescription> targets = new ArrayList<>();
            for (int i = 0; i < entry.getValue().size(); i++) {
                TargetHealthDescription d = ScenarioJson.read(entry.getValue().get(i), TargetHealthDescription::builder,
                        path + "[" + i + "]");
                TargetHealth h = d.targetHealth();
                if (d.target() == null || d.target().id() == null || h == null
                        || h.state() == null || h.state() == TargetHealthStateEnum.UNKNOWN_TO_SDK_VERSION) {
                    throw new IllegalArgumentException(path + "[" + i + "] needs Target.Id and TargetHealth.State, one of "
                            + TargetHealthStateEnum.knownValues());
                }
                targets.add(d);
            }
            health.put(group.targetGroupArn(), targets);
        });
    }

    private static <T> void seedList(JsonNode list, String path,
            Supplier<? extends SdkBuilder<?, T>> builder,
            Function<T, String> arn, Map<String, T> into) {
        for (int i = 0; i < list.size(); i++) {
            T item = ScenarioJson.read(list.get(i), builder, path + "[" + i + "]");
            if (arn.apply(item) == null) {
                throw new IllegalArgumentException(path + "[" + i + "] needs its ARN");
            }
            into.put(arn.apply(item), item);
        }
    }

    @Override
    public DescribeListenersResponse describeListeners(DescribeListenersRequest request) {
        record(request);
        synchronized (this) {
            boolean byArn = request.hasListenerArns();
            if (byArn == (request.loadBalancerArn() != null)) {
                throw validation("You must specify either listener ARNs or a load balancer ARN");
            }
            if (byArn) {
                return DescribeListenersResponse.builder().listeners(lookUp(request.listenerArns(), listeners,
                        () -> error(ListenerNotFoundException.builder(), "ListenerNotFound", 400,
                                "One or more listeners not found"))).build();
            }
            requireLoadBalancer(request.loadBalancerArn());
            return DescribeListenersResponse.builder().listeners(listeners.values().stream()
                    .filter(l -> request.loadBalancerArn().equals(l.loadBalancerArn())).toList()).build();
        }
    }

    @Override
    public DescribeLoadBalancersResponse describeLoadBalancers(DescribeLoadBalancersRequest request) {
        record(request);
        synchronized (this) {
            if (request.hasLoadBalancerArns() && request.hasNames()) {
                throw validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
            }
            List<LoadBalancer> found;
            if (request.hasLoadBalancerArns()) {
                found = lookUp(request.loadBalancerArns(), loadBalancers, this::loadBalancerNotFound);
            } else if (request.hasNames()) {
                found = lookUp(request.names(), byName(loadBalancers, LoadBalancer::loadBalancerName),
                        this::loadBalancerNotFound);
            } else {
                found = List.copyOf(loadBalancers.values());
            }
            return DescribeLoadBalancersResponse.builder().loadBalancers(found).build();
        }
    }

    @Override
    public DescribeTargetGroupsResponse describeTargetGroups(DescribeTargetGroupsRequest request) {
        record(request);
        synchronized (this) {
            int filters = (request.loadBalancerArn() != null ? 1 : 0) + (request.hasTargetGroupArns() ? 1 : 0)
                    + (request.hasNames() ? 1 : 0);
            if (filters > 1) {
                throw validation("Target group names, target group ARNs, and a load balancer ARN cannot be specified at the same time");
            }
            List<TargetGroup> found;
            if (request.hasTargetGroupArns()) {
                found = lookUp(request.targetGroupArns(), targetGroups, this::targetGroupNotFound);
            } else if (request.hasNames()) {
                found = lookUp(request.names(), byName(targetGroups, TargetGroup::targetGroupName), this::targetGroupNotFound);
            } else if (request.loadBalancerArn() != null) {
                requireLoadBalancer(request.loadBalancerArn());
                found = targetGroups.values().stream()
                        .filter(g -> g.loadBalancerArns().contains(request.loadBalancerArn())).toList();
            } else {
                found = List.copyOf(targetGroups.values());
            }
            return DescribeTargetGroupsResponse.builder().targetGroups(found).build();
        }
    }

    @Override
    public DescribeTargetHealthResponse describeTargetHealth(DescribeTargetHealthRequest request) {
        record(request);
        synchronized (this) {
            if (request.targetGroupArn() == null) {
                throw validation("A target group ARN must be specified");
            }
            if (!targetGroups.containsKey(request.targetGroupArn())) {
                throw targetGroupNotFound();
            }
            List<TargetHealthDescription> registered = health.getOrDefault(request.targetGroupArn(), List.of());
            if (!request.hasTargets()) {
                return DescribeTargetHealthResponse.builder().targetHealthDescriptions(registered).build();
            }
            List<TargetHealthDescription> asked = new ArrayList<>();
            for (TargetDescription target : request.targets()) {
                asked.add(registered.stream().filter(d -> d.target().id().equals(target.id())
                                && (target.port() == null || target.port().equals(d.target().port())))
                        .findFirst().orElseGet(() -> notRegistered(target)));
            }
            return DescribeTargetHealthResponse.builder().targetHealthDescriptions(asked).build();
        }
    }

    private static TargetHealthDescription notRegistered(TargetDescription target) {
        return TargetHealthDescription.builder().target(target).targetHealth(TargetHealth.builder()
                .state(TargetHealthStateEnum.UNUSED).reason(TargetHealthReasonEnum.TARGET_NOT_REGISTERED)
                .description("Target is not registered to the target group").build()).build();
    }

    private void requireLoadBalancer(String arn) {
        if (!loadBalancers.containsKey(arn)) {
            throw loadBalancerNotFound();
        }
    }

    /** All or nothing, as the service answers: one unknown key fails the whole call. */
    private <T> List<T> lookUp(List<String> keys, Map<String, T> items,
            Supplier<ElasticLoadBalancingV2Exception> notFound) {
        if (keys.size() > MAX_ITEMS) {
            throw validation("At most " + MAX_ITEMS + " names or ARNs can be specified");
        }
        List<T> found = new ArrayList<>();
        for (String key : keys) {
            T item = items.get(key);
            if (item == null) {
                throw notFound.get();
            }
            found.add(item);
        }
        return found;
    }

    private static <T> Map<String, T> byName(Map<String, T> items, Function<T, String> name) {
        Map<String, T> byName = new LinkedHashMap<>();
        items.values().forEach(item -> byName.put(name.apply(item), item));
        return byName;
    }

    private ElasticLoadBalancingV2Exception loadBalancerNotFound() {
        return error(LoadBalancerNotFoundException.builder(), "LoadBalancerNotFound", 400,
                "One or more load balancers not found");
    }

    private ElasticLoadBalancingV2Exception targetGroupNotFound() {
        return error(TargetGroupNotFoundException.builder(), "TargetGroupNotFound", 400,
                "One or more target groups not found");
    }

    private static ElasticLoadBalancingV2Exception validation(String message) {
        return error(ElasticLoadBalancingV2Exception.builder(), "ValidationError", 400, message);
    }
}

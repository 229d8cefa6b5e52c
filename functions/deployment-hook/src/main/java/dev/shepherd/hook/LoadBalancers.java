package dev.shepherd.hook;

import dev.shepherd.core.check.CheckFailure;
import java.net.URI;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/** ELBv2 lookups that turn what a deployment names (listener, target group name) into something checkable. */
final class LoadBalancers {
    private final ElasticLoadBalancingV2Client elb;

    LoadBalancers(ElasticLoadBalancingV2Client elb) {
        this.elb = elb;
    }

    /** {@code http(s)://<load balancer DNS name>:<listener port>} for an HTTP or HTTPS listener. */
    URI endpoint(String listenerArn) throws CheckFailure {
        Listener listener;
        try {
            listener = elb.describeListeners(b -> b.listenerArns(listenerArn)).listeners().stream().findFirst()
                    .orElseThrow(() -> new CheckFailure("listener " + listenerArn + " not found"));
        } catch (ListenerNotFoundException e) {
            throw new CheckFailure("listener " + listenerArn + " not found");
        }
        String protocol = listener.protocolAsString();
        if (!"HTTP".equals(protocol) && !"HTTPS".equals(protocol)) {
            throw new CheckFailure("test listener " + listenerArn + " speaks " + protocol + ", not HTTP(S)");
        }
        LoadBalancer lb = elb.describeLoadBalancers(b -> b.loadBalancerArns(listener.loadBalancerArn()))
                .loadBalancers().stream().findFirst()
                .orElseThrow(() -> new CheckFailure("load balancer " + listener.loadBalancerArn() + " not found"));
        return URI.create(protocol.toLowerCase(java.util.Locale.ROOT) + "://" + lb.dnsName() + ":" + listener.port());
    }

    String targetGroupArn(String name) throws CheckFailure {
        try {
            return elb.describeTargetGroups(b -> b.names(name)).targetGroups().stream().findFirst()
                    .orElseThrow(() -> new CheckFailure("target group " + name + " not found")).targetGroupArn();
        } catch (TargetGroupNotFoundException e) {
            throw new CheckFailure("target group " + name + " not found");
        }
    }

    /**
     * The listener a listener rule belongs to, from the ARN layout
     * {@code ...:listener-rule/app/<lb>/<lb-id>/<listener-id>/<rule-id>} → {@code ...:listener/app/<lb>/<lb-id>/<listener-id>}.
     */
    static String listenerOfRule(String ruleArn) throws CheckFailure {
        int kind = ruleArn.indexOf(":listener-rule/");
        int last = ruleArn.lastIndexOf('/');
        if (kind < 0 || last <= kind + ":listener-rule/".length()) {
            throw new CheckFailure("'" + ruleArn + "' is not a listener rule ARN");
        }
        return ruleArn.substring(0, kind) + ":listener/" + ruleArn.substring(kind + ":listener-rule/".length(), last);
    }
}

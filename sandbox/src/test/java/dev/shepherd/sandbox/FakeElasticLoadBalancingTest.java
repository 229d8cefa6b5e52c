package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ElasticLoadBalancingV2Exception;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

class FakeElasticLoadBalancingTest {
    static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/orders-alb/0a1b2c3d4e5f6a7b";
    static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b2c3d4e5f6a7b/3333cccc4444dddd";
    static final String TG2 = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-tg-2/2222";
    static final String SCENARIO = """
            {"elbv2": {
              "loadBalancers": [{"LoadBalancerArn": "%s", "LoadBalancerName": "orders-alb",
                                 "DNSName": "orders-alb-1.eu-west-1.elb.amazonaws.com", "Scheme": "internet-facing", "Type": "application"}],
              "listeners": [{"ListenerArn": "%s", "LoadBalancerArn": "%s", "Port": 8443, "Protocol": "HTTPS"}],
              "targetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "orders-tg-2", "Port": 8080, "Protocol": "HTTP",
                                "LoadBalancerArns": ["%s"]},
                               {"TargetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-tg-1/1111",
                                "TargetGroupName": "orders-tg-1"}],
              "targetHealth": {"orders-tg-2": [
                 {"Target": {"Id": "10.0.1.15", "Port": 8080}, "TargetHealth": {"State": "healthy"}},
                 {"Target": {"Id": "10.0.2.27", "Port": 8080}, "TargetHealth": {"State": "unhealthy",
                   "Reason": "Target.ResponseCodeMismatch", "Description": "Health checks failed with these codes: [503]"}}]}
            }}""".formatted(LB, TEST_LISTENER, LB, TG2, LB);

    Sandbox sandbox;
    ElasticLoadBalancingV2Client elb;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        elb = sandbox.client(ElasticLoadBalancingV2Client.class);
    }

    @Test
    void resolvesTheTestEndpointFromListenerToLoadBalancer() {
        var listener = elb.describeListeners(r -> r.listenerArns(TEST_LISTENER)).listeners().getFirst();
        var lb = elb.describeLoadBalancers(r -> r.loadBalancerArns(listener.loadBalancerArn())).loadBalancers().getFirst();
        assertThat(listener.port()).isEqualTo(8443);
        assertThat(lb.dnsName()).isEqualTo("orders-alb-1.eu-west-1.elb.amazonaws.com");
        assertThat(elb.describeListeners(r -> r.loadBalancerArn(LB)).listeners()).hasSize(1);
        assertThat(elb.describeLoadBalancers(r -> r.names("orders-alb")).loadBalancers()).hasSize(1);
    }

    @Test
    void unknownArnsAndNamesFailTheWholeCall() {
        assertThatThrownBy(() -> elb.describeListeners(r -> r.listenerArns(TEST_LISTENER, TEST_LISTENER + "x")))
                .isInstanceOf(ListenerNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ListenerNotFound"));
        assertThatThrownBy(() -> elb.describeLoadBalancers(r -> r.names("nope")))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> elb.describeListeners(r -> r.loadBalancerArn(LB + "x")))
                .isInstanceOf(LoadBalancerNotFoundException.class);
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("orders-tg-2", "orders-tg-9")))
                .isInstanceOf(TargetGroupNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("TargetGroupNotFound"));
        assertThatThrownBy(() -> elb.describeTargetHealth(r -> r.targetGroupArn(TG2 + "x")))
                .isInstanceOf(TargetGroupNotFoundException.class);
    }

    @Test
    void filtersThatExcludeEachOtherAreValidationErrors() {
        assertThatThrownBy(() -> elb.describeListeners(r -> r.loadBalancerArn(LB).listenerArns(TEST_LISTENER)))
                .isInstanceOf(ElasticLoadBalancingV2Exception.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.describeListeners(r -> { }))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
        assertThatThrownBy(() -> elb.describeTargetGroups(r -> r.names("orders-tg-2").targetGroupArns(TG2)))
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    }

    @Test
    void targetGroupsByNameArnOrLoadBalancer() {
        assertThat(elb.describeTargetGroups(r -> r.names("orders-tg-2")).targetGroups().getFirst().targetGroupArn()).isEqualTo(TG2);
        assertThat(elb.describeTargetGroups(r -> r.targetGroupArns(TG2)).targetGroups()).hasSize(1);
        assertThat(elb.describeTargetGroups(r -> r.loadBalancerArn(LB)).targetGroups()).extracting(t -> t.targetGroupName())
                .containsExactly("orders-tg-2");
        assertThat(elb.describeTargetGroups(r -> { }).targetGroups()).hasSize(2);
    }

    @Test
    void targetHealthWithStatesReasonsAndUnregisteredTargets() {
        var all = elb.describeTargetHealth(r -> r.targetGroupArn(TG2)).targetHealthDescriptions();
        assertThat(all).extracting(d -> d.targetHealth().state())
                .containsExactly(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.UNHEALTHY);
        assertThat(all.get(1).targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_RESPONSE_CODE_MISMATCH);

        TargetHealthDescription unknown = elb.describeTargetHealth(r -> r.targetGroupArn(TG2)
                .targets(t -> t.id("10.0.9.9").port(8080))).targetHealthDescriptions().getFirst();
        assertThat(unknown.targetHealth().state()).isEqualTo(TargetHealthStateEnum.UNUSED);
        assertThat(unknown.targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_NOT_REGISTERED);
        assertThat(elb.describeTargetHealth(r -> r.targetGroupArn(
                "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-tg-1/1111")).targetHealthDescriptions())
                .as("a target group without registered targets").isEmpty();
        assertThat(sandbox.journal().calls("elasticloadbalancing", "DescribeTargetHealth")).hasSize(3);
    }

    @Test
    void scenarioStatesAreValidated() {
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"elbv2": {"targetHealth": {"orders-tg-2": [{"Target": {"Id": "i-1"}, "TargetHealth": {"State": "fine"}}]}}}""")))
                .hasMessageContaining("TargetHealth.State");
        assertThatThrownBy(() -> sandbox.load(Json.parse("{\"elbv2\": {\"targetHealth\": {\"missing-tg\": []}}}")))
                .hasMessageContaining("names no seeded target group");
    }
}

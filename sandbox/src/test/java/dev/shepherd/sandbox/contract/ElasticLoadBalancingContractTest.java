package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthReasonEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthStateEnum;

/** ELBv2 (AWS query protocol, XML answers, version 2015-12-01) on the wire versus {@code FakeElasticLoadBalancing}. */
class ElasticLoadBalancingContractTest extends ContractTest {
    static final String NS = "xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\"";
    static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/orders-alb/0a1b";
    static final String LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b/3333";
    static final String TG = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-tg-2/2222";

    ElasticLoadBalancingV2Client fake;
    ElasticLoadBalancingV2Client real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"elbv2": {"loadBalancers": [{"LoadBalancerArn": "%s", "LoadBalancerName": "orders-alb"}],
                           "targetGroups": [{"TargetGroupArn": "%s", "TargetGroupName": "orders-tg-2"}]}}""".formatted(LB, TG)))
                .client(ElasticLoadBalancingV2Client.class);
        real = real(ElasticLoadBalancingV2Client.class);
    }

    static String response(String action, String result) {
        return "<%1$sResponse %2$s><%1$sResult>%3$s</%1$sResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></%1$sResponse>"
                .formatted(action, NS, result);
    }

    @Test
    void describeListeners() {
        wire.stubFor(queryCall("DescribeListeners").willReturn(xml(response("DescribeListeners", """
                <Listeners><member><ListenerArn>%s</ListenerArn><LoadBalancerArn>%s</LoadBalancerArn>
                <Port>8443</Port><Protocol>HTTPS</Protocol></member></Listeners>""".formatted(LISTENER, LB)))));

        var listener = real.describeListeners(r -> r.listenerArns(LISTENER)).listeners().getFirst();

        assertThat(listener.port()).isEqualTo(8443);
        assertThat(listener.loadBalancerArn()).isEqualTo(LB);
        String body = onlyRequest().getBodyAsString();
        assertThat(body).contains("Action=DescribeListeners", "Version=2015-12-01",
                "ListenerArns.member.1=" + java.net.URLEncoder.encode(LISTENER, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(journal.calls("elasticloadbalancing", "DescribeListeners")).hasSize(1);
    }

    @Test
    void describeListenersErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.describeListeners(r -> r.listenerArns(LISTENER));
        assertWireErrorLikeFake(queryCall("DescribeListeners"), true,
                () -> fake.describeListeners(r -> r.listenerArns(LISTENER)), realCall);
        assertWireErrorLikeFake(queryCall("DescribeListeners"), true,
                () -> fake.describeListeners(r -> r.loadBalancerArn(LB + "x")), realCall);
        assertWireErrorLikeFake(queryCall("DescribeListeners"), true,
                () -> fake.describeListeners(r -> { }), realCall);
    }

    @Test
    void describeLoadBalancers() {
        wire.stubFor(queryCall("DescribeLoadBalancers").willReturn(xml(response("DescribeLoadBalancers", """
                <LoadBalancers><member><LoadBalancerArn>%s</LoadBalancerArn><LoadBalancerName>orders-alb</LoadBalancerName>
                <DNSName>orders-alb-1.eu-west-1.elb.amazonaws.com</DNSName><Scheme>internal</Scheme>
                <State><Code>active</Code></State></member></LoadBalancers>""".formatted(LB)))));

        var lb = real.describeLoadBalancers(r -> r.loadBalancerArns(LB)).loadBalancers().getFirst();

        assertThat(lb.dnsName()).isEqualTo("orders-alb-1.eu-west-1.elb.amazonaws.com");
        assertThat(lb.schemeAsString()).isEqualTo("internal");
        assertThat(onlyRequest().getBodyAsString()).contains("Action=DescribeLoadBalancers", "LoadBalancerArns.member.1=");
    }

    @Test
    void describeLoadBalancersErrorsMapLikeTheFake() {
        assertWireErrorLikeFake(queryCall("DescribeLoadBalancers"), true,
                () -> fake.describeLoadBalancers(r -> r.names("nope")), () -> real.describeLoadBalancers(r -> r.names("nope")));
    }

    @Test
    void describeTargetGroups() {
        wire.stubFor(queryCall("DescribeTargetGroups").willReturn(xml(response("DescribeTargetGroups", """
                <TargetGroups><member><TargetGroupArn>%s</TargetGroupArn><TargetGroupName>orders-tg-2</TargetGroupName>
                <Port>8080</Port><Protocol>HTTP</Protocol><LoadBalancerArns><member>%s</member></LoadBalancerArns>
                </member></TargetGroups>""".formatted(TG, LB)))));

        var group = real.describeTargetGroups(r -> r.names("orders-tg-2")).targetGroups().getFirst();

        assertThat(group.targetGroupArn()).isEqualTo(TG);
        assertThat(group.loadBalancerArns()).containsExactly(LB);
        assertThat(onlyRequest().getBodyAsString()).contains("Action=DescribeTargetGroups", "Names.member.1=orders-tg-2");
    }

    @Test
    void describeTargetGroupsErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.describeTargetGroups(r -> r.names("orders-tg-9"));
        assertWireErrorLikeFake(queryCall("DescribeTargetGroups"), true,
                () -> fake.describeTargetGroups(r -> r.names("orders-tg-9")), realCall);
        assertWireErrorLikeFake(queryCall("DescribeTargetGroups"), true,
                () -> fake.describeTargetGroups(r -> r.names("orders-tg-2").targetGroupArns(TG)), realCall);
    }

    @Test
    void describeTargetHealth() {
        wire.stubFor(queryCall("DescribeTargetHealth").willReturn(xml(response("DescribeTargetHealth", """
                <TargetHealthDescriptions>
                  <member><Target><Id>10.0.1.15</Id><Port>8080</Port></Target><HealthCheckPort>8080</HealthCheckPort>
                    <TargetHealth><State>healthy</State></TargetHealth></member>
                  <member><Target><Id>10.0.2.27</Id><Port>8080</Port></Target>
                    <TargetHealth><State>draining</State><Reason>Target.DeregistrationInProgress</Reason>
                    <Description>Target deregistration is in progress</Description></TargetHealth></member>
                </TargetHealthDescriptions>"""))));

        var health = real.describeTargetHealth(r -> r.targetGroupArn(TG)).targetHealthDescriptions();

        assertThat(health).extracting(d -> d.targetHealth().state())
                .containsExactly(TargetHealthStateEnum.HEALTHY, TargetHealthStateEnum.DRAINING);
        assertThat(health.get(1).targetHealth().reason()).isEqualTo(TargetHealthReasonEnum.TARGET_DEREGISTRATION_IN_PROGRESS);
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=DescribeTargetHealth"))
                .withRequestBody(containing("TargetGroupArn=")));
    }

    @Test
    void describeTargetHealthErrorsMapLikeTheFake() {
        assertWireErrorLikeFake(queryCall("DescribeTargetHealth"), true,
                () -> fake.describeTargetHealth(r -> r.targetGroupArn(TG + "x")),
                () -> real.describeTargetHealth(r -> r.targetGroupArn(TG)));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> queryCall("DescribeTargetHealth"), List.of(
                queryError(400, "Throttling", "Rate exceeded"),
                xml(response("DescribeTargetHealth", "<TargetHealthDescriptions/>"))));

        assertThat(real.describeTargetHealth(r -> r.targetGroupArn(TG)).targetHealthDescriptions()).isEmpty();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> queryCall("DescribeLoadBalancers"), List.of(
                queryError(500, "InternalFailure", "internal"),
                xml(response("DescribeLoadBalancers", "<LoadBalancers/>"))));

        assertThat(real.describeLoadBalancers(r -> r.names("orders-alb")).loadBalancers()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}

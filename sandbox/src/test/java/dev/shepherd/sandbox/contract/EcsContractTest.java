package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;

/** ECS (JSON 1.1, target prefix {@code AmazonEC2ContainerServiceV20141113}) on the wire versus {@code FakeEcs}. */
class EcsContractTest extends ContractTest {
    static final String PREFIX = "AmazonEC2ContainerServiceV20141113.";
    static final String SD = "arn:aws:ecs:eu-west-1:111122223333:service-deployment/orders-cluster/orders-api/abc";
    static final String REV = "arn:aws:ecs:eu-west-1:111122223333:service-revision/orders-cluster/orders-api/9";

    EcsClient fake;
    EcsClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().client(EcsClient.class);
        real = real(EcsClient.class);
    }

    @Test
    void describeServiceDeployments() {
        wire.stubFor(jsonCall(PREFIX + "DescribeServiceDeployments").willReturn(json("""
                {"serviceDeployments": [{"serviceDeploymentArn": "%s", "status": "IN_PROGRESS",
                   "lifecycleStage": "POST_TEST_TRAFFIC_SHIFT", "createdAt": 1764150012.0,
                   "targetServiceRevision": {"arn": "%s", "requestedTaskCount": 3}}],
                 "failures": [{"arn": "%s-gone", "reason": "MISSING"}]}""".formatted(SD, REV, SD))));

        var response = real.describeServiceDeployments(r -> r.serviceDeploymentArns(SD, SD + "-gone"));

        assertThat(response.serviceDeployments().getFirst().lifecycleStage())
                .isEqualTo(ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT);
        assertThat(response.failures().getFirst().reason()).isEqualTo("MISSING");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeServiceDeployments"))
                .withRequestBody(equalToJson("{\"serviceDeploymentArns\":[\"" + SD + "\",\"" + SD + "-gone\"]}")));
        // the fake answers an unknown ARN the same way: a failure, not an exception
        assertThat(fake.describeServiceDeployments(r -> r.serviceDeploymentArns(SD)).failures())
                .extracting(f -> f.reason()).containsExactly("MISSING");
    }

    @Test
    void describeServiceDeploymentsErrorsMapLikeTheFake() {
        List<String> tooMany = IntStream.range(0, 21).mapToObj(i -> SD + i).toList();
        assertWireErrorLikeFake(jsonCall(PREFIX + "DescribeServiceDeployments"), false,
                () -> fake.describeServiceDeployments(r -> r.serviceDeploymentArns(tooMany)),
                () -> real.describeServiceDeployments(r -> r.serviceDeploymentArns(SD)));
    }

    @Test
    void describeServiceRevisions() {
        wire.stubFor(jsonCall(PREFIX + "DescribeServiceRevisions").willReturn(json("""
                {"serviceRevisions": [{"serviceRevisionArn": "%s",
                   "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/orders-api:42"}], "failures": []}"""
                .formatted(REV))));

        var response = real.describeServiceRevisions(r -> r.serviceRevisionArns(REV));

        assertThat(response.serviceRevisions().getFirst().taskDefinition()).endsWith("orders-api:42");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "DescribeServiceRevisions"))
                .withRequestBody(equalToJson("{\"serviceRevisionArns\":[\"" + REV + "\"]}")));
        assertWireErrorLikeFake(jsonCall(PREFIX + "DescribeServiceRevisions"), false,
                () -> fake.describeServiceRevisions(r -> { }), () -> real.describeServiceRevisions(r -> r.serviceRevisionArns(REV)));
    }

    @Test
    void listServiceDeployments() {
        wire.stubFor(jsonCall(PREFIX + "ListServiceDeployments").willReturn(json("""
                {"serviceDeployments": [{"serviceDeploymentArn": "%s", "status": "IN_PROGRESS", "targetServiceRevisionArn": "%s"}]}"""
                .formatted(SD, REV))));

        var list = real.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")
                .status(ServiceDeploymentStatus.IN_PROGRESS)).serviceDeployments();

        assertThat(list).singleElement().satisfies(b -> assertThat(b.targetServiceRevisionArn()).isEqualTo(REV));
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PREFIX + "ListServiceDeployments"))
                .withRequestBody(equalToJson("{\"cluster\":\"orders-cluster\",\"service\":\"orders-api\",\"status\":[\"IN_PROGRESS\"]}")));
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListServiceDeployments"), false,
                () -> fake.listServiceDeployments(r -> r.service("orders-api")),
                () -> real.listServiceDeployments(r -> r.service("orders-api")));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall(PREFIX + "DescribeServiceDeployments"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"serviceDeployments\": [], \"failures\": []}")));

        assertThat(real.describeServiceDeployments(r -> r.serviceDeploymentArns(SD)).serviceDeployments()).isEmpty();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> jsonCall(PREFIX + "DescribeServiceDeployments"), List.of(
                jsonError(500, "ServerException", "internal"), json("{\"serviceDeployments\": [], \"failures\": []}")));

        assertThat(real.describeServiceDeployments(r -> r.serviceDeploymentArns(SD)).serviceDeployments()).isEmpty();
        assertThat(requests()).hasSize(2);
    }
}

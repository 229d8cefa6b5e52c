package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * A fault injected through a scenario surfaces as the same exception the real client throws when the
 * service keeps answering with that error (after its retries): same class, code and status.
 */
class InjectedFaultContractTest extends ContractTest {
    private static Sandbox faulty(String service, String operation, String fault) {
        return new Sandbox().load(Json.parse("{\"%s\": {\"faults\": {\"%s\": [%s]}}}".formatted(service, operation, fault)));
    }

    @Test
    void elbThrottling() {
        var fake = faulty("elbv2", "DescribeTargetHealth", "\"Throttling\"").client(ElasticLoadBalancingV2Client.class);
        wire.stubFor(queryCall("DescribeTargetHealth").willReturn(queryError(400, "Throttling", "Rate exceeded")));
        assertSameError(thrownBy(() -> fake.describeTargetHealth(r -> r.targetGroupArn("arn:tg"))),
                () -> real(ElasticLoadBalancingV2Client.class).describeTargetHealth(r -> r.targetGroupArn("arn:tg")));
    }

    @Test
    void cloudWatchServerError() {
        var fake = faulty("cloudwatch", "DescribeAlarms", "{\"code\": \"InternalServiceError\", \"status\": 500}")
                .client(CloudWatchClient.class);
        wire.stubFor(queryCall("DescribeAlarms").willReturn(queryError(500, "InternalServiceError", "internal")));
        assertSameError(thrownBy(() -> fake.describeAlarms(r -> r.alarmNames("a"))),
                () -> real(CloudWatchClient.class).describeAlarms(r -> r.alarmNames("a")));
    }

    @Test
    void ssmThrottling() {
        var fake = faulty("ssm", "GetParameter", "\"ThrottlingException\"").client(SsmClient.class);
        wire.stubFor(jsonCall("AmazonSSM.GetParameter").willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")));
        assertSameError(thrownBy(() -> fake.getParameter(r -> r.name("/x"))),
                () -> real(SsmClient.class).getParameter(r -> r.name("/x")));
    }

    @Test
    void ecsServerException() {
        var fake = faulty("ecs", "DescribeServiceDeployments", "{\"code\": \"ServerException\", \"status\": 500}")
                .client(EcsClient.class);
        wire.stubFor(jsonCall("AmazonEC2ContainerServiceV20141113.DescribeServiceDeployments")
                .willReturn(jsonError(500, "ServerException", "internal")));
        assertSameError(thrownBy(() -> fake.describeServiceDeployments(r -> r.serviceDeploymentArns("arn:sd"))),
                () -> real(EcsClient.class).describeServiceDeployments(r -> r.serviceDeploymentArns("arn:sd")));
    }

    @Test
    void lambdaTooManyRequests() {
        var fake = faulty("lambda", "Invoke", "\"TooManyRequestsException\"").client(LambdaClient.class);
        wire.stubFor(post(urlPathEqualTo("/2015-03-31/functions/f/invocations")).willReturn(aResponse().withStatus(429)
                .withHeader("X-Amzn-ErrorType", "TooManyRequestsException").withBody("{\"message\":\"Rate exceeded\"}")));
        assertSameError(thrownBy(() -> fake.invoke(r -> r.functionName("f").qualifier("1"))),
                () -> real(LambdaClient.class).invoke(r -> r.functionName("f").qualifier("1")));
    }

    @Test
    void backupAccessDenied() {
        var fake = faulty("backup", "ListProtectedResources", "\"AccessDeniedException\"").client(BackupClient.class);
        wire.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/resources/"))
                .willReturn(aResponse().withStatus(403).withHeader("x-amzn-ErrorType", "AccessDeniedException")
                        .withBody("{\"Message\":\"User is not authorized to perform: backup:ListProtectedResources\"}")));
        assertSameError(thrownBy(() -> fake.listProtectedResources(r -> { })),
                () -> real(BackupClient.class).listProtectedResources(r -> { }));
    }

    @Test
    void secretsManagerAccessDenied() {
        var fake = faulty("secretsmanager", "ListSecrets", "\"AccessDeniedException\"").client(SecretsManagerClient.class);
        wire.stubFor(jsonCall("secretsmanager.ListSecrets").willReturn(jsonError(403, "AccessDeniedException", "not authorized")));
        assertSameError(thrownBy(() -> fake.listSecrets(r -> { })), () -> real(SecretsManagerClient.class).listSecrets(r -> { }));
    }

    @Test
    void cloudTrailThrottlingPastRetries() {
        var fake = faulty("cloudtrail", "DescribeTrails", "\"ThrottlingException\"").client(CloudTrailClient.class);
        wire.stubFor(jsonCall("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails")
                .willReturn(jsonError(400, "ThrottlingException", "Rate exceeded")));
        assertSameError(thrownBy(() -> fake.describeTrails(r -> { })), () -> real(CloudTrailClient.class).describeTrails(r -> { }));
    }
}

package dev.shepherd.hook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.check.CheckFailure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.LifecycleEventStatus;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The hook's canned hot path for SnapStart priming ({@link Priming}): both event shapes, a check plan loaded through
 * core's Parameters, and each client's calls marshalled, signed and answered offline. Everything it builds is
 * thrown away, so the handler's own caches (parameters, plans) stay empty.
 */
final class HookPriming implements Runnable {
    private static final String JSON = "application/x-amz-json-1.1";
    private static final String XML = "text/xml";
    private static final String DEPLOYMENT = "d-PRIMING00";
    private static final String CODEDEPLOY_EVENT =
            "{\"DeploymentId\":\"" + DEPLOYMENT + "\",\"LifecycleEventHookExecutionId\":\"priming\"}";
    private static final String ECS_EVENT = """
            {"executionId":"priming","lifecycleStage":"POST_TEST_TRAFFIC_SHIFT",
             "resourceArn":"arn:aws:ecs:eu-west-1:111122223333:service-deployment/priming/priming/priming",
             "executionDetails":{"serviceArn":"arn:aws:ecs:eu-west-1:111122223333:service/priming/priming",
              "targetServiceRevisionArn":"arn:aws:ecs:eu-west-1:111122223333:service-revision/priming/priming/1",
              "testTrafficWeights":{},"productionTrafficWeights":{}},
             "hookDetails":{}}""";
    private static final String PLAN = """
            {"allowedHosts":["priming.example.com"],"stages":{"AfterAllowTestTraffic":{"checks":[
             {"type":"http","name":"health","path":"/health","attempts":3,"intervalMillis":500},
             {"type":"alarms","alarmNames":["priming"]},{"type":"targetHealth","minHealthyTargets":2},
             {"type":"config","parameters":["/priming/flags"],"secrets":["priming/secret"]}]}}}""";
    private static final String TARGET_GROUP =
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/priming/0123456789abcdef";

    private final String region;

    HookPriming(Platform platform) {
        this.region = platform.env("AWS_REGION");
    }

    @Override
    public void run() {
        HookEvent.detect(CODEDEPLOY_EVENT.getBytes(StandardCharsets.UTF_8));
        HookEvent.detect(ECS_EVENT.getBytes(StandardCharsets.UTF_8));
        Json.write(EcsResponse.succeeded().toJson());
        String planResponse = Json.write(JsonNodeFactory.instance.objectNode().set("Parameter", JsonNodeFactory.instance
                .objectNode().put("Name", "/shepherd/priming/deployments/app/group").put("Type", "String")
                .put("Value", PLAN)));
        try (SsmClient ssm = Priming.offline(SsmClient.builder(), region, JSON, planResponse);
                CodeDeployClient codeDeploy = Priming.offline(CodeDeployClient.builder(), region, JSON, "{}");
                EcsClient ecs = Priming.offline(EcsClient.builder(), region, JSON, "{}");
                ElasticLoadBalancingV2Client elb = Priming.offline(ElasticLoadBalancingV2Client.builder(), region, XML,
                        "<DescribeTargetHealthResponse><DescribeTargetHealthResult><TargetHealthDescriptions/>"
                                + "</DescribeTargetHealthResult></DescribeTargetHealthResponse>");
                CloudWatchClient cloudWatch = Priming.offline(CloudWatchClient.builder(), region, XML,
                        "<DescribeAlarmsResponse><DescribeAlarmsResult><MetricAlarms/></DescribeAlarmsResult>"
                                + "</DescribeAlarmsResponse>")) {
            PlanStore plans = new PlanStore(new Parameters(serving(ssm)), "priming");
            plans.load(plans.codeDeployPath("app", "group"));
            codeDeploy.getDeployment(r -> r.deploymentId(DEPLOYMENT));
            // Marshalled and answered in memory like every offline call: nothing is reported to CodeDeploy.
            codeDeploy.putLifecycleEventHookExecutionStatus(r -> r.deploymentId(DEPLOYMENT)
                    .lifecycleEventHookExecutionId("priming").status(LifecycleEventStatus.SUCCEEDED));
            ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(
                    "arn:aws:ecs:eu-west-1:111122223333:service-deployment/priming/priming/priming"));
            elb.describeTargetHealth(r -> r.targetGroupArn(TARGET_GROUP));
            cloudWatch.describeAlarms(r -> r.alarmNames("priming"));
        } catch (CheckFailure e) {
            throw new IllegalStateException("the priming plan did not load", e);
        }
    }

    /** A platform whose only client is the offline SSM client, for core's Parameters. */
    private Platform serving(SsmClient ssm) {
        return new Platform(Map.of("AWS_REGION", region), new ClientSource() {
            @Override
            public <T extends SdkClient> T client(Class<T> type) {
                return type.cast(ssm);
            }
        }, Clock.systemUTC());
    }
}

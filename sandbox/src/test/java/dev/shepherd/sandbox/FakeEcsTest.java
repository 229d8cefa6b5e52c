package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentLifecycleStage;
import software.amazon.awssdk.services.ecs.model.ServiceDeploymentStatus;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;

class FakeEcsTest {
    static final String SERVICE = "arn:aws:ecs:eu-west-1:111122223333:service/orders-cluster/orders-api";
    static final String CLUSTER = "arn:aws:ecs:eu-west-1:111122223333:cluster/orders-cluster";
    static final String SD_NEW = "arn:aws:ecs:eu-west-1:111122223333:service-deployment/orders-cluster/orders-api/NEW";
    static final String SD_OLD = "arn:aws:ecs:eu-west-1:111122223333:service-deployment/orders-cluster/orders-api/OLD";
    static final String REV_9 = "arn:aws:ecs:eu-west-1:111122223333:service-revision/orders-cluster/orders-api/9";
    static final String SCENARIO = """
            {"ecs": {
              "serviceDeployments": [
                {"serviceDeploymentArn": "%1$s", "serviceArn": "%3$s", "clusterArn": "%4$s", "status": "IN_PROGRESS",
                 "lifecycleStage": "POST_TEST_TRAFFIC_SHIFT", "createdAt": 1764150012,
                 "targetServiceRevision": {"arn": "%5$s", "requestedTaskCount": 3, "runningTaskCount": 3},
                 "sourceServiceRevisions": [{"arn": "%5$s-8"}]},
                {"serviceDeploymentArn": "%2$s", "serviceArn": "%3$s", "clusterArn": "%4$s", "status": "SUCCESSFUL",
                 "createdAt": 1764000000}],
              "serviceRevisions": [{"serviceRevisionArn": "%5$s", "serviceArn": "%3$s", "clusterArn": "%4$s",
                 "taskDefinition": "arn:aws:ecs:eu-west-1:111122223333:task-definition/orders-api:42",
                 "loadBalancers": [{"targetGroupArn": "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/orders-tg-2/2222",
                                    "advancedConfiguration": {"productionListenerRule":
                                        "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener-rule/app/orders-alb/1/2/3"}}]}]
            }}""".formatted(SD_NEW, SD_OLD, SERVICE, CLUSTER, REV_9);

    Sandbox sandbox;
    EcsClient ecs;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        ecs = sandbox.client(EcsClient.class);
    }

    @Test
    void describesDeploymentsAndReportsUnknownArnsAsMissing() {
        var response = ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(SD_NEW, SD_NEW + "-gone"));
        assertThat(response.serviceDeployments()).singleElement().satisfies(d -> {
            assertThat(d.lifecycleStage()).isEqualTo(ServiceDeploymentLifecycleStage.POST_TEST_TRAFFIC_SHIFT);
            assertThat(d.targetServiceRevision().arn()).isEqualTo(REV_9);
            assertThat(d.createdAt()).isEqualTo(Instant.ofEpochSecond(1764150012));
        });
        assertThat(response.failures()).singleElement().satisfies(f -> {
            assertThat(f.arn()).isEqualTo(SD_NEW + "-gone");
            assertThat(f.reason()).isEqualTo("MISSING");
        });
    }

    @Test
    void describesRevisionsLikewise() {
        var response = ecs.describeServiceRevisions(r -> r.serviceRevisionArns(REV_9, REV_9 + "0"));
        assertThat(response.serviceRevisions()).singleElement()
                .satisfies(rev -> assertThat(rev.loadBalancers().getFirst().targetGroupArn()).contains("orders-tg-2"));
        assertThat(response.failures()).extracting(f -> f.reason()).containsExactly("MISSING");
    }

    @Test
    void arnListsHoldOneToTwenty() {
        assertThatThrownBy(() -> ecs.describeServiceDeployments(r -> r.serviceDeploymentArns(
                IntStream.range(0, 21).mapToObj(i -> SD_NEW + i).toList()))).isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> ecs.describeServiceRevisions(r -> { })).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void listsAServicesDeploymentsNewestFirstWithFilters() {
        var all = ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")).serviceDeployments();
        assertThat(all).extracting(b -> b.serviceDeploymentArn()).containsExactly(SD_NEW, SD_OLD);
        assertThat(all.getFirst().targetServiceRevisionArn()).isEqualTo(REV_9);
        assertThat(ecs.listServiceDeployments(r -> r.cluster(CLUSTER).service(SERVICE)
                .status(ServiceDeploymentStatus.SUCCESSFUL)).serviceDeployments()).extracting(b -> b.serviceDeploymentArn())
                .containsExactly(SD_OLD);
        assertThat(ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")
                .createdAt(c -> c.after(Instant.ofEpochSecond(1764100000)))).serviceDeployments()).hasSize(1);
        var firstPage = ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api").maxResults(1));
        assertThat(firstPage.nextToken()).isNotNull();
        assertThat(ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("orders-api")
                .nextToken(firstPage.nextToken())).serviceDeployments()).extracting(b -> b.serviceDeploymentArn())
                .containsExactly(SD_OLD);
    }

    @Test
    void unknownServiceOrClusterIsServiceNotFound() {
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.service("orders-api")))
                .as("the default cluster has no such service").isInstanceOf(ServiceNotFoundException.class);
        assertThatThrownBy(() -> ecs.listServiceDeployments(r -> r.cluster("orders-cluster").service("other")))
                .isInstanceOf(ServiceNotFoundException.class);
    }
}

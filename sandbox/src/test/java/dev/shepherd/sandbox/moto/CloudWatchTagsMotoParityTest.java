package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * CloudWatch {@code ListTagsForResource} on alarms: the fake seeded with tags by ARN versus moto seeded through
 * {@code PutMetricAlarm} with {@code Tags}. Not compared: an unknown ARN, which moto answers with no tags while the
 * API model (and the fake) say {@code ResourceNotFoundException}.
 */
class CloudWatchTagsMotoParityTest extends MotoParityTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:";

    CloudWatchClient fake;
    CloudWatchClient real;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("monitoring", "application/x-www-form-urlencoded", null, "Action=DescribeAlarms&Version=2010-08-01");
    }

    @BeforeEach
    void seed() {
        fake = new Sandbox().load(Json.parse("""
                {"cloudwatch": {"metricAlarms": [{"AlarmName": "orders-5xx", "AlarmArn": "%1$sorders-5xx", "StateValue": "OK"},
                                                 {"AlarmName": "orders-latency", "AlarmArn": "%1$sorders-latency", "StateValue": "OK"}],
                  "tags": {"%1$sorders-5xx": {"shepherd:codedeploy": "orders/orders-dg, orders/canary", "team": "orders"}}}}"""
                .formatted(ARN))).client(CloudWatchClient.class);
        real = onMoto(CloudWatchClient.class);
        alarm("orders-5xx", List.of(Tag.builder().key("team").value("orders").build(),
                Tag.builder().key("shepherd:codedeploy").value("orders/orders-dg, orders/canary").build()));
        alarm("orders-latency", List.of());
    }

    private void alarm(String name, List<Tag> tags) {
        real.putMetricAlarm(r -> r.alarmName(name).metricName("HTTPCode_Target_5XX_Count").namespace("AWS/ApplicationELB")
                .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(5.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).tags(tags));
    }

    static List<String> tags(CloudWatchClient client, String arn) {
        return client.listTagsForResource(r -> r.resourceARN(arn)).tags().stream().map(t -> t.key() + "=" + t.value())
                .sorted().toList();
    }

    @Test
    void theArnMotoGivesTheAlarmIsTheOneTheFakeIsSeededWith() {
        assertThat(real.describeAlarms(r -> r.alarmNames("orders-5xx")).metricAlarms().getFirst().alarmArn())
                .isEqualTo(ARN + "orders-5xx");
    }

    @Test
    void aTaggedAndAnUntaggedAlarm() {
        List<String> tagged = sameAnswer(fake, real, c -> tags(c, ARN + "orders-5xx"));
        assertThat(tagged).containsExactly("shepherd:codedeploy=orders/orders-dg, orders/canary", "team=orders");
        List<String> untagged = sameAnswer(fake, real, c -> tags(c, ARN + "orders-latency"));
        assertThat(untagged).isEmpty();
    }
}

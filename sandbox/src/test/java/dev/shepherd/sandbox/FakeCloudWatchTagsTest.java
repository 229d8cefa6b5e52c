package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/** The fake's ListTagsForResource. */
class FakeCloudWatchTagsTest {
    static final String TAGGED = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx";
    static final String UNTAGGED = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-latency";

    final Sandbox sandbox = new Sandbox().load(Json.parse("""
            {"cloudwatch": {
              "metricAlarms": [{"AlarmName": "orders-latency", "AlarmArn": "%s", "StateValue": "OK"}],
              "tags": {"%s": {"team": "orders", "shepherd:codedeploy": "orders/orders-dg"}}}}""".formatted(UNTAGGED, TAGGED)));
    final CloudWatchClient cloudWatch = sandbox.client(CloudWatchClient.class);

    @Test
    void answersTagsSortedByKeyAndNoneForAnUntaggedAlarm() {
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(TAGGED)).tags()).containsExactly(
                Tag.builder().key("shepherd:codedeploy").value("orders/orders-dg").build(),
                Tag.builder().key("team").value("orders").build());
        assertThat(cloudWatch.listTagsForResource(r -> r.resourceARN(UNTAGGED)).tags()).isEmpty();
        assertThat(sandbox.journal().calls("cloudwatch", "ListTagsForResource")).hasSize(2);
    }

    @Test
    void anUnknownAlarmIsResourceNotFoundAsForADeletedOne() {
        assertThatThrownBy(() -> cloudWatch.listTagsForResource(r -> r.resourceARN(TAGGED + "-gone")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.statusCode()).isEqualTo(404);
                });
        assertThatThrownBy(() -> cloudWatch.listTagsForResource(r -> r.resourceARN("orders-5xx")))
                .isInstanceOf(CloudWatchException.class).hasMessageContaining("ResourceARN");
    }

    @Test
    void tagsAreKeyedByAlarmArn() {
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"cloudwatch\": {\"tags\": {\"orders-5xx\": {}}}}")))
                .hasMessageContaining("cloudwatch.tags.orders-5xx");
    }
}

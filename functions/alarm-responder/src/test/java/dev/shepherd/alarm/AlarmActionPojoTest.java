package dev.shepherd.alarm;

import static dev.shepherd.alarm.CloudWatchEvents.alarmAction;
import static dev.shepherd.alarm.CloudWatchEvents.change;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.CloudWatchCompositeAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.shepherd.alarm.AlarmChange.Metric;
import dev.shepherd.core.Timestamps;
import java.lang.reflect.Method;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Case 12: the direct alarm-action payloads read through the AWS event classes (what a handler typed on them would
 * get) against our parser. Both agree on what the classes keep; ours keeps what they drop.
 */
class AlarmActionPojoTest {

    private static CloudWatchMetricAlarmEvent metricPojo(String file) {
        return EventLoader.loadCloudWatchMetricAlarmEvent(CloudWatchEvents.file(file).toString());
    }

    @Test
    void metricAlarmThePojoDropsCurrentReasonDataAndTags() {
        CloudWatchMetricAlarmEvent pojo = metricPojo("alarm-action-metric.json");
        AlarmChange ours = change(alarmAction("alarm-action-metric.json"));

        assertThat(ours.alarmArn()).isEqualTo(pojo.getAlarmArn());
        assertThat(ours.accountId()).isEqualTo(pojo.getAccountId());
        assertThat(ours.region()).isEqualTo(pojo.getRegion());
        assertThat(ours.alarmName()).isEqualTo(pojo.getAlarmData().getAlarmName());
        assertThat(ours.state().value().name()).isEqualTo(pojo.getAlarmData().getState().getValue());
        assertThat(ours.state().reason()).isEqualTo(pojo.getAlarmData().getState().getReason());
        assertThat(ours.state().timestamp())
                .isEqualTo(Timestamps.parse(pojo.getAlarmData().getState().getTimestamp()))
                .isEqualTo(Instant.parse("2025-06-18T09:41:07.318Z"));
        assertThat(ours.description()).isEqualTo(pojo.getAlarmData().getConfiguration().getDescription());
        CloudWatchMetricAlarmEvent.Metric pm = pojo.getAlarmData().getConfiguration().getMetrics().getFirst();
        Metric om = ours.metrics().getFirst();
        assertThat(om.id()).isEqualTo(pm.getId());
        assertThat(om.name()).isEqualTo(pm.getMetricStat().getMetric().getName());
        assertThat(om.dimensions()).isEqualTo(pm.getMetricStat().getMetric().getDimensions());
        assertThat(om.stat()).isEqualTo(pm.getMetricStat().getStat());

        // What the class has no field for: the current state's reasonData, the tags.
        assertThat(ours.state().reasonData()).contains("\"recentDatapoints\":[12.0,37.0,41.0]");
        assertThat(pojo.toString()).doesNotContain("recentDatapoints", "shepherd:codedeploy");
        assertThat(ours.tags()).containsEntry("shepherd:codedeploy", "orders-app/orders-api-dg");
    }

    @Test
    void metricMathThePojoDropsExpressionAndLabel() {
        CloudWatchMetricAlarmEvent pojo = metricPojo("alarm-action-metric-math.json");
        AlarmChange ours = change(alarmAction("alarm-action-metric-math.json"));

        CloudWatchMetricAlarmEvent.Metric pojoRate = pojo.getAlarmData().getConfiguration().getMetrics().getFirst();
        assertThat(pojoRate.getId()).isEqualTo("rate");
        assertThat(pojoRate.getMetricStat()).as("an expression entry has no metricStat").isNull();
        assertThat(pojo.toString()).doesNotContain("100*e/i", "Error rate %");

        assertThat(ours.metrics()).hasSameSizeAs(pojo.getAlarmData().getConfiguration().getMetrics());
        assertThat(ours.metrics().getFirst().expression()).isEqualTo("100*e/i");
        assertThat(ours.metrics().getFirst().label()).isEqualTo("Error rate %");
        assertThat(ours.kind()).isEqualTo(AlarmChange.Kind.METRIC_MATH);
        assertThat(ours.previous().reasonData())
                .isEqualTo(pojo.getAlarmData().getPreviousState().getReasonData());
    }

    @Test
    void compositeThePojoDropsTheCurrentStatesSuppressionAndTags() {
        CloudWatchCompositeAlarmEvent pojo = EventLoader.loadCloudWatchCompositeAlarmEvent(
                CloudWatchEvents.file("alarm-action-composite.json").toString());
        AlarmChange ours = change(alarmAction("alarm-action-composite.json"));

        CloudWatchCompositeAlarmEvent.Configuration config = pojo.getAlarmData().getConfiguration();
        assertThat(ours.alarmRule()).isEqualTo(config.getAlarmRule());
        assertThat(ours.suppressor().alarm()).isEqualTo(config.getActionsSuppressor());
        assertThat(ours.suppressor().waitPeriod()).isEqualTo(config.getActionsSuppressorWaitPeriod());
        assertThat(ours.suppressor().extensionPeriod()).isEqualTo(config.getActionsSuppressorExtensionPeriod());
        assertThat(ours.state().reasonData()).isEqualTo(pojo.getAlarmData().getState().getReasonData());

        // The class keeps suppression only on the previous state; the current one is what decides paging.
        assertThat(pojo.getAlarmData().getPreviousState().getActionsSuppressedBy()).isEqualTo("WaitPeriod");
        assertThat(CloudWatchCompositeAlarmEvent.State.class.getMethods()).extracting(Method::getName)
                .doesNotContain("getActionsSuppressedBy", "getActionsSuppressedReason");
        assertThat(pojo.toString()).doesNotContain("Actions suppressed by ExtensionPeriod");
        assertThat(ours.suppressedBy()).isEqualTo("ExtensionPeriod");
        assertThat(ours.suppressedReason()).isEqualTo("Actions suppressed by ExtensionPeriod");
        assertThat(ours.tags()).containsEntry("severity", "critical");
        assertThat(ours.triggering()).hasSize(1);
    }
}

package dev.shepherd.alarm;

import static dev.shepherd.alarm.CloudWatchEvents.alarmAction;
import static dev.shepherd.alarm.CloudWatchEvents.change;
import static dev.shepherd.alarm.CloudWatchEvents.eventBridge;
import static dev.shepherd.alarm.CloudWatchEvents.notes;
import static dev.shepherd.alarm.CloudWatchEvents.sns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.shepherd.alarm.AlarmChange.Child;
import dev.shepherd.alarm.AlarmChange.Kind;
import dev.shepherd.alarm.AlarmChange.Metric;
import dev.shepherd.alarm.AlarmChange.Path;
import dev.shepherd.alarm.AlarmChange.State;
import dev.shepherd.alarm.AlarmChange.Suppressor;
import dev.shepherd.alarm.AlarmChange.Value;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every sample event in events/cloudwatch parses to the change it describes, nothing lost. */
class AlarmEventFilesTest {
    static final String ORDERS_5XX = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-high";
    static final Map<String, String> ORDERS_TAGS = Map.of("team", "orders", "severity", "high", "service", "orders-api",
            "shepherd:codedeploy", "orders-app/orders-api-dg", "environment", "dev");
    static final Metric ORDERS_5XX_METRIC = new Metric("5c0e1d7a-3f52-4b1e-8a6d-0c9b2e7f4a11", "AWS/ApplicationELB",
            "HTTPCode_Target_5XX_Count", Map.of("LoadBalancer", "app/orders-dev/50dc6c495c0c9188"), "Sum", 60, null,
            null, null, true);
    static final Instant ORDERS_5XX_ALARM_AT = Instant.parse("2025-06-18T09:41:07.318Z");

    @Test
    void eventBridgeMetricAlarm() {
        AlarmChange c = change(eventBridge("eventbridge-metric-alarm.json"));

        assertThat(c.path()).isEqualTo(Path.EVENTBRIDGE);
        assertThat(c.deliveryId()).isEqualTo("7f3b2c1e-0a9d-4e6b-9c21-5d8e4f1a2b3c");
        assertThat(c.alarmArn()).isEqualTo(ORDERS_5XX);
        assertThat(c.alarmName()).isEqualTo("orders-api-5xx-high");
        assertThat(c.accountId()).isEqualTo("111122223333");
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.kind()).isEqualTo(Kind.METRIC);
        assertThat(c.state().value()).isEqualTo(Value.ALARM);
        assertThat(c.state().timestamp()).isEqualTo(ORDERS_5XX_ALARM_AT);
        assertThat(c.state().reason()).startsWith("Threshold Crossed: 2 out of the last 3 datapoints");
        assertThat(Json.parse(c.state().reasonData()).get("threshold").asDouble()).isEqualTo(25.0);
        assertThat(c.previous()).isEqualTo(new State(Value.OK,
                "Threshold Crossed: no datapoints were greater than the threshold (25.0).", null,
                Instant.parse("2025-06-17T22:03:11.004Z")));
        assertThat(c.description()).isEqualTo("5xx responses on the orders API load balancer");
        assertThat(c.metrics()).containsExactly(ORDERS_5XX_METRIC);
        assertThat(c.tagsKnown()).isTrue();
        assertThat(c.tags()).isEqualTo(ORDERS_TAGS);
        assertThat(c.suppressed()).isFalse();
        assertThat(c.alarmRule()).isNull();
        assertThat(c.triggering()).isEmpty();
        assertThat(c.suppressor()).isNull();
        assertThat(notes(eventBridge("eventbridge-metric-alarm.json"))).isEmpty();
    }

    @Test
    void eventBridgeAlarmToOkIsTheSameAlarmReturning() {
        AlarmChange c = change(eventBridge("eventbridge-alarm-to-ok.json"));

        assertThat(c.alarmArn()).isEqualTo(ORDERS_5XX);
        assertThat(c.state().value()).isEqualTo(Value.OK);
        assertThat(c.state().timestamp()).isEqualTo(Instant.parse("2025-06-18T09:58:07.412Z"));
        assertThat(c.previous().value()).isEqualTo(Value.ALARM);
        assertThat(c.previous().timestamp()).isEqualTo(ORDERS_5XX_ALARM_AT);
        assertThat(c.previous().reasonData()).contains("\"recentDatapoints\":[12.0,37.0,41.0]");
        assertThat(c.tags()).isEqualTo(ORDERS_TAGS);
    }

    @Test
    void eventBridgeMetricMathKeepsExpressionLabelAndReturnData() {
        AlarmChange c = change(eventBridge("eventbridge-metric-math.json"));

        assertThat(c.kind()).isEqualTo(Kind.METRIC_MATH);
        assertThat(c.metrics()).containsExactly(
                new Metric("rate", null, null, Map.of(), null, null, null, "100*e/i", "Error rate %", true),
                new Metric("e", "AWS/Lambda", "Errors", Map.of("FunctionName", "checkout"), "Sum", 60, null, null, null,
                        false),
                new Metric("i", "AWS/Lambda", "Invocations", Map.of("FunctionName", "checkout"), "Sum", 60, null, null,
                        null, false));
        assertThat(c.tagsKnown()).isFalse();
        assertThat(c.state().timestamp()).isEqualTo(Instant.parse("2025-06-18T10:06:12.447Z"));
    }

    @Test
    void eventBridgeAnomalyBand() {
        AlarmChange c = change(eventBridge("eventbridge-anomaly-band.json"));

        assertThat(c.kind()).isEqualTo(Kind.ANOMALY_BAND);
        assertThat(c.metrics()).extracting(Metric::id, Metric::expression, Metric::label, Metric::returnData)
                .containsExactly(tuple("m1", null, null, true),
                        tuple("ad1", "ANOMALY_DETECTION_BAND(m1, 2)",
                                "TargetResponseTime (expected)", true));
        assertThat(Json.parse(c.state().reasonData()).get("recentUpperThresholds").get(0).asDouble()).isEqualTo(0.61);
    }

    @Test
    void eventBridgeCompositeSuppressedByWaitPeriod() {
        AlarmChange c = change(eventBridge("eventbridge-composite-suppressed.json"));

        assertThat(c.kind()).isEqualTo(Kind.COMPOSITE);
        assertThat(c.alarmRule()).isEqualTo("ALARM(\"orders-api-5xx-high\") OR ALARM(\"orders-api-latency-anomaly\")");
        assertThat(c.suppressed()).isTrue();
        assertThat(c.suppressedBy()).isEqualTo("WaitPeriod");
        assertThat(c.suppressedReason()).isEqualTo("Actions suppressed by WaitPeriod");
        assertThat(c.suppressor()).isEqualTo(new Suppressor(
                "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-maintenance-window", 120, 180));
        assertThat(c.triggering()).containsExactly(new Child(ORDERS_5XX, Value.ALARM, ORDERS_5XX_ALARM_AT));
        assertThat(c.metrics()).isEmpty();
        assertThat(c.description()).isEqualTo("Orders service: errors or latency out of band");
        assertThat(c.tags()).containsEntry("severity", "critical");
    }

    @Test
    void eventBridgeInsufficientToOkAtCreation() {
        AlarmChange c = change(eventBridge("eventbridge-insufficient-to-ok-at-creation.json"));

        assertThat(c.previous().value()).isEqualTo(Value.INSUFFICIENT_DATA);
        assertThat(c.previous().reason()).isEqualTo("Unchecked: Initial alarm creation");
        assertThat(c.state().value()).isEqualTo(Value.OK);
        assertThat(c.metrics().getFirst().dimensions()).containsOnlyKeys("LoadBalancer", "TargetGroup");
        assertThat(c.tagsKnown()).as("SUCCESS with an empty object: known, none").isTrue();
        assertThat(c.tags()).isEmpty();
    }

    @Test
    void eventBridgeAlarmToInsufficientWithExtendedStatistic() {
        AlarmChange c = change(eventBridge("eventbridge-alarm-to-insufficient.json"));

        assertThat(c.state().value()).isEqualTo(Value.INSUFFICIENT_DATA);
        assertThat(c.previous().value()).isEqualTo(Value.ALARM);
        assertThat(c.metrics()).singleElement().satisfies(m -> {
            assertThat(m.stat()).isEqualTo("p99");
            assertThat(m.unit()).isEqualTo("Seconds");
        });
        assertThat(c.description()).isNull();
        assertThat(c.tagsKnown()).isFalse();
    }

    @Test
    void eventBridgeConfigurationChangeIsIgnored() {
        assertThat(eventBridge("eventbridge-configuration-change.json"))
                .isEqualTo(new Parsed.Ignored("CloudWatch Alarm Configuration Change"));
    }

    @Test
    void eventBridgeCrossAccountAlarmTakesAccountAndRegionFromItsArn() {
        Parsed parsed = eventBridge("eventbridge-cross-account.json");
        AlarmChange c = change(parsed);

        assertThat(c.accountId()).isEqualTo("444455556666");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.alarmName()).isEqualTo("inventory-queue-depth-high");
        assertThat(notes(parsed)).isEmpty();
    }

    @Test
    void snsMetricAlarmInUsEast() {
        Parsed parsed = sns("sns-metric-alarm.json");
        AlarmChange c = change(parsed);

        assertThat(c.path()).isEqualTo(Path.SNS);
        assertThat(c.deliveryId()).isEqualTo("95df01b4-ee98-5cb9-9903-4c221d41eb5e");
        assertThat(c.region()).isEqualTo("us-east-1");
        assertThat(c.kind()).isEqualTo(Kind.METRIC);
        assertThat(c.state()).isEqualTo(new State(Value.ALARM, "Threshold Crossed: 1 out of the last 1 datapoints "
                + "[91.3 (18/06/25 16:20:00)] was greater than the threshold (80.0) (minimum 1 datapoint for OK -> "
                + "ALARM transition).", null, Instant.parse("2025-06-18T16:21:33.675Z")));
        assertThat(c.previous()).isEqualTo(new State(Value.INSUFFICIENT_DATA, null, null, null));
        assertThat(c.description()).as("AlarmDescription null").isNull();
        assertThat(c.metrics()).containsExactly(new Metric(null, "AWS/ECS", "CPUUtilization",
                Map.of("ClusterName", "payments", "ServiceName", "payments-api"), "Average", 300, null, null, null,
                true));
        assertThat(c.tagsKnown()).isFalse();
        assertThat(notes(parsed)).isEmpty();
    }

    @Test
    void snsMetricMathHasNoMetricNameButKeepsItsExpressions() {
        AlarmChange c = change(sns("sns-metric-math.json"));

        assertThat(c.kind()).isEqualTo(Kind.METRIC_MATH);
        assertThat(c.region()).isEqualTo("eu-west-1");
        assertThat(c.metrics()).as("the same entries EventBridge gives for this alarm")
                .isEqualTo(change(eventBridge("eventbridge-metric-math.json")).metrics());
    }

    @Test
    void snsAnomalyBand() {
        AlarmChange c = change(sns("sns-anomaly-band.json"));

        assertThat(c.kind()).isEqualTo(Kind.ANOMALY_BAND);
        assertThat(c.metrics()).extracting(Metric::id).containsExactly("m1", "ad1");
        assertThat(c.metrics().get(1).expression()).isEqualTo("ANOMALY_DETECTION_BAND(m1, 2)");
        assertThat(c.metrics().getFirst().dimensions()).containsEntry("LoadBalancer", "app/orders-dev/50dc6c495c0c9188");
    }

    @Test
    void snsCompositeWithEmptyTriggeringChildren() {
        AlarmChange c = change(sns("sns-composite.json"));

        assertThat(c.kind()).isEqualTo(Kind.COMPOSITE);
        assertThat(c.alarmRule()).contains("ALARM(\"orders-api-5xx-high\")");
        assertThat(c.triggering()).isEmpty();
        assertThat(c.suppressed()).isFalse();
        assertThat(c.suppressor()).isNull();
        assertThat(c.metrics()).isEmpty();
    }

    @Test
    void snsLegacyRegionNameAgreesWithTheArn() {
        Parsed parsed = sns("sns-legacy-region.json");

        assertThat(change(parsed).region()).isEqualTo("eu-west-1");
        assertThat(change(parsed).metrics().getFirst().stat()).isEqualTo("Maximum");
        assertThat(change(parsed).metrics().getFirst().unit()).isEqualTo("Percent");
        assertThat(notes(parsed)).as("'EU - Ireland' is eu-west-1").isEmpty();
    }

    /** The dedup key (ARN, new state, state timestamp) is equal across paths; only the delivery differs. */
    @Test
    void snsSameTransitionAsEventBridge() {
        AlarmChange viaSns = change(sns("sns-same-transition-as-eventbridge.json"));
        AlarmChange viaEvents = change(eventBridge("eventbridge-metric-alarm.json"));
        AlarmChange viaAction = change(alarmAction("alarm-action-metric.json"));

        for (AlarmChange other : List.of(viaSns, viaAction)) {
            assertThat(other.alarmArn()).isEqualTo(viaEvents.alarmArn());
            assertThat(other.state().value()).isEqualTo(viaEvents.state().value());
            assertThat(other.state().timestamp()).isEqualTo(viaEvents.state().timestamp());
            assertThat(other.tags()).isEqualTo(viaEvents.tags());
        }
        assertThat(viaSns.deliveryId()).isNotEqualTo(viaEvents.deliveryId());
        assertThat(viaSns.metrics()).singleElement().satisfies(m -> {
            assertThat(m.id()).as("SNS gives a single metric no id").isNull();
            assertThat(m.stat()).as("SUM spelled as the API does").isEqualTo("Sum");
            assertThat(m.name()).isEqualTo(ORDERS_5XX_METRIC.name());
            assertThat(m.dimensions()).isEqualTo(ORDERS_5XX_METRIC.dimensions());
        });
    }

    @Test
    void alarmActionMetric() {
        AlarmChange c = change(alarmAction("alarm-action-metric.json"));

        assertThat(c.path()).isEqualTo(Path.ALARM_ACTION);
        assertThat(c.deliveryId()).isNull();
        assertThat(c.state().reasonData()).contains("\"threshold\":25.0");
        assertThat(c.metrics()).containsExactly(ORDERS_5XX_METRIC);
        assertThat(c.tags()).isEqualTo(ORDERS_TAGS);
    }

    @Test
    void alarmActionMetricMath() {
        AlarmChange c = change(alarmAction("alarm-action-metric-math.json"));

        assertThat(c.kind()).isEqualTo(Kind.METRIC_MATH);
        assertThat(c.metrics().getFirst().expression()).isEqualTo("100*e/i");
        assertThat(c.metrics().getFirst().label()).isEqualTo("Error rate %");
    }

    @Test
    void alarmActionCompositeSuppressedByExtensionPeriod() {
        AlarmChange c = change(alarmAction("alarm-action-composite.json"));

        assertThat(c.kind()).isEqualTo(Kind.COMPOSITE);
        assertThat(c.suppressedBy()).isEqualTo("ExtensionPeriod");
        assertThat(c.suppressedReason()).isEqualTo("Actions suppressed by ExtensionPeriod");
        assertThat(c.previous().value()).isEqualTo(Value.ALARM);
        assertThat(c.triggering()).containsExactly(new Child(ORDERS_5XX, Value.ALARM, ORDERS_5XX_ALARM_AT));
        assertThat(c.suppressor().extensionPeriod()).isEqualTo(180);
    }

    /** Each file in the folder is one of the three paths and parses to what its name says; none throws. */
    @Test
    void everyFileInTheFolderIsRecognised() throws IOException {
        List<String> files;
        try (Stream<java.nio.file.Path> listing = Files.list(CloudWatchEvents.DIR)) {
            files = listing.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(20);
        for (String file : files) {
            Parsed parsed;
            if (file.startsWith("eventbridge-")) {
                ScheduledEvent e = EventLoader.loadScheduledEvent(CloudWatchEvents.file(file).toString());
                assertThat(e.getSource()).as(file).isEqualTo("aws.cloudwatch");
                assertThat(e.getResources()).as(file).hasSize(1);
                parsed = eventBridge(file);
            } else if (file.startsWith("alarm-action-")) {
                parsed = alarmAction(file);
            } else {
                parsed = sns(file);
            }
            Class<?> expected = switch (file) {
                case "unknown-shape.json", "truncated.json" -> Parsed.Unparsed.class;
                case "eventbridge-configuration-change.json" -> Parsed.Ignored.class;
                default -> Parsed.Change.class;
            };
            assertThat(parsed).as(file).isInstanceOf(expected);
        }
    }

    @Test
    void unknownShapeIsUnparsed() {
        assertThat(CloudWatchEvents.unparsed(sns("unknown-shape.json")))
                .isEqualTo("the SNS Message is not a CloudWatch alarm notification (no AlarmArn)");
    }

    @Test
    void truncatedMessageIsUnparsedWithoutQuotingIt() {
        String reason = CloudWatchEvents.unparsed(sns("truncated.json"));

        assertThat(reason).startsWith("the SNS Message is malformed JSON: it ends early");
        assertThat(reason).doesNotContain("orders-api", "HTTPCode", "Trigger");
    }
}

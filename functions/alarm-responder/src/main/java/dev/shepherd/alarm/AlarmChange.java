package dev.shepherd.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alarm state change, whichever way it arrived (EventBridge, SNS, the direct Lambda alarm action), with
 * nothing the payload carried lost: metric-math expressions, anomaly bands, composite rules and their triggering
 * children, suppression, tags.
 *
 * @param path          how it arrived
 * @param deliveryId    the delivery's own id (EventBridge {@code id}, SNS {@code MessageId}); null for the alarm
 *                      action, which has none. Not the dedup key: the same transition has a different id per path.
 * @param accountId     the alarm's account, from its ARN
 * @param region        the alarm's region code, from its ARN (never the SNS display name)
 * @param tags          the alarm's tags as the payload carried them; null when the payload did not say
 *                      ({@code alarmTagsStatus} missing or not SUCCESS), so they must be looked up
 * @param suppressedBy  composite alarms: WaitPeriod, ExtensionPeriod or Alarm when actions are suppressed; else null
 * @param metrics       the alarm's metrics and expressions in payload order (empty for composite alarms)
 * @param alarmRule     composite alarms only, else null
 * @param triggering    composite alarms: the children that triggered this change (may be empty)
 * @param suppressor    composite alarms: the configured actions suppressor; null when none is configured
 */
public record AlarmChange(
        Path path,
        String deliveryId,
        String accountId,
        String region,
        String alarmArn,
        String alarmName,
        Kind kind,
        State state,
        State previous,
        String description,
        Map<String, String> tags,
        String suppressedBy,
        String suppressedReason,
        List<Metric> metrics,
        String alarmRule,
        List<Child> triggering,
        Suppressor suppressor) {

    public enum Path { EVENTBRIDGE, SNS, ALARM_ACTION }

    public enum Kind { METRIC, METRIC_MATH, ANOMALY_BAND, COMPOSITE }

    /** OK, ALARM or INSUFFICIENT_DATA, as CloudWatch spells them. */
    public enum Value { OK, ALARM, INSUFFICIENT_DATA }

    /**
     * @param reasonData the JSON string CloudWatch sends, unparsed; null when absent
     * @param timestamp  when the alarm entered this state; the ordering and dedup key, normalised to an instant
     */
    public record State(Value value, String reason, String reasonData, Instant timestamp) {
        public State {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * One entry of the alarm's metrics: a metric ({@code namespace}, {@code name}, {@code dimensions}, {@code stat},
     * {@code period}) or an expression ({@code expression}, {@code label}); {@code returnData} marks what the alarm
     * evaluates. A single-metric SNS alarm becomes one metric entry with {@code id} null.
     */
    public record Metric(String id, String namespace, String name, Map<String, String> dimensions, String stat,
            Integer period, String unit, String expression, String label, Boolean returnData) {
    }

    /** A composite alarm's triggering child. */
    public record Child(String arn, Value state, Instant timestamp) {
    }

    /**
     * A composite alarm's actions suppressor as configured: the suppressing alarm (ARN or name, as CloudWatch keeps
     * it) and the wait and extension periods in seconds (null when the payload did not carry them).
     */
    public record Suppressor(String alarm, Integer waitPeriod, Integer extensionPeriod) {
    }

    public AlarmChange {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(alarmArn, "alarmArn");
        Objects.requireNonNull(state, "state");
        tags = tags == null ? null : Map.copyOf(tags);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        triggering = triggering == null ? List.of() : List.copyOf(triggering);
    }

    /** Whether the payload told us the tags; otherwise they must be looked up. */
    public boolean tagsKnown() {
        return tags != null;
    }

    /** Composite alarm actions are suppressed: record and notify quietly, never page or stop a release. */
    public boolean suppressed() {
        return suppressedBy != null;
    }
}

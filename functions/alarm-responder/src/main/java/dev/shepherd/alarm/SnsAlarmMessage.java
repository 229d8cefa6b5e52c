package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.alarm.AlarmChange.Kind;
import dev.shepherd.alarm.AlarmChange.Metric;
import dev.shepherd.alarm.AlarmChange.Path;
import dev.shepherd.alarm.AlarmChange.State;
import dev.shepherd.alarm.AlarmChange.Suppressor;
import dev.shepherd.alarm.Fields.Malformed;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PascalCase alarm notification CloudWatch publishes to SNS. It differs from the camelCase shape in more than
 * casing: {@code Region} is a display name, dimensions are a list of lower-case {@code name}/{@code value} pairs, a
 * single-metric alarm's {@code Trigger} has the metric at its top with the statistic in upper case, there is no
 * reasonData and the old state has only its value.
 */
final class SnsAlarmMessage {
    private static final Set<String> BAND_OPERATORS = Set.of("LessThanLowerOrGreaterThanUpperThreshold",
            "LessThanLowerThreshold", "GreaterThanUpperThreshold");
    /** Trigger.Statistic is upper case here; the camelCase shape and the API spell it as below. */
    private static final Map<String, String> STATISTICS = Map.of("SUM", "Sum", "AVERAGE", "Average",
            "MINIMUM", "Minimum", "MAXIMUM", "Maximum", "SAMPLE_COUNT", "SampleCount");

    private SnsAlarmMessage() {
    }

    static AlarmChange parse(String messageId, JsonNode m, List<String> notes) {
        AlarmArn arn = AlarmPayloads.arn(Fields.text(m, "AlarmArn", "AlarmArn"), "AlarmArn");
        AlarmPayloads.checkName(arn, Fields.token(m, "AlarmName", "AlarmName"), "AlarmName", notes);
        String account = Fields.token(m, "AWSAccountId", "AWSAccountId");
        if (account != null && !account.equals(arn.accountId())) {
            notes.add("AWSAccountId differs from the alarm ARN's; the ARN's is used");
        }
        checkRegion(Fields.token(m, "Region", "Region"), arn, notes);

        State state = new State(Fields.stateValue(m, "NewStateValue", "NewStateValue"),
                Fields.prose(m, "NewStateReason", "NewStateReason"), null,
                Fields.requiredInstant(m, "StateChangeTime", "StateChangeTime"));
        State previous = new State(Fields.stateValue(m, "OldStateValue", "OldStateValue"), null, null, null);
        String description = Fields.prose(m, "AlarmDescription", "AlarmDescription");
        Map<String, String> tags = AlarmPayloads.tags(Fields.field(m, "AlarmTags"),
                Fields.token(m, "AlarmTagsStatus", "AlarmTagsStatus"), "AlarmTags", notes);

        String rule = Fields.capped(Fields.text(m, "AlarmRule", "AlarmRule"), AlarmPayloads.MAX_RULE, "AlarmRule");
        if (rule != null) {
            String suppressor = Fields.token(m, "ActionsSuppressor", "ActionsSuppressor");
            return new AlarmChange(Path.SNS, messageId, arn.accountId(), arn.region(), arn.arn(), arn.name(),
                    Kind.COMPOSITE, state, previous, description, tags,
                    AlarmPayloads.suppressedBy(Fields.text(m, "ActionsSuppressedBy", "ActionsSuppressedBy"),
                            "ActionsSuppressedBy", notes),
                    Fields.prose(m, "ActionsSuppressedReason", "ActionsSuppressedReason"), List.of(), rule,
                    AlarmPayloads.children(Fields.field(m, "TriggeringChildren"), "Arn", "State", "Value",
                            "Timestamp", "TriggeringChildren", notes),
                    suppressor == null ? null : new Suppressor(suppressor,
                            Fields.integer(m, "ActionsSuppressorWaitPeriod", "ActionsSuppressorWaitPeriod"),
                            Fields.integer(m, "ActionsSuppressorExtensionPeriod", "ActionsSuppressorExtensionPeriod")));
        }
        JsonNode trigger = Fields.object(m, "Trigger", "Trigger");
        if (trigger == null) {
            throw new Malformed("the message has neither Trigger nor AlarmRule");
        }
        List<Metric> metrics = trigger.has("MetricName") ? List.of(singleMetric(trigger)) : metrics(trigger);
        String operator = Fields.token(trigger, "ComparisonOperator", "Trigger.ComparisonOperator");
        boolean band = Fields.token(trigger, "ThresholdMetricId", "Trigger.ThresholdMetricId") != null
                || operator != null && BAND_OPERATORS.contains(operator);
        return new AlarmChange(Path.SNS, messageId, arn.accountId(), arn.region(), arn.arn(), arn.name(),
                AlarmPayloads.kind(metrics, band, "Trigger"), state, previous, description, tags, null, null, metrics,
                null, List.of(), null);
    }

    /** The display name is only checked against the ARN, whose region is always the one used. */
    private static void checkRegion(String displayName, AlarmArn arn, List<String> notes) {
        if (displayName == null) {
            return;
        }
        String code = RegionNames.codeOf(displayName);
        if (code == null) {
            notes.add("Region is not a display name Shepherd knows; the alarm ARN's region is used");
        } else if (!code.equals(arn.region())) {
            notes.add("Region names " + code + " but the alarm ARN is in another region; the ARN's is used");
        }
    }

    /**
     * A single-metric trigger: {@code Statistic} ("SUM") or, for percentiles, {@code ExtendedStatistic} ("p99"),
     * kept as the stat string. One metric entry with a null id: the message gives none.
     */
    private static Metric singleMetric(JsonNode t) {
        String extended = Fields.token(t, "ExtendedStatistic", "Trigger.ExtendedStatistic");
        String stat = extended != null && !extended.isEmpty() ? extended
                : statistic(Fields.token(t, "Statistic", "Trigger.Statistic"));
        return new Metric(null, Fields.required(t, "Namespace", "Trigger.Namespace"),
                Fields.required(t, "MetricName", "Trigger.MetricName"),
                dimensions(Fields.array(t, "Dimensions", "Trigger.Dimensions", AlarmPayloads.MAX_DIMENSIONS),
                        "Trigger.Dimensions"),
                stat, Fields.integer(t, "Period", "Trigger.Period"), Fields.token(t, "Unit", "Trigger.Unit"),
                null, null, true);
    }

    private static String statistic(String upper) {
        return upper == null ? null : STATISTICS.getOrDefault(upper, upper);
    }

    private static List<Metric> metrics(JsonNode trigger) {
        JsonNode list = Fields.array(trigger, "Metrics", "Trigger.Metrics", AlarmPayloads.MAX_METRICS);
        if (list == null) {
            throw new Malformed("Trigger has neither MetricName nor Metrics");
        }
        List<Metric> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "Trigger.Metrics[" + i + "]";
            JsonNode e = list.get(i);
            if (!e.isObject()) {
                throw new Malformed(at + " is not an object");
            }
            String id = Fields.token(e, "Id", at + ".Id");
            String expression = Fields.token(e, "Expression", at + ".Expression");
            String label = Fields.token(e, "Label", at + ".Label");
            Boolean returnData = Fields.bool(e, "ReturnData", at + ".ReturnData");
            JsonNode stat = Fields.object(e, "MetricStat", at + ".MetricStat");
            if (stat == null) {
                if (expression == null) {
                    throw new Malformed(at + " has neither MetricStat nor Expression");
                }
                out.add(new Metric(id, null, null, Map.of(), null, null, null, expression, label, returnData));
                continue;
            }
            String sp = at + ".MetricStat";
            JsonNode metric = Fields.requiredObject(stat, "Metric", sp + ".Metric");
            out.add(new Metric(id, Fields.required(metric, "Namespace", sp + ".Metric.Namespace"),
                    Fields.required(metric, "MetricName", sp + ".Metric.MetricName"),
                    dimensions(Fields.array(metric, "Dimensions", sp + ".Metric.Dimensions",
                            AlarmPayloads.MAX_DIMENSIONS), sp + ".Metric.Dimensions"),
                    Fields.token(stat, "Stat", sp + ".Stat"), Fields.integer(stat, "Period", sp + ".Period"),
                    Fields.token(stat, "Unit", sp + ".Unit"), expression, label, returnData));
        }
        return out;
    }

    /** {@code [{"value":"checkout","name":"FunctionName"}]}, lower-case keys. */
    private static Map<String, String> dimensions(JsonNode list, String path) {
        if (list == null) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            if (!list.get(i).isObject()) {
                throw new Malformed(at + " is not an object");
            }
            out.put(Fields.required(list.get(i), "name", at + ".name"),
                    Fields.required(list.get(i), "value", at + ".value"));
        }
        return Collections.unmodifiableMap(out);
    }
}

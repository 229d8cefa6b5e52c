package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.alarm.AlarmChange.Child;
import dev.shepherd.alarm.AlarmChange.Kind;
import dev.shepherd.alarm.AlarmChange.Metric;
import dev.shepherd.alarm.AlarmChange.Path;
import dev.shepherd.alarm.AlarmChange.State;
import dev.shepherd.alarm.AlarmChange.Suppressor;
import dev.shepherd.alarm.Fields.Malformed;
import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The camelCase alarm shape that EventBridge sends as {@code detail} and the Lambda alarm action as
 * {@code alarmData}: {@code alarmName}, {@code state}, {@code previousState}, {@code configuration}, and with tag
 * propagation {@code alarmTags}/{@code alarmTagsStatus}. Read as a tree, not through the AWS event classes, which
 * drop expressions, labels, the current state's reasonData, suppression and tags.
 */
final class AlarmDetail {
    private AlarmDetail() {
    }

    static AlarmChange parse(Path path, String deliveryId, AlarmArn arn, JsonNode detail, List<String> notes) {
        AlarmPayloads.checkName(arn, Fields.token(detail, "alarmName", "alarmName"), "alarmName", notes);
        JsonNode stateNode = Fields.requiredObject(detail, "state", "state");
        State state = state(stateNode, "state", true, notes);
        State previous = state(Fields.requiredObject(detail, "previousState", "previousState"), "previousState",
                false, notes);
        JsonNode config = Fields.requiredObject(detail, "configuration", "configuration");
        String description = Fields.prose(config, "description", "configuration.description");
        Map<String, String> tags = AlarmPayloads.tags(Fields.field(detail, "alarmTags"),
                Fields.token(detail, "alarmTagsStatus", "alarmTagsStatus"), "alarmTags", notes);

        String rule = Fields.capped(Fields.text(config, "alarmRule", "configuration.alarmRule"),
                AlarmPayloads.MAX_RULE, "configuration.alarmRule");
        if (rule != null) {
            String suppressedBy = AlarmPayloads.suppressedBy(
                    Fields.text(stateNode, "actionsSuppressedBy", "state.actionsSuppressedBy"),
                    "state.actionsSuppressedBy", notes);
            String suppressedReason = Fields.prose(stateNode, "actionsSuppressedReason", "state.actionsSuppressedReason");
            return new AlarmChange(path, deliveryId, arn.accountId(), arn.region(), arn.arn(), arn.name(),
                    Kind.COMPOSITE, state, previous, description, tags, suppressedBy, suppressedReason, List.of(),
                    rule, triggering(state.reasonData(), notes), suppressor(config));
        }
        List<Metric> metrics = metrics(Fields.array(config, "metrics", "configuration.metrics",
                AlarmPayloads.MAX_METRICS));
        return new AlarmChange(path, deliveryId, arn.accountId(), arn.region(), arn.arn(), arn.name(),
                AlarmPayloads.kind(metrics, false, "configuration"), state, previous, description, tags, null, null,
                metrics, null, List.of(), null);
    }

    private static State state(JsonNode node, String path, boolean timestampRequired, List<String> notes) {
        return new State(Fields.stateValue(node, "value", path + ".value"),
                Fields.prose(node, "reason", path + ".reason"),
                AlarmPayloads.reasonData(Fields.text(node, "reasonData", path + ".reasonData"), path + ".reasonData",
                        notes),
                timestampRequired ? Fields.requiredInstant(node, "timestamp", path + ".timestamp")
                        : Fields.instant(node, "timestamp", path + ".timestamp"));
    }

    /** The children are inside the reasonData string: {@code {"triggeringAlarms":[{"arn":..,"state":{..}}]}}. */
    private static List<Child> triggering(String reasonData, List<String> notes) {
        if (reasonData == null) {
            return List.of();
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(reasonData);
        } catch (IllegalArgumentException e) {
            notes.add("state.reasonData is " + e.getMessage() + "; triggering children unknown");
            return List.of();
        }
        return AlarmPayloads.children(parsed.isObject() ? Fields.field(parsed, "triggeringAlarms") : parsed,
                "arn", "state", "value", "timestamp", "state.reasonData.triggeringAlarms", notes);
    }

    private static Suppressor suppressor(JsonNode config) {
        String alarm = Fields.token(config, "actionsSuppressor", "configuration.actionsSuppressor");
        if (alarm == null) {
            return null;
        }
        return new Suppressor(alarm,
                Fields.integer(config, "actionsSuppressorWaitPeriod", "configuration.actionsSuppressorWaitPeriod"),
                Fields.integer(config, "actionsSuppressorExtensionPeriod",
                        "configuration.actionsSuppressorExtensionPeriod"));
    }

    private static List<Metric> metrics(JsonNode list) {
        if (list == null) {
            return List.of();
        }
        List<Metric> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = "configuration.metrics[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.isObject()) {
                throw new Malformed(at + " is not an object");
            }
            String id = Fields.token(entry, "id", at + ".id");
            String expression = Fields.token(entry, "expression", at + ".expression");
            String label = Fields.token(entry, "label", at + ".label");
            Boolean returnData = Fields.bool(entry, "returnData", at + ".returnData");
            JsonNode stat = Fields.object(entry, "metricStat", at + ".metricStat");
            if (stat == null) {
                if (expression == null) {
                    throw new Malformed(at + " has neither metricStat nor expression");
                }
                out.add(new Metric(id, null, null, Map.of(), null, null, null, expression, label, returnData));
                continue;
            }
            String sp = at + ".metricStat";
            JsonNode metric = Fields.requiredObject(stat, "metric", sp + ".metric");
            out.add(new Metric(id,
                    Fields.required(metric, "namespace", sp + ".metric.namespace"),
                    Fields.required(metric, "name", sp + ".metric.name"),
                    dimensions(Fields.object(metric, "dimensions", sp + ".metric.dimensions"), sp + ".metric.dimensions"),
                    Fields.token(stat, "stat", sp + ".stat"),
                    Fields.integer(stat, "period", sp + ".period"),
                    Fields.token(stat, "unit", sp + ".unit"),
                    expression, label, returnData));
        }
        return out;
    }

    /** Here dimensions are a map ({@code {"LoadBalancer":"app/..."}}), unlike SNS's list of name/value pairs. */
    private static Map<String, String> dimensions(JsonNode node, String path) {
        if (node == null) {
            return Map.of();
        }
        if (node.size() > AlarmPayloads.MAX_DIMENSIONS) {
            throw new Malformed(path + " has more than " + AlarmPayloads.MAX_DIMENSIONS + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : node.properties()) {
            Fields.capped(e.getKey(), Fields.MAX_TOKEN, path);
            out.put(e.getKey(), Fields.required(node, e.getKey(), path + " value"));
        }
        return Collections.unmodifiableMap(out);
    }
}

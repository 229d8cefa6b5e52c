package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.alarm.AlarmChange.Child;
import dev.shepherd.alarm.AlarmChange.Kind;
import dev.shepherd.alarm.AlarmChange.Metric;
import dev.shepherd.alarm.AlarmChange.Path;
import dev.shepherd.alarm.Fields.Malformed;
import dev.shepherd.core.Json;
import dev.shepherd.core.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Maps the three ways an alarm state change arrives into one {@link AlarmChange}, from the parts the envelope
 * decoder has already split out. Whoever can publish to a subscribed topic writes these payloads, so nothing here
 * throws on them: an unknown or broken shape is {@link Parsed.Unparsed}. Account and region always come from the
 * alarm ARN.
 */
public final class AlarmPayloads {
    static final String STATE_CHANGE = "CloudWatch Alarm State Change";
    private static final Set<String> NOT_STATE_CHANGES =
            Set.of("CloudWatch Alarm Configuration Change", "CloudWatch Alarm Contributor State Change");
    private static final Set<String> SUPPRESSED_BY = Set.of("WaitPeriod", "ExtensionPeriod", "Alarm");
    private static final int MAX_DELIVERY_ID = 256;
    /** CloudWatch allows 4000 characters of reasonData; a composite's list of children can be longer. */
    static final int MAX_REASON_DATA = 32_768;
    /** CloudWatch allows 10240 characters of composite alarm rule. */
    static final int MAX_RULE = 16_384;
    static final int MAX_METRICS = 100;
    static final int MAX_DIMENSIONS = 50;
    static final int MAX_CHILDREN = 1000;
    /** CloudWatch's own limits on tags; beyond them the payload is not believed and the tags are looked up. */
    private static final int MAX_TAGS = 50;
    private static final int MAX_TAG_KEY = 128;
    private static final int MAX_TAG_VALUE = 256;

    private AlarmPayloads() {
    }

    /** An EventBridge event from {@code aws.cloudwatch}: its envelope fields and {@code detail}. */
    public static Parsed fromEventBridge(String id, String detailType, String account, String region,
            List<String> resources, JsonNode detail) {
        if (detailType != null && NOT_STATE_CHANGES.contains(detailType)) {
            return new Parsed.Ignored(detailType);
        }
        if (!STATE_CHANGE.equals(detailType)) {
            return new Parsed.Unparsed("detail-type is not a CloudWatch alarm event type");
        }
        try {
            if (resources == null || resources.isEmpty()) {
                return new Parsed.Unparsed("resources is empty; the alarm ARN is its first entry");
            }
            AlarmArn arn = arn(resources.getFirst(), "resources[0]");
            List<String> notes = new ArrayList<>();
            agree("account", account, arn.accountId(), notes);
            agree("region", region, arn.region(), notes);
            if (detail == null || !detail.isObject()) {
                return new Parsed.Unparsed("detail is not an object");
            }
            return new Parsed.Change(AlarmDetail.parse(Path.EVENTBRIDGE, deliveryId(id, "id"), arn, detail, notes),
                    notes);
        } catch (Malformed e) {
            return new Parsed.Unparsed(e.getMessage());
        }
    }

    /**
     * An SNS notification's {@code Message} string, parsed strictly. The {@code Subject} is never read: SNS cuts it
     * at 100 characters and it carries nothing the message lacks.
     */
    public static Parsed fromSnsMessage(String messageId, String message) {
        if (message == null || message.isBlank()) {
            return new Parsed.Unparsed("the SNS Message is empty");
        }
        JsonNode root;
        try {
            root = Json.parse(message);
        } catch (IllegalArgumentException e) {
            return new Parsed.Unparsed("the SNS Message is " + e.getMessage());
        }
        if (!root.isObject() || !root.has("AlarmArn")) {
            return new Parsed.Unparsed("the SNS Message is not a CloudWatch alarm notification (no AlarmArn)");
        }
        try {
            List<String> notes = new ArrayList<>();
            return new Parsed.Change(SnsAlarmMessage.parse(deliveryId(messageId, "MessageId"), root, notes), notes);
        } catch (Malformed e) {
            return new Parsed.Unparsed(e.getMessage());
        }
    }

    /**
     * The direct Lambda alarm action's payload. {@code time} is when CloudWatch invoked; the change's own key is the
     * state timestamp inside {@code alarmData}, so {@code time} is only checked.
     */
    public static Parsed fromAlarmAction(String alarmArn, String accountId, String region, String time,
            JsonNode alarmData) {
        try {
            AlarmArn arn = arn(alarmArn, "alarmArn");
            List<String> notes = new ArrayList<>();
            agree("accountId", accountId, arn.accountId(), notes);
            agree("region", region, arn.region(), notes);
            if (time != null && !isTimestamp(time)) {
                notes.add("time is not a timestamp");
            }
            if (alarmData == null || !alarmData.isObject()) {
                return new Parsed.Unparsed("alarmData is not an object");
            }
            return new Parsed.Change(AlarmDetail.parse(Path.ALARM_ACTION, null, arn, alarmData, notes), notes);
        } catch (Malformed e) {
            return new Parsed.Unparsed(e.getMessage());
        }
    }

    // What the three paths share.

    private static boolean isTimestamp(String text) {
        try {
            Timestamps.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static AlarmArn arn(String text, String path) {
        if (text == null) {
            throw new Malformed(path + " is missing");
        }
        AlarmArn arn = AlarmArn.parse(text);
        if (arn == null) {
            throw new Malformed(path + " is not a CloudWatch alarm ARN");
        }
        return arn;
    }

    private static String deliveryId(String id, String path) {
        return Fields.capped(id, MAX_DELIVERY_ID, path);
    }

    /** The envelope's copy disagrees with the ARN: the ARN wins, the caller hears of it. */
    private static void agree(String field, String given, String fromArn, List<String> notes) {
        if (given != null && !given.equals(fromArn)) {
            notes.add(field + " differs from the alarm ARN's; the ARN's is used");
        }
    }

    static void checkName(AlarmArn arn, String payloadName, String path, List<String> notes) {
        if (payloadName != null && !payloadName.equals(arn.name())) {
            notes.add(path + " differs from the name in the alarm ARN; the ARN's is used");
        }
    }

    /**
     * Kind from the metrics: a band expression makes an anomaly alarm, any other expression metric math; SNS also
     * says so with {@code ThresholdMetricId} or a band comparison operator ({@code anomalyHint}).
     */
    static Kind kind(List<Metric> metrics, boolean anomalyHint, String path) {
        if (metrics.isEmpty()) {
            throw new Malformed(path + " has no metrics and there is no alarm rule");
        }
        boolean band = anomalyHint || metrics.stream().anyMatch(m -> m.expression() != null
                && m.expression().toUpperCase(Locale.ROOT).contains("ANOMALY_DETECTION_BAND"));
        if (band) {
            return Kind.ANOMALY_BAND;
        }
        return metrics.stream().anyMatch(m -> m.expression() != null) ? Kind.METRIC_MATH : Kind.METRIC;
    }

    /**
     * Tags are known only when the status says SUCCESS and the object is there (it may be empty). Anything else,
     * or tags beyond CloudWatch's limits, is unknown (null): the caller looks them up, which is never wrong.
     */
    static Map<String, String> tags(JsonNode tags, String status, String path, List<String> notes) {
        if (!"SUCCESS".equals(status)) {
            return null;
        }
        if (tags == null || !tags.isObject()) {
            notes.add(path + " is missing or not an object although its status is SUCCESS; tags unknown");
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            notes.add(path + " has more than " + MAX_TAGS + " tags; tags unknown");
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var e : tags.properties()) {
            JsonNode v = e.getValue();
            if (e.getKey().isEmpty() || e.getKey().length() > MAX_TAG_KEY || !v.isTextual()
                    || v.textValue().length() > MAX_TAG_VALUE) {
                notes.add(path + " has a key or value CloudWatch would not allow; tags unknown");
                return null;
            }
            out.put(e.getKey(), v.textValue());
        }
        return out;
    }

    static String suppressedBy(String value, String path, List<String> notes) {
        if (value != null && !SUPPRESSED_BY.contains(value)) {
            Fields.capped(value, 64, path);
            notes.add(path + " is not WaitPeriod, ExtensionPeriod or Alarm; treated as suppressed");
        }
        return value;
    }

    /** reasonData is kept as the string CloudWatch sent; an absurd one is dropped rather than refused. */
    static String reasonData(String value, String path, List<String> notes) {
        if (value != null && value.length() > MAX_REASON_DATA) {
            notes.add(path + " is over " + MAX_REASON_DATA + " characters; dropped");
            return null;
        }
        return value;
    }

    /**
     * A composite's triggering children, in either casing. A broken list costs only the list (noted): the change
     * itself is still good.
     */
    static List<Child> children(JsonNode list, String arnField, String stateField, String valueField,
            String timestampField, String path, List<String> notes) {
        try {
            JsonNode entries = Fields.list(list, path, MAX_CHILDREN);
            if (entries == null) {
                return List.of();
            }
            List<Child> out = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                String at = path + "[" + i + "]";
                JsonNode child = entries.get(i);
                if (!child.isObject()) {
                    throw new Malformed(at + " is not an object");
                }
                AlarmArn arn = arn(Fields.text(child, arnField, at + "." + arnField), at + "." + arnField);
                JsonNode state = Fields.requiredObject(child, stateField, at + "." + stateField);
                String sp = at + "." + stateField + ".";
                Instant ts = Fields.instant(state, timestampField, sp + timestampField);
                out.add(new Child(arn.arn(), Fields.stateValue(state, valueField, sp + valueField), ts));
            }
            return out;
        } catch (Malformed e) {
            notes.add(e.getMessage() + "; triggering children unknown");
            return List.of();
        }
    }
}

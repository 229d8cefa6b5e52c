package dev.shepherd.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import dev.shepherd.core.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a raw Lambda event into its envelopes, strictly (core {@link Json}: a duplicate key or trailing content is
 * refused; a field of the wrong type is an error, never coerced). Markers, checked in this order:
 * <ul>
 *   <li>SNS: {@code Records} holds a record with {@code EventSource} "aws:sns"; one envelope per record.
 *   <li>EventBridge: {@code detail-type} is present (its sibling fields are then required).
 *   <li>Alarm action: {@code source} and {@code alarmData} present, no {@code detail-type}.
 *   <li>Any other JSON object is {@link Envelope.Other}.
 * </ul>
 * The allow-list guards against publishers to other subscribed topics. It cannot tell a forged SNS shape naming
 * an allowed topic from a real one: only the function's resource policy (principal sns.amazonaws.com, SourceArn
 * the topic) keeps direct invokers out.
 */
public final class Envelopes {
    private Envelopes() {
    }

    /** @return one envelope, or one per record for an SNS event; never empty */
    public static List<Envelope> decode(byte[] raw, TopicAllowList allowed) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            return List.of(new Envelope.Malformed("the event is not one JSON document: " + Json.problem(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a byte array cannot fail otherwise
        }
        if (root == null || root.isMissingNode()) {
            return List.of(new Envelope.Malformed("the event is empty"));
        }
        if (!root.isObject()) {
            return List.of(new Envelope.Malformed("the event is " + root.getNodeType() + ", expected an object"));
        }
        if (isSns(root)) {
            List<Envelope> records = new ArrayList<>();
            for (int i = 0; i < root.get("Records").size(); i++) {
                records.add(snsRecord(root.get("Records").get(i), "SNS record " + i, allowed));
            }
            return List.copyOf(records);
        }
        if (root.has("detail-type")) {
            return List.of(eventBridge(root));
        }
        if (root.has("source") && root.has("alarmData")) {
            return List.of(alarmAction(root));
        }
        return List.of(new Envelope.Other(root));
    }

    private static boolean isSns(JsonNode root) {
        JsonNode records = root.get("Records");
        if (records == null || !records.isArray()) {
            return false;
        }
        for (JsonNode record : records) {
            if ("aws:sns".equals(record.path("EventSource").textValue())) {
                return true;
            }
        }
        return false;
    }

    private static Envelope snsRecord(JsonNode record, String what, TopicAllowList allowed) {
        if (!record.isObject()) {
            return new Envelope.Malformed(what + " is " + record.getNodeType() + ", expected an object");
        }
        JsonNode topicArn = record.path("Sns").path("TopicArn");
        if (topicArn.isTextual() && !allowed.allows(topicArn.textValue())) {
            // Checked first: nothing else of a record from an untrusted topic is read.
            JsonNode id = record.path("Sns").path("MessageId");
            return new Envelope.Rejected(what + ": topic not on the allow-list",
                    id.isTextual() && !id.textValue().isBlank() ? id.textValue() : null);
        }
        Fields r = new Fields(record, "");
        r.constant("EventSource", "aws:sns");
        r.text("EventVersion");
        String subscriptionArn = r.text("EventSubscriptionArn");
        JsonNode sns = r.object("Sns");
        if (sns == null) {
            return r.malformed(what);
        }
        Fields s = r.nested(sns, "Sns.");
        s.constant("Type", "Notification");
        String messageId = s.text("MessageId");
        String topic = s.text("TopicArn");
        String subject = s.optionalText("Subject");
        String message = s.textMayBeEmpty("Message");
        Instant timestamp = s.instant("Timestamp");
        for (String field : List.of("SignatureVersion", "Signature", "SigningCertUrl", "UnsubscribeUrl")) {
            s.optionalText(field);
        }
        Map<String, String> attributes = attributes(sns.get("MessageAttributes"), s);
        if (r.failed()) {
            return r.malformed(what);
        }
        return new Envelope.SnsNotification(topic, messageId, subject, message, timestamp, attributes,
                subscriptionArn);
    }

    /** {@code {name: {Type, Value}}}; absent or null is none. */
    private static Map<String, String> attributes(JsonNode node, Fields s) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            s.problems.add(s.at + "MessageAttributes is " + node.getNodeType() + ", expected an object");
            return Map.of();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        int[] index = {0};
        node.properties().forEach(e -> {
            // Attribute names are the publisher's: referred to by position.
            String at = s.at + "MessageAttributes[" + index[0]++ + "]";
            if (!e.getValue().isObject()) {
                s.problems.add(at + " is " + e.getValue().getNodeType() + ", expected an object");
                return;
            }
            Fields attribute = s.nested(e.getValue(), at + ".");
            attribute.text("Type");
            String value = attribute.textMayBeEmpty("Value");
            if (value != null) {
                attributes.put(e.getKey(), value);
            }
        });
        return Map.copyOf(attributes);
    }

    private static Envelope eventBridge(JsonNode root) {
        Fields f = new Fields(root, "");
        f.text("version");
        String id = f.text("id");
        String detailType = f.text("detail-type");
        String source = f.text("source");
        String account = f.text("account");
        String region = f.text("region");
        Instant time = f.instant("time");
        List<String> resources = f.texts("resources");
        JsonNode detail = f.detail();
        if (f.failed()) {
            return f.malformed("EventBridge event");
        }
        return new Envelope.EventBridgeEvent(id, detailType, source, account, region, time, resources, detail);
    }

    private static Envelope alarmAction(JsonNode root) {
        Fields f = new Fields(root, "");
        f.constant("source", "aws.cloudwatch");
        String alarmArn = f.text("alarmArn");
        String accountId = f.text("accountId");
        String region = f.text("region");
        String time = f.instant("time") == null ? null : root.get("time").textValue();
        JsonNode alarmData = f.object("alarmData");
        if (f.failed()) {
            return f.malformed("alarm action");
        }
        return new Envelope.AlarmAction(alarmArn, accountId, region, time, alarmData);
    }

    /** Reads the fields of one object, collecting every problem by field name; a value is never quoted. */
    private static final class Fields {
        private final JsonNode node;
        private final String at;
        private final List<String> problems;

        Fields(JsonNode node, String at) {
            this(node, at, new ArrayList<>());
        }

        private Fields(JsonNode node, String at, List<String> problems) {
            this.node = node;
            this.at = at;
            this.problems = problems;
        }

        /** The fields of a nested object, whose problems count as this object's. */
        Fields nested(JsonNode child, String childAt) {
            return new Fields(child, childAt, problems);
        }

        /** A required non-blank string. */
        String text(String field) {
            String value = textMayBeEmpty(field);
            if (value != null && value.isBlank()) {
                problems.add(at + field + " is blank");
                return null;
            }
            return value;
        }

        /** A required string, possibly empty. */
        String textMayBeEmpty(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problems.add("lacks " + at + field);
                return null;
            }
            return typed(field, value);
        }

        /** A string or absent/null. */
        String optionalText(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : typed(field, value);
        }

        private String typed(String field, JsonNode value) {
            if (!value.isTextual()) {
                problems.add(at + field + " is " + value.getNodeType() + ", expected a string");
                return null;
            }
            return value.textValue();
        }

        void constant(String field, String expected) {
            String value = text(field);
            if (value != null && !value.equals(expected)) {
                problems.add(at + field + " is not " + expected);
            }
        }

        Instant instant(String field) {
            String value = text(field);
            if (value == null) {
                return null;
            }
            try {
                return Timestamps.parse(value);
            } catch (IllegalArgumentException e) {
                problems.add(at + field + " is " + e.getMessage());
                return null;
            }
        }

        List<String> texts(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problems.add("lacks " + at + field);
                return null;
            }
            if (!value.isArray()) {
                problems.add(at + field + " is " + value.getNodeType() + ", expected an array of strings");
                return null;
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                if (!value.get(i).isTextual()) {
                    problems.add(at + field + "[" + i + "] is " + value.get(i).getNodeType() + ", expected a string");
                } else {
                    texts.add(value.get(i).textValue());
                }
            }
            return List.copyOf(texts);
        }

        JsonNode object(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                problems.add("lacks " + at + field);
                return null;
            }
            if (!value.isObject()) {
                problems.add(at + field + " is " + value.getNodeType() + ", expected an object");
                return null;
            }
            return value;
        }

        /**
         * An EventBridge {@code detail}: an object, or, in EventBridge Scheduler's default notification (a schedule
         * with no Input), that object written as a JSON string ({@code "detail": "{}"}).
         */
        JsonNode detail() {
            JsonNode value = node.get("detail");
            if (value != null && value.isTextual()) {
                try {
                    JsonNode parsed = Json.MAPPER.readTree(value.asText());
                    if (parsed != null && parsed.isObject()) {
                        return parsed;
                    }
                } catch (IOException e) {
                    // reported below as a string that is not an object
                }
                problems.add(at + "detail is a string that is not a JSON object");
                return null;
            }
            return object("detail");
        }

        boolean failed() {
            return !problems.isEmpty();
        }

        Envelope.Malformed malformed(String what) {
            return new Envelope.Malformed(what + ": " + String.join("; ", problems));
        }
    }
}

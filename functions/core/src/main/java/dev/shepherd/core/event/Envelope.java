package dev.shepherd.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What arrived at a function, told apart by its outer shape only (see {@link Envelopes#decode}); what is inside (an
 * alarm in an SNS Message, an EventBridge detail) is the consumer's to read. Reasons never quote the input.
 */
public sealed interface Envelope {
    /**
     * One SNS record from an allow-listed topic.
     *
     * @param messageId  SNS's id for the message: the correlation key (SNS redelivers with the same id)
     * @param subject    null when the publisher gave none; capped at 100 characters by SNS, so never parse it
     * @param message    as published; may be empty, the consumer decides
     * @param attributes message attribute name to its Value (Binary values stay base64)
     */
    record SnsNotification(String topicArn, String messageId, String subject, String message, Instant timestamp,
            Map<String, String> attributes, String subscriptionArn) implements Envelope {
    }

    /** An EventBridge event (a rule target); {@code detail} is the object the source sent. */
    record EventBridgeEvent(String id, String detailType, String source, String account, String region, Instant time,
            List<String> resources, JsonNode detail) implements Envelope {
    }

    /**
     * CloudWatch's direct Lambda alarm action.
     *
     * @param time as sent ({@code 2023-08-04T12:36:15.490+0000}), checked to parse with {@link
     *             dev.shepherd.core.Timestamps}
     */
    record AlarmAction(String alarmArn, String accountId, String region, String time, JsonNode alarmData)
            implements Envelope {
    }

    /** A well-formed JSON object of no known envelope, e.g. the function's own scheduled event. */
    record Other(JsonNode event) implements Envelope {
    }

    /** Not usable: not one JSON object, or a known envelope with a missing or wrongly typed field. */
    record Malformed(String reason) implements Envelope {
    }

    /**
     * An SNS record whose TopicArn is not on the allow-list (checked before anything else in it): its text must not
     * be trusted.
     *
     * @param messageId null when the record had no string MessageId
     */
    record Rejected(String reason, String messageId) implements Envelope {
    }
}

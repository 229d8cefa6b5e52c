package dev.shepherd.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;

/**
 * The one way in for a message on the budget guard's topic: an AWS Budgets text, a Cost Anomaly Detection JSON
 * (SNS or EventBridge form), or {@link Unrecognized}, which the caller forwards raw and never acts on. Never
 * throws for any text.
 */
public final class BudgetMessages {
    public sealed interface Result permits Budget, Anomaly, Unrecognized {
    }

    public record Budget(BudgetAlert alert) implements Result {
    }

    public record Anomaly(AnomalyAlert alert) implements Result {
    }

    /** @param reason what failed, naming at most the budget name, never other values of the message */
    public record Unrecognized(String reason) implements Result {
    }

    private BudgetMessages() {
    }

    /** @param subject the SNS Subject, may be null (EventBridge or raw input) */
    public static Result classify(String subject, String message) {
        if (message == null || message.isBlank()) {
            return new Unrecognized("empty message");
        }
        if (message.stripLeading().startsWith("{")) {
            try {
                JsonNode root = Json.parse(message);
                return new Anomaly(AnomalyAlertParser.parse(root));
            } catch (IllegalArgumentException e) {
                return new Unrecognized("JSON that is not a cost anomaly: " + e.getMessage());
            }
        }
        return BudgetAlertParser.parse(subject, message);
    }

    /** An EventBridge event's parts (core's {@code Envelope.EventBridgeEvent}) as the anomaly they carry, if any. */
    public static Result event(String source, String detailType, String account, JsonNode detail) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("source", source).put("detail-type", detailType).put("account", account).set("detail", detail);
        try {
            return new Anomaly(AnomalyAlertParser.parse(root));
        } catch (IllegalArgumentException e) {
            return new Unrecognized("an event that is not a cost anomaly: " + e.getMessage());
        }
    }
}

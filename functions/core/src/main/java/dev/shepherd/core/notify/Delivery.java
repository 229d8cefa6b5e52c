package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;

/**
 * What became of one notice on one channel. Never carries a secret: reasons name secret ids, hosts and HTTP
 * statuses, not URLs' paths, routing keys or response bodies that could echo them.
 *
 * @param attempts requests sent (0 when nothing was sent)
 */
public record Delivery(String channel, String type, Outcome outcome, int attempts, String reason) {
    public enum Outcome { DELIVERED, FAILED, SKIPPED }

    public static Delivery delivered(String channel, String type, int attempts, String reason) {
        return new Delivery(channel, type, Outcome.DELIVERED, attempts, reason);
    }

    public static Delivery failed(String channel, String type, int attempts, String reason) {
        return new Delivery(channel, type, Outcome.FAILED, attempts, reason);
    }

    public static Delivery skipped(String channel, String type, String reason) {
        return new Delivery(channel, type, Outcome.SKIPPED, 0, reason);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** The deliveries as a function's answer lists them. */
    public static ArrayNode json(List<Delivery> deliveries) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        deliveries.forEach(d -> list.addObject().put("channel", d.channel()).put("type", d.type())
                .put("outcome", d.outcome().name()).put("attempts", d.attempts()).put("reason", d.reason()));
        return list;
    }
}

package dev.shepherd.core.notify;

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
}

package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * PagerDuty Events API v2 ({@code POST} to the secret's URL, by default https://events.pagerduty.com/v2/enqueue):
 * OPEN, UPDATE and ESCALATE trigger, RESOLVE resolves, both with {@code dedup_key} = the notice's incident key
 * (its SHA-256 in hex when longer than 255 characters) and the secret's routing key, so events of one incident
 * attach to one alert. INFO notices are not paged. Summary at most 1024 characters, body under 512 KB.
 */
public final class PagerDutyChannel extends WebhookChannel {
    static final int SUMMARY = 1024;
    static final int DEDUP_KEY = 255;
    static final int MAX_BYTES = 500 * 1024;
    static final int MAX_DETAILS = 100;

    PagerDutyChannel(String name, SecretSource secret, WebhookPost post, boolean httpsOnly) {
        super(name, secret, post, httpsOnly);
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    boolean pagerDuty() {
        return true;
    }

    @Override
    String skipReason(Notice notice) {
        return notice.phase() == Phase.INFO ? "INFO notices are not paged" : null;
    }

    @Override
    String body(Notice notice, WebhookSecret secret) {
        return body(notice, secret.routingKey());
    }

    static String body(Notice notice, String routingKey) {
        if (notice.phase() == Phase.RESOLVE) {
            return Json.write(JsonNodeFactory.instance.objectNode().put("routing_key", routingKey)
                    .put("event_action", "resolve").put("dedup_key", dedupKey(notice.incidentKey())));
        }
        return Text.within(MAX_BYTES, budget -> trigger(notice, routingKey, budget));
    }

    private static String trigger(Notice notice, String routingKey, int budget) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("routing_key", routingKey)
                .put("event_action", "trigger").put("dedup_key", dedupKey(notice.incidentKey()));
        ObjectNode payload = event.putObject("payload")
                .put("summary", Text.cut(Text.oneLine(notice.heading()), SUMMARY))
                .put("source", notice.source())
                .put("severity", notice.severity().pagerDuty())
                .put("timestamp", notice.timestamp().toString())
                .put("group", notice.environment());
        ObjectNode details = payload.putObject("custom_details");
        if (!notice.summary().isBlank()) {
            details.put("summary", Text.cut(notice.summary(), budget));
        }
        notice.facts().stream().limit(MAX_DETAILS).forEach(fact -> {
            String key = Text.cut(Text.oneLine(fact.name()), 200);
            for (int n = 2; details.has(key); n++) {
                key = Text.cut(Text.oneLine(fact.name()), 200) + " (" + n + ")";
            }
            details.put(key, Text.cut(fact.value(), Math.min(budget, 4000)));
        });
        details.put("phase", notice.phase().name().toLowerCase(Locale.ROOT))
                .put("environment", notice.environment())
                .put("incident", Text.cut(notice.incidentKey(), Math.min(budget, 2048)));
        if (!notice.relatedResources().isEmpty()) {
            ArrayNode resources = details.putArray("resources");
            notice.relatedResources().stream().limit(MAX_DETAILS).forEach(r -> resources.add(Text.cut(r, 2048)));
        }
        if (!notice.links().isEmpty()) {
            ArrayNode links = event.putArray("links");
            notice.links().stream().limit(MAX_DETAILS).forEach(l -> links.addObject().put("href", l.url())
                    .put("text", Text.cut(Text.oneLine(l.text()), 200)));
        }
        event.put("client", "Shepherd " + notice.source());
        return Json.write(event);
    }

    /** The incident key as PagerDuty accepts it: itself up to 255 characters, else its SHA-256 in hex. */
    public static String dedupKey(String incidentKey) {
        if (incidentKey.length() <= DEDUP_KEY) {
            return incidentKey;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(incidentKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

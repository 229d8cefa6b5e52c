package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.util.Locale;

/**
 * A Microsoft Teams Workflows webhook ("Send webhook alerts to a channel"): a message carrying one Adaptive Card
 * 1.4 with the heading, the summary, a FactSet and an Action.OpenUrl per link. The whole body stays under
 * {@link #MAX_BYTES} (Teams refuses messages of about 28 KB and more) by cutting user text with a marker. The flow
 * answers 202 when it accepts the message, even if it fails later.
 */
public final class TeamsChannel extends WebhookChannel {
    static final int MAX_BYTES = 27 * 1024;
    static final int MAX_FACTS = 50;
    static final int MAX_ACTIONS = 10;

    TeamsChannel(String name, SecretSource secret, WebhookPost post, boolean httpsOnly) {
        super(name, secret, post, httpsOnly);
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    String body(Notice notice, WebhookSecret secret) {
        return body(notice);
    }

    static String body(Notice notice) {
        return Text.within(MAX_BYTES, budget -> render(notice, budget));
    }

    private static String render(Notice notice, int budget) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode message = f.objectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject()
                .put("contentType", "application/vnd.microsoft.card.adaptive").putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard").put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", escaped(Text.oneLine(notice.heading()), Math.min(budget, 500)))
                .put("weight", "Bolder").put("size", "Medium").put("wrap", true).put("color", color(notice));
        if (!notice.summary().isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", escaped(notice.summary(), budget)).put("wrap", true);
        }
        if (!notice.facts().isEmpty()) {
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            notice.facts().stream().limit(MAX_FACTS).forEach(fact -> facts.addObject()
                    .put("title", escaped(Text.oneLine(fact.name()), Math.min(budget, 200)))
                    .put("value", escaped(fact.value(), Math.min(budget, 2000))));
        }
        String context = notice.severity().wire() + " · " + notice.phase().name().toLowerCase(Locale.ROOT) + " · "
                + notice.environment() + " · " + notice.source() + " · " + notice.timestamp()
                + (notice.facts().size() > MAX_FACTS ? " · " + (notice.facts().size() - MAX_FACTS)
                        + " more facts not shown" : "");
        body.addObject().put("type", "TextBlock").put("text", escaped(context, 1000)).put("isSubtle", true)
                .put("size", "Small").put("wrap", true);
        if (!notice.links().isEmpty()) {
            ArrayNode actions = card.putArray("actions");
            notice.links().stream().limit(MAX_ACTIONS).forEach(link -> actions.addObject()
                    .put("type", "Action.OpenUrl").put("title", Text.cut(Text.oneLine(link.text()), 100))
                    .put("url", link.url()));
        }
        return Json.write(message);
    }

    private static String escaped(String text, int max) {
        return Text.fit(text, max, Text::teams);
    }

    private static String color(Notice notice) {
        if (notice.phase() == Phase.RESOLVE) {
            return "Good";
        }
        return switch (notice.severity()) {
            case CRITICAL, HIGH -> "Attention";
            case MEDIUM -> "Warning";
            case LOW -> "Default";
        };
    }
}

package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.util.List;

/**
 * A Slack incoming webhook: {@code {"text": fallback, "blocks": [...]}} in Block Kit, within Slack's limits (header
 * 150 characters, section text 3000, 10 fields of 2000 per section, 50 blocks, 25 buttons with 75-character labels
 * and URLs up to 3000). User-written text is escaped for mrkdwn ({@link Text#slack}) and marked verbatim, so it
 * cannot mention, link or format.
 */
public final class SlackChannel extends WebhookChannel {
    static final int HEADER = 150;
    static final int SECTION = 3000;
    static final int FIELD = 2000;
    static final int FIELDS_PER_SECTION = 10;
    static final int BLOCKS = 50;
    static final int BUTTONS = 25;
    static final int BUTTON_TEXT = 75;
    static final int URL = 3000;

    SlackChannel(String name, SecretSource secret, WebhookPost post, boolean httpsOnly) {
        super(name, secret, post, httpsOnly);
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    String body(Notice notice, WebhookSecret secret) {
        return body(notice);
    }

    static String body(Notice notice) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("text", Text.fit("[" + notice.severity().name() + "] " + Text.oneLine(notice.heading()), 300,
                Text::slack));
        ArrayNode blocks = root.putArray("blocks");

        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Text.cut(Text.oneLine(notice.heading()), HEADER));

        if (!notice.summary().isBlank()) {
            blocks.addObject().put("type", "section").set("text", mrkdwn(Text.fit(notice.summary(), SECTION, Text::slack)));
        }

        List<Notice.Link> links = notice.links().stream().filter(l -> l.url().length() <= URL).limit(BUTTONS).toList();
        int reserved = blocks.size() + (links.isEmpty() ? 0 : 1) + 1; // + actions + context
        int factSections = Math.min((notice.facts().size() + FIELDS_PER_SECTION - 1) / FIELDS_PER_SECTION,
                BLOCKS - reserved);
        int shownFacts = Math.min(notice.facts().size(), factSections * FIELDS_PER_SECTION);
        for (int s = 0; s < factSections; s++) {
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            for (int i = s * FIELDS_PER_SECTION; i < Math.min(shownFacts, (s + 1) * FIELDS_PER_SECTION); i++) {
                Notice.Fact fact = notice.facts().get(i);
                String name = "*" + Text.fit(Text.oneLine(fact.name()), 200, Text::slack) + "*\n";
                fields.add(mrkdwn(name + Text.fit(fact.value(), FIELD - name.length(), Text::slack)));
            }
        }

        if (!links.isEmpty()) {
            ArrayNode buttons = blocks.addObject().put("type", "actions").putArray("elements");
            for (Notice.Link link : links) {
                ObjectNode button = buttons.addObject().put("type", "button");
                button.putObject("text").put("type", "plain_text").put("text", Text.cut(Text.oneLine(link.text()),
                        BUTTON_TEXT));
                button.put("url", link.url());
            }
        }

        StringBuilder context = new StringBuilder()
                .append(notice.severity().wire()).append(" · ").append(notice.phase().name().toLowerCase(java.util.Locale.ROOT))
                .append(" · ").append(notice.environment()).append(" · ").append(notice.source())
                .append(" · ").append(notice.timestamp());
        int hiddenFacts = notice.facts().size() - shownFacts;
        int hiddenLinks = notice.links().size() - links.size();
        if (hiddenFacts > 0) {
            context.append(" · ").append(hiddenFacts).append(" more facts not shown");
        }
        if (hiddenLinks > 0) {
            context.append(" · ").append(hiddenLinks).append(" more links not shown");
        }
        blocks.addObject().put("type", "context").putArray("elements")
                .add(mrkdwn(Text.fit(context.toString(), SECTION, Text::slack)));
        return Json.write(root);
    }

    private static ObjectNode mrkdwn(String escaped) {
        return JsonNodeFactory.instance.objectNode().put("type", "mrkdwn").put("text", escaped).put("verbatim", true);
    }
}

package dev.shepherd.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/** What each channel makes of notices that are too big or carry markup: within every limit, escaped, marked. */
class ChannelBodyTest {
    static final String HUGE = "An alarm description & <more> ".repeat(40_000); // 1.2 million characters

    static Notice notice(String title, String summary, int facts, int links) {
        return new Notice("alarm-responder", "dev", Severity.HIGH, Phase.OPEN, title, summary,
                IntStream.range(0, facts).mapToObj(i -> new Notice.Fact("fact " + i, HUGE.substring(0, 5000))).toList(),
                IntStream.range(0, links).mapToObj(i -> new Notice.Link("link " + i, "https://example.com/" + i)).toList(),
                "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:big", List.of(), Instant.parse("2026-11-26T10:00:00Z"));
    }

    static Notice huge() {
        return notice("orders ".repeat(100), HUGE, 600, 30);
    }

    @Test
    void item7_aHugeNoticeFitsSlacksLimits() {
        JsonNode body = Json.parse(SlackChannel.body(huge()));
        JsonNode blocks = body.path("blocks");

        assertThat(blocks.size()).isEqualTo(SlackChannel.BLOCKS);
        String header = blocks.get(0).at("/text/text").asText();
        assertThat(header).hasSizeLessThanOrEqualTo(150).endsWith(Text.MARKER);
        String section = blocks.get(1).at("/text/text").asText();
        assertThat(section).hasSizeLessThanOrEqualTo(3000).endsWith(Text.MARKER).contains("&amp; &lt;more&gt;");
        for (JsonNode block : blocks) {
            JsonNode fields = block.path("fields");
            assertThat(fields.size()).isLessThanOrEqualTo(10);
            fields.forEach(f -> assertThat(f.path("text").asText()).hasSizeLessThanOrEqualTo(2000).endsWith(Text.MARKER));
        }
        assertThat(blocks.get(48).at("/elements").size()).as("buttons").isEqualTo(25);
        assertThat(blocks.get(49).at("/elements/0/text").asText())
                .contains("140 more facts not shown", "5 more links not shown");
    }

    @Test
    void item7_aHugeNoticeFitsTeamsPagerDutyAndSns() {
        String teams = TeamsChannel.body(huge());
        assertThat(Text.utf8Length(teams)).isLessThanOrEqualTo(28 * 1024);
        assertThat(Json.parse(teams).at("/attachments/0/content/body/1/text").asText()).endsWith(Text.MARKER);

        String trigger = PagerDutyChannel.body(huge(), "k".repeat(32));
        JsonNode event = Json.parse(trigger);
        assertThat(Text.utf8Length(trigger)).isLessThanOrEqualTo(512 * 1024);
        assertThat(event.at("/payload/summary").asText()).hasSizeLessThanOrEqualTo(1024);
        assertThat(event.at("/payload/custom_details/summary").asText()).endsWith(Text.MARKER);

        for (SnsChannel.Format format : SnsChannel.Format.values()) {
            PublishRequest request = SnsChannel.request(huge(), "arn:aws:sns:eu-west-1:111122223333:ops", format);
            assertThat(Text.utf8Length(request.message())).isLessThanOrEqualTo(256 * 1024);
            assertThat(request.message()).contains(Text.MARKER);
            assertThat(request.subject()).hasSizeLessThanOrEqualTo(100).doesNotContain("\n");
        }
    }

    @Test
    void item7_userTextCannotMentionLinkOrFormatInSlack() {
        Notice n = notice("deploy <!here> & *now*", "<!channel> ping & *bold* _it_ ~s~ `c` <https://evil.example|click>", 0, 0);

        JsonNode body = Json.parse(SlackChannel.body(n));

        assertThat(body.at("/blocks/1/text/text").asText()).isEqualTo("&lt;!channel&gt; ping &amp; \u200B*bold\u200B*"
                + " \u200B_it\u200B_ \u200B~s\u200B~ \u200B`c\u200B` &lt;https://evil.example|click&gt;");
        assertThat(body.at("/blocks/1/text/verbatim").asBoolean()).isTrue();
        assertThat(body.path("text").asText()).isEqualTo("[HIGH] deploy &lt;!here&gt; &amp; \u200B*now\u200B*");
        // The header is plain_text, which Slack shows as written: no mentions, links or formatting there.
        assertThat(body.at("/blocks/0/text")).isEqualTo(Json.parse("{\"type\": \"plain_text\", \"text\": \"deploy <!here> & *now*\"}"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) body.path("blocks")).remove(0);
        assertThat(body.toString()).doesNotContain("<!channel>", "<!here>", "<https://");
    }

    @Test
    void userTextCannotLinkOrFormatInTeams() {
        Notice n = notice("t", "see [click](https://evil.example) **bold** _it_", 0, 0);

        String text = Json.parse(TeamsChannel.body(n)).at("/attachments/0/content/body/1/text").asText();

        assertThat(text).isEqualTo("see \\[click\\](https://evil.example) \\*\\*bold\\*\\* \\_it\\_");
    }

    @Test
    void theSnsSubjectIsOnePrintableAsciiLine() {
        Notice n = notice("Café ☕ alarm\nsecond\tline", "", 0, 0);

        assertThat(SnsChannel.subject(n)).isEqualTo("[HIGH] dev: Cafe ? alarm second line");
    }

    @Test
    void cutsNeverSplitAnEntityOrASurrogatePair() {
        assertThat(Text.fit("&&&&", 12, Text::slack)).isEqualTo("&amp;&amp;…");
        assertThat(Text.cut("😀😀😀", 4)).isEqualTo("😀…");
        assertThat(Text.cut("short", 150)).isEqualTo("short");
        assertThat(Text.fit("<", 5, Text::slack)).isEqualTo("&lt;");
        assertThat(Text.fit("<<", 1, Text::slack)).isEqualTo("…");
        assertThat(Text.cut("x".repeat(200), 150)).hasSize(150).endsWith(Text.MARKER);
    }

    @Test
    void severitiesMapToPagerDuty() {
        assertThat(List.of(Severity.values())).extracting(Severity::pagerDuty)
                .containsExactly("critical", "error", "warning", "info");
        assertThat(List.of(Severity.values())).extracting(Severity::wire).containsExactly("critical", "high", "medium", "low");
        assertThat(Severity.fromWire(" Critical ")).contains(Severity.CRITICAL);
        assertThat(Severity.fromWire("sev1")).isEmpty();
    }

    @Test
    void aWebhookSecretNeverShowsItsValues() throws Exception {
        WebhookSecret s = WebhookSecret.parse("id", "{\"routingKey\": \"" + "a1".repeat(16)
                + "\", \"url\": \"https://events.eu.pagerduty.com/v2/enqueue?token=q\"}", true, true);

        assertThat(s.toString()).isEqualTo("WebhookSecret[https://events.eu.pagerduty.com, redacted]");
        assertThat(s.url().getHost()).isEqualTo("events.eu.pagerduty.com");
        assertThat(WebhookSecret.parse("id", "{\"routingKey\": \"" + "a1".repeat(16) + "\"}", true, true).url())
                .isEqualTo(WebhookSecret.PAGERDUTY_EVENTS);
    }

    @Test
    void aNoticeRefusesLinksThatAreNotHttp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Notice.Link("x", "javascript:alert(1)"))
                .hasMessage("link 'x' must be an absolute http(s) URL");
    }
}

package dev.shepherd.core.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.http.RawServer;
import dev.shepherd.core.notify.Webhooks.Answer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier end to end: real loopback webhook servers for Slack, Teams and PagerDuty, and Secrets Manager and
 * SNS at the wire level (WireMock behind the real SDK clients), so each test sees exactly what each service receives.
 */
class NotifierTest {
    static final String SLACK_PATH = "/services/T0001/B0001/SlackTokenNeverShown1";
    static final String TEAMS_PATH = "/workflows/7f3a/triggers/manual/paths/invoke";
    static final String TEAMS_SIG = "TeamsSignatureNeverShown2";
    static final String PAGER_PATH = "/v2/enqueue";
    static final String ROUTING_KEY = "R0utingKeyNeverShown0123456789ab";
    static final String ALARM = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx";
    static final String CONSOLE = "https://console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders-5xx";
    static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:ops";
    static final String CHATBOT_TOPIC = "arn:aws:sns:eu-west-1:111122223333:chatbot";
    static final String ROUTES = """
            {"defaultSeverity": "high",
             "channels": {"ops-slack": {"type": "slack", "secret": "shepherd/dev/slack-ops"},
                          "ops-teams": {"type": "teams", "secret": "shepherd/dev/teams-ops"},
                          "pager": {"type": "pagerduty", "secret": "shepherd/dev/pagerduty"},
                          "ops-topic": {"type": "sns", "topicArn": "%s"},
                          "chat-topic": {"type": "sns", "topicArn": "%s", "format": "chatbot"}},
             "severities": {"critical": {"notify": ["pager", "ops-slack"]}, "high": {"notify": ["ops-slack"]}}}"""
            .formatted(TOPIC, CHATBOT_TOPIC);
    static final List<String> WEBHOOKS = List.of("ops-slack", "ops-teams", "pager");

    static WireMockServer aws;
    Webhooks hooks;
    CallJournal journal;
    Notifier notifier;

    @BeforeAll
    static void startAws() {
        aws = AwsWireStub.start();
    }

    @AfterAll
    static void stopAws() {
        AwsWireStub.stop(aws);
    }

    @BeforeEach
    void setUp() throws Exception {
        aws.resetAll();
        hooks = Webhooks.start();
        secret("shepherd/dev/slack-ops", "{\"url\": \"" + hooks.url(SLACK_PATH) + "\"}");
        secret("shepherd/dev/teams-ops", "{\"url\": \"" + hooks.url(TEAMS_PATH + "?api-version=1&sig=" + TEAMS_SIG) + "\"}");
        secret("shepherd/dev/pagerduty", "{\"routingKey\": \"" + ROUTING_KEY + "\", \"url\": \"" + hooks.url(PAGER_PATH) + "\"}");
        aws.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=Publish&")).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "text/xml").withBody("""
                        <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>
                        <MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
                        <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>""")));
        journal = CallJournal.recording();
        notifier = notifier(ROUTES);
    }

    @AfterEach
    void stopHooks() {
        hooks.close();
    }

    Notifier notifier(String routes) {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1");
        Platform platform = new Platform(env, new AwsClients(env, journal), Clock.systemUTC());
        return new Notifier(Routes.parse(routes, "test routes"), platform, new GuardedHttp(new AddressGuard(true)),
                new Telemetry("alarm-responder", "dev"));
    }

    static void secret(String id, String value) {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(id)))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(Json.write(Map.of("ARN", "arn:aws:secretsmanager:eu-west-1:111122223333:secret:" + id
                                + "-AbCdEf", "Name", id, "SecretString", value, "VersionId", "v1",
                                "VersionStages", List.of("AWSCURRENT"))))));
    }

    static Notice notice(Phase phase) {
        return new Notice("alarm-responder", "dev", Severity.CRITICAL, phase, "orders-api 5xx > 5 in eu-west-1",
                "5xx errors on orders-api crossed the threshold.\nDeployment d-7RQ2M4XKP was stopped.",
                List.of(new Notice.Fact("State", "ALARM"), new Notice.Fact("Region", "eu-west-1")),
                List.of(new Notice.Link("Open alarm", CONSOLE)), ALARM, List.of(ALARM),
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    static Deadline seconds(double s) {
        return Deadline.of(Clock.systemUTC(), (long) (s * 1000), Duration.ZERO);
    }

    static Map<String, Delivery> byChannel(List<Delivery> deliveries) {
        Map<String, Delivery> map = new HashMap<>();
        deliveries.forEach(d -> map.put(d.channel(), d));
        return map;
    }

    static JsonNode onlyBody(Webhooks hooks, String path) {
        assertThat(hooks.received(path)).hasSize(1);
        return Json.parse(hooks.received(path).getFirst().body());
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return form;
    }

    static List<String> publishes() {
        return aws.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.startsWith("Action=Publish&")).toList();
    }

    @Test
    void eachServiceReceivesExactlyThisBody() {
        hooks.answer(SLACK_PATH, Answer.of(200, "ok")).answer(TEAMS_PATH, Answer.of(202, ""))
                .answer(PAGER_PATH, Answer.of(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}"));

        List<Delivery> deliveries = notifier.send(notice(Phase.OPEN),
                List.of("ops-slack", "ops-teams", "pager", "ops-topic", "chat-topic"), seconds(10));

        assertThat(deliveries).extracting(Delivery::outcome).containsOnly(Delivery.Outcome.DELIVERED);
        assertThat(deliveries).extracting(Delivery::attempts).containsOnly(1);
        assertThat(onlyBody(hooks, SLACK_PATH)).isEqualTo(Json.parse("""
                {"text": "[CRITICAL] orders-api 5xx &gt; 5 in eu-west-1",
                 "blocks": [
                  {"type": "header", "text": {"type": "plain_text", "text": "orders-api 5xx > 5 in eu-west-1"}},
                  {"type": "section", "text": {"type": "mrkdwn", "verbatim": true,
                   "text": "5xx errors on orders-api crossed the threshold.\\nDeployment d-7RQ2M4XKP was stopped."}},
                  {"type": "section", "fields": [{"type": "mrkdwn", "text": "*State*\\nALARM", "verbatim": true},
                                                 {"type": "mrkdwn", "text": "*Region*\\neu-west-1", "verbatim": true}]},
                  {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Open alarm"},
                                                    "url": "%s"}]},
                  {"type": "context", "elements": [{"type": "mrkdwn", "verbatim": true,
                   "text": "critical · open · dev · alarm-responder · 2026-11-26T10:00:00Z"}]}]}""".formatted(CONSOLE)));
        assertThat(hooks.received(SLACK_PATH).getFirst().headers().get("Content-type"))
                .containsExactly("application/json; charset=utf-8");

        assertThat(hooks.received(TEAMS_PATH).getFirst().query()).isEqualTo("api-version=1&sig=" + TEAMS_SIG);
        assertThat(onlyBody(hooks, TEAMS_PATH)).isEqualTo(Json.parse("""
                {"type": "message", "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive",
                  "contentUrl": null, "content": {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                  "type": "AdaptiveCard", "version": "1.4",
                  "body": [{"type": "TextBlock", "text": "orders-api 5xx > 5 in eu-west-1", "weight": "Bolder",
                            "size": "Medium", "wrap": true, "color": "Attention"},
                           {"type": "TextBlock", "wrap": true,
                            "text": "5xx errors on orders-api crossed the threshold.\\nDeployment d-7RQ2M4XKP was stopped."},
                           {"type": "FactSet", "facts": [{"title": "State", "value": "ALARM"},
                                                         {"title": "Region", "value": "eu-west-1"}]},
                           {"type": "TextBlock", "text": "critical · open · dev · alarm-responder · 2026-11-26T10:00:00Z",
                            "isSubtle": true, "size": "Small", "wrap": true}],
                  "actions": [{"type": "Action.OpenUrl", "title": "Open alarm", "url": "%s"}]}}]}""".formatted(CONSOLE)));

        assertThat(onlyBody(hooks, PAGER_PATH)).isEqualTo(Json.parse("""
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "orders-api 5xx > 5 in eu-west-1", "source": "alarm-responder",
                   "severity": "critical", "timestamp": "2026-11-26T10:00:00Z", "group": "dev",
                   "custom_details": {"summary": "5xx errors on orders-api crossed the threshold.\\nDeployment d-7RQ2M4XKP was stopped.",
                     "State": "ALARM", "Region": "eu-west-1", "phase": "open", "environment": "dev",
                     "incident": "%s", "resources": ["%s"]}},
                 "links": [{"href": "%s", "text": "Open alarm"}],
                 "client": "Shepherd alarm-responder"}""".formatted(ROUTING_KEY, ALARM, ALARM, ALARM, CONSOLE)));

        List<Map<String, String>> published = publishes().stream().map(NotifierTest::form).toList();
        assertThat(published).hasSize(2);
        Map<String, String> text = published.stream().filter(f -> f.get("TopicArn").equals(TOPIC)).findFirst().orElseThrow();
        assertThat(text.get("Subject")).isEqualTo("[CRITICAL] dev: orders-api 5xx > 5 in eu-west-1");
        assertThat(text.get("Message")).isEqualTo("""
                orders-api 5xx > 5 in eu-west-1

                5xx errors on orders-api crossed the threshold.
                Deployment d-7RQ2M4XKP was stopped.

                State: ALARM
                Region: eu-west-1

                Links:
                - Open alarm: %s

                Severity: critical | Phase: open | Environment: dev | Source: alarm-responder | Time: 2026-11-26T10:00:00Z
                Incident: %s
                Resources: %s
                """.formatted(CONSOLE, ALARM, ALARM));
        assertThat(attributes(text)).isEqualTo(Map.of("severity", "String:critical", "environment", "String:dev",
                "source", "String:alarm-responder"));

        Map<String, String> chat = published.stream().filter(f -> f.get("TopicArn").equals(CHATBOT_TOPIC)).findFirst().orElseThrow();
        assertThat(Json.parse(chat.get("Message"))).isEqualTo(Json.parse("""
                {"version": "1.0", "source": "custom",
                 "content": {"textType": "client-markdown", "title": "orders-api 5xx &gt; 5 in eu-west-1",
                   "description": "5xx errors on orders-api crossed the threshold.\\nDeployment d-7RQ2M4XKP was stopped.\\n\\n*State*: ALARM\\n*Region*: eu-west-1",
                   "nextSteps": ["Open alarm: %s"], "keywords": ["critical", "dev", "alarm-responder"]},
                 "metadata": {"threadId": "%s", "summary": "orders-api 5xx > 5 in eu-west-1", "eventType": "open",
                   "relatedResources": ["%s"], "additionalContext": {"State": "ALARM", "Region": "eu-west-1"}}}"""
                .formatted(CONSOLE, ALARM, ALARM)));
        assertThat(journal.calls("sns", "Publish")).hasSize(2);
    }

    /** Message attributes as name -> DataType:StringValue, whatever entry numbers the SDK gave them. */
    static Map<String, String> attributes(Map<String, String> form) {
        Map<String, String> attributes = new HashMap<>();
        for (int i = 1; form.containsKey("MessageAttributes.entry." + i + ".Name"); i++) {
            String prefix = "MessageAttributes.entry." + i + ".";
            attributes.put(form.get(prefix + "Name"), form.get(prefix + "Value.DataType") + ":"
                    + form.get(prefix + "Value.StringValue"));
        }
        return attributes;
    }

    @Test
    void item15_slack429ThenOkIsRetriedOnce() {
        hooks.answer(SLACK_PATH, new Answer(429, Map.of("Retry-After", "1"), "rate_limited"), Answer.of(200, "ok"));
        long start = System.nanoTime();

        Delivery d = notifier.send(notice(Phase.OPEN), List.of("ops-slack"), seconds(10)).getFirst();

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(d.attempts()).isEqualTo(2);
        assertThat(hooks.received(SLACK_PATH)).hasSize(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After: 1 was honoured")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterLongerThanShepherdWaitsEndsTheDelivery() {
        hooks.answer(SLACK_PATH, new Answer(429, Map.of("Retry-After", "60"), "rate_limited"));

        Delivery d = notifier.send(notice(Phase.OPEN), List.of("ops-slack"), seconds(10)).getFirst();

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.reason()).contains("Retry-After 60 s");
    }

    @Test
    void item15_pagerDuty400IsNotRetried() {
        hooks.answer(PAGER_PATH, Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}"));

        Delivery d = notifier.send(notice(Phase.OPEN), List.of("pager"), seconds(10)).getFirst();

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.reason()).startsWith("HTTP 400 (not retried)").contains("Event object is invalid");
        assertThat(hooks.received(PAGER_PATH)).hasSize(1);
    }

    @Test
    void item15_pagerDuty429And5xxAreRetriedWithBackoff() {
        hooks.answer(PAGER_PATH, Answer.of(429, "{}"), Answer.of(503, "busy"), Answer.of(202, "{\"status\":\"success\"}"));

        Delivery d = notifier.send(notice(Phase.OPEN), List.of("pager"), seconds(10)).getFirst();

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.DELIVERED);
        assertThat(d.attempts()).isEqualTo(3);
        assertThat(hooks.received(PAGER_PATH)).hasSize(3);
    }

    @Test
    void fiveHundredsUntilTheLastAttemptFail() {
        hooks.answer(PAGER_PATH, Answer.of(500, "oops"));

        Delivery d = notifier.send(notice(Phase.OPEN), List.of("pager"), seconds(10)).getFirst();

        assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED);
        assertThat(d.attempts()).isEqualTo(WebhookPost.MAX_ATTEMPTS);
        assertThat(d.reason()).isEqualTo("HTTP 500 after 3 attempts");
    }

    @Test
    void item15_teams202IsDelivered() {
        hooks.answer(TEAMS_PATH, Answer.of(202, ""));

        Delivery d = notifier.send(notice(Phase.UPDATE), List.of("ops-teams"), seconds(10)).getFirst();

        assertThat(d).isEqualTo(Delivery.delivered("ops-teams", "teams", 1, "HTTP 202"));
    }

    @Test
    void item15_aRevokedWebhookFailsWhileTheOtherChannelsDeliverAndEachIsCounted() {
        hooks.answer(SLACK_PATH, Answer.of(404, "no_service")).answer(TEAMS_PATH, Answer.of(410, "gone"))
                .answer(PAGER_PATH, Answer.of(202, "{}"));

        String emf = stdout(() -> {
            Map<String, Delivery> d = byChannel(notifier.send(notice(Phase.OPEN), List.of("ops-slack", "ops-teams", "pager",
                    "ops-topic"), seconds(10)));

            assertThat(d.get("ops-slack").outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(d.get("ops-slack").reason()).isEqualTo("HTTP 404: the webhook was revoked or deleted; put a new one"
                    + " in secret shepherd/dev/slack-ops");
            assertThat(d.get("ops-slack").attempts()).isEqualTo(1);
            assertThat(d.get("ops-teams").reason()).startsWith("HTTP 410: the webhook was revoked");
            assertThat(d.get("pager").delivered()).isTrue();
            assertThat(d.get("ops-topic").delivered()).isTrue();
        });

        assertThat(emf).containsPattern("\"NoticeFailed\":1(\\.0)?[,}]").contains("\"channel\":\"slack\"", "\"channel\":\"teams\"");
        assertThat(emf).containsPattern("\"NoticeDelivered\":1(\\.0)?[,}]").contains("\"channel\":\"pagerduty\"", "\"channel\":\"sns\"");
        assertThat(emf).contains("\"Namespace\":\"Shepherd\"");
    }

    @Test
    void aRevokedWebhookIsReadAgainOnTheNextSend() {
        hooks.answer(SLACK_PATH, Answer.of(404, "no_service"), Answer.of(200, "ok"));

        notifier.send(notice(Phase.OPEN), List.of("ops-slack"), seconds(10));
        notifier.send(notice(Phase.UPDATE), List.of("ops-slack"), seconds(10));

        assertThat(secretReads("shepherd/dev/slack-ops")).isEqualTo(2);
    }

    @Test
    void secretsAreReadOnFirstSendThenCached() {
        hooks.answer(SLACK_PATH, Answer.of(200, "ok")).answer(PAGER_PATH, Answer.of(202, "{}"));
        assertThat(aws.getAllServeEvents()).as("nothing is read at init").isEmpty();

        notifier.send(notice(Phase.OPEN), List.of("ops-slack", "pager"), seconds(10));
        notifier.send(notice(Phase.RESOLVE), List.of("ops-slack", "pager"), seconds(10));

        assertThat(secretReads("shepherd/dev/slack-ops")).isEqualTo(1);
        assertThat(secretReads("shepherd/dev/pagerduty")).isEqualTo(1);
        assertThat(journal.calls("secretsmanager", "GetSecretValue")).hasSize(2);
    }

    static int secretReads(String id) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(id)))).size();
    }

    @Test
    void aServerThatNeverAnswersEndsWithinTheDeadline() throws Exception {
        try (RawServer silent = new RawServer((head, out) -> Thread.sleep(60_000))) {
            secret("shepherd/dev/slack-ops", "{\"url\": \"" + silent.url(SLACK_PATH) + "\"}");
            hooks.answer(PAGER_PATH, Answer.of(202, "{}"));
            long start = System.nanoTime();

            Map<String, Delivery> d = byChannel(notifier.send(notice(Phase.OPEN), List.of("ops-slack", "pager"), seconds(2)));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
            assertThat(d.get("ops-slack").outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(d.get("ops-slack").reason()).contains("no complete answer in time");
            assertThat(d.get("pager").delivered()).isTrue();
        }
    }

    @Test
    void aThrowingOrHangingChannelNeverStopsTheOthers() {
        Channel throwing = channel("broken", () -> {
            throw new IllegalStateException("boom " + ROUTING_KEY);
        });
        Channel hanging = channel("stuck", () -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Delivery.delivered("stuck", "test", 1, "too late");
        });
        Channel fine = channel("fine", () -> Delivery.delivered("fine", "test", 1, "ok"));
        Notifier n = new Notifier(Routes.parse(ROUTES, "t"), Map.of("broken", throwing, "stuck", hanging, "fine", fine),
                new Telemetry("alarm-responder", "dev"), Clock.systemUTC());
        long start = System.nanoTime();

        List<Delivery> deliveries = n.send(notice(Phase.OPEN), List.of("broken", "stuck", "fine", "fine", "nowhere"), seconds(1));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(deliveries).extracting(Delivery::channel).containsExactly("broken", "stuck", "fine", "nowhere");
        assertThat(deliveries.get(0).reason()).isEqualTo("the channel failed unexpectedly (IllegalStateException)");
        assertThat(deliveries.get(1).reason()).isEqualTo("did not finish before the deadline");
        assertThat(deliveries.get(2).delivered()).isTrue();
        assertThat(deliveries.get(3).reason()).isEqualTo("no channel named 'nowhere' in the routes");
    }

    static Channel channel(String name, Supplier<Delivery> send) {
        return new Channel() {
            public String name() {
                return name;
            }

            public String type() {
                return "test";
            }

            public Delivery send(Notice notice, Deadline deadline) {
                return send.get();
            }
        };
    }

    @Test
    void item7_theDedupKeyIsHashedWhenTheIncidentKeyIsLongerThan255() throws Exception {
        hooks.answer(PAGER_PATH, Answer.of(202, "{}"));
        String longArn = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + "orders api: latency p99 ".repeat(10);
        Notice n = notice(Phase.OPEN);
        Notice longKey = new Notice(n.source(), n.environment(), n.severity(), n.phase(), n.title(), n.summary(), n.facts(),
                n.links(), longArn, List.of(longArn), n.timestamp());

        notifier.send(longKey, List.of("pager"), seconds(10));

        String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(longArn.getBytes(StandardCharsets.UTF_8)));
        assertThat(onlyBody(hooks, PAGER_PATH).path("dedup_key").asText()).isEqualTo(expected).hasSize(64);
        assertThat(PagerDutyChannel.dedupKey(ALARM)).isEqualTo(ALARM);
    }

    @Test
    void pagerDutyResolveUsesTheTriggersDedupKeyAndRoutingKey() {
        hooks.answer(PAGER_PATH, Answer.of(202, "{}"));

        notifier.send(notice(Phase.OPEN), List.of("pager"), seconds(10));
        notifier.send(notice(Phase.RESOLVE), List.of("pager"), seconds(10));

        List<JsonNode> events = hooks.received(PAGER_PATH).stream().map(r -> Json.parse(r.body())).toList();
        assertThat(events).hasSize(2);
        assertThat(events.get(0).path("event_action").asText()).isEqualTo("trigger");
        assertThat(events.get(1)).isEqualTo(Json.parse("{\"routing_key\": \"" + ROUTING_KEY
                + "\", \"event_action\": \"resolve\", \"dedup_key\": \"" + ALARM + "\"}"));
        assertThat(events.get(1).path("dedup_key")).isEqualTo(events.get(0).path("dedup_key"));
        assertThat(events.get(1).path("routing_key")).isEqualTo(events.get(0).path("routing_key"));
    }

    @Test
    void infoNoticesAreNotPaged() {
        Notice n = notice(Phase.OPEN);
        Notice info = new Notice(n.source(), n.environment(), Severity.LOW, Phase.INFO, "weekly summary", "", List.of(),
                List.of(), "weekly", List.of(), n.timestamp());

        Delivery d = notifier.send(info, List.of("pager"), seconds(10)).getFirst();

        assertThat(d).isEqualTo(Delivery.skipped("pager", "pagerduty", "INFO notices are not paged"));
        assertThat(hooks.received(PAGER_PATH)).isEmpty();
        assertThat(secretReads("shepherd/dev/pagerduty")).as("not even the secret is read").isZero();
    }

    @Test
    void aMalformedOrMissingSecretFailsNamingTheSecretNotItsValue() {
        secret("shepherd/dev/slack-ops", "{\"url\": \"https://hooks.slack.com/services/T1/B1/MalformedSecretValue9\",}");
        secret("shepherd/dev/teams-ops", "{\"URL\": \"https://x.logic.azure.com/MisnamedKeyValue8\"}");
        secret("shepherd/dev/pagerduty", "{\"routingKey\": \"ShortKeyValue7\"}");

        Map<String, Delivery> d = byChannel(notifier.send(notice(Phase.OPEN), WEBHOOKS, seconds(10)));

        assertThat(d.get("ops-slack").reason()).startsWith("secret shepherd/dev/slack-ops is not valid JSON");
        assertThat(d.get("ops-teams").reason()).startsWith("secret shepherd/dev/teams-ops has keys other than [url]");
        assertThat(d.get("pager").reason()).isEqualTo("secret shepherd/dev/pagerduty: routingKey must be the"
                + " integration's 32 letters or digits");
        assertThat(d.values()).allSatisfy(x -> {
            assertThat(x.outcome()).isEqualTo(Delivery.Outcome.FAILED);
            assertThat(x.attempts()).isZero();
        });
        assertThat(d.toString()).doesNotContain("MalformedSecretValue9", "MisnamedKeyValue8", "ShortKeyValue7");
    }

    @Test
    void aSecretThatDoesNotExistFailsOnlyItsChannel() {
        aws.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo("shepherd/dev/teams-ops")))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}")));
        hooks.answer(SLACK_PATH, Answer.of(200, "ok"));

        Map<String, Delivery> d = byChannel(notifier.send(notice(Phase.OPEN), List.of("ops-slack", "ops-teams"), seconds(10)));

        assertThat(d.get("ops-teams").reason()).isEqualTo("secret shepherd/dev/teams-ops does not exist (or has no current version)");
        assertThat(d.get("ops-slack").delivered()).isTrue();
    }

    @Test
    void httpsIsRequiredInLambda() {
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        Platform lambda = new Platform(env, new AwsClients(Map.of("AWS_REGION", "eu-west-1"), journal), Clock.systemUTC());
        Notifier n = new Notifier(Routes.parse(ROUTES, "t"), lambda, new GuardedHttp(new AddressGuard(true)),
                new Telemetry("alarm-responder", "dev"));

        Delivery d = n.send(notice(Phase.OPEN), List.of("ops-slack"), seconds(10)).getFirst();

        assertThat(d.reason()).isEqualTo("secret shepherd/dev/slack-ops: url must be an absolute https URL with a host,"
                + " without user info or fragment");
        assertThat(hooks.received(SLACK_PATH)).isEmpty();
    }

    @Test
    void noSecretValueReachesADeliveryALogLineOrTheMetrics() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        // Teams: nothing listens (the failure message would name the URL's path); PagerDuty: a 400 echoing the key.
        secret("shepherd/dev/teams-ops", "{\"url\": \"http://127.0.0.1:" + closed + TEAMS_PATH + "/" + TEAMS_SIG
                + "?sig=" + TEAMS_SIG + "\"}");
        hooks.answer(SLACK_PATH, Answer.of(500, "error for " + hooks.url(SLACK_PATH)))
                .answer(PAGER_PATH, Answer.of(400, "{\"errors\":[\"routing_key " + ROUTING_KEY + " is not valid\"]}"));
        List<Delivery> deliveries;
        String stdout;
        try (LogCapture logs = LogCapture.capture()) {
            List<Delivery>[] out = new List[1];
            stdout = stdout(() -> out[0] = notifier.send(notice(Phase.OPEN), WEBHOOKS, seconds(10)));
            deliveries = out[0];
            assertThat(logs.lines()).filteredOn(l -> l.contains("notice " + ALARM)).hasSize(3);
            assertThat(logs.lines()).allSatisfy(l -> assertThat(l).doesNotContain(
                    "SlackTokenNeverShown1", TEAMS_SIG, ROUTING_KEY));
        }

        assertThat(deliveries).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Delivery.Outcome.FAILED));
        assertThat(byChannel(deliveries).get("ops-teams").reason()).contains("http://127.0.0.1:" + closed + ":")
                .as("the host is named").contains("no connection");
        assertThat(byChannel(deliveries).get("pager").reason()).contains("routing_key *** is not valid");
        assertThat(deliveries.toString() + stdout).doesNotContain("SlackTokenNeverShown1", TEAMS_SIG, ROUTING_KEY);
        assertThat(journal.calls().toString()).doesNotContain("SlackTokenNeverShown1", TEAMS_SIG, ROUTING_KEY);
    }

    static String stdout(Runnable body) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

package dev.shepherd.sandbox.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.notify.Delivery;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notifier;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Routes;
import dev.shepherd.core.notify.Severity;
import dev.shepherd.sandbox.FakeSns;
import dev.shepherd.sandbox.Sandbox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Core's notifier against the sandbox, as the functions that notify will run it: secrets from
 * {@code FakeSecretsManager}, topics in {@code FakeSns} (whose rules check the SNS channel's limits), a Slack
 * webhook on loopback.
 */
class NotifierOnSandboxTest {
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops";
    static final String CHATBOT = "arn:aws:sns:eu-west-1:123456789012:chatbot";
    static final String ROUTES = """
            {"defaultSeverity": "high",
             "channels": {"ops-slack": {"type": "slack", "secret": "shepherd/dev/slack-ops"},
                          "ops-topic": {"type": "sns", "topicArn": "%s"},
                          "chat-topic": {"type": "sns", "topicArn": "%s", "format": "chatbot"},
                          "gone-topic": {"type": "sns", "topicArn": "arn:aws:sns:eu-west-1:123456789012:deleted"}},
             "severities": {"high": {"notify": ["ops-slack", "ops-topic", "chat-topic"]}}}""".formatted(TOPIC, CHATBOT);

    HttpServer slack;
    final List<String> slackBodies = new CopyOnWriteArrayList<>();
    Sandbox sandbox;
    Notifier notifier;

    @BeforeEach
    void setUp() throws Exception {
        slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        slack.createContext("/services/T1/B1/SandboxSlackToken", exchange -> {
            slackBodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        slack.start();
        String url = "http://127.0.0.1:" + slack.getAddress().getPort() + "/services/T1/B1/SandboxSlackToken";
        sandbox = new Sandbox().load(Json.parse("""
                {"sns": {"topics": ["%s", "%s"]},
                 "secretsmanager": {"secrets": [{"name": "shepherd/dev/slack-ops", "value": {"url": "%s"}}]}}"""
                .formatted(TOPIC, CHATBOT, url)));
        Platform platform = new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, Clock.systemUTC());
        notifier = new Notifier(Routes.parse(ROUTES, "test"), platform, new GuardedHttp(new AddressGuard(true)),
                new Telemetry("alarm-responder", "dev"));
    }

    @AfterEach
    void stop() {
        slack.stop(0);
    }

    static Notice notice(String summary, int facts) {
        return new Notice("alarm-responder", "dev", Severity.HIGH, Phase.OPEN, "orders-api latency — p99 > 2 s\nin eu-west-1",
                summary, IntStream.range(0, facts).mapToObj(i -> new Notice.Fact("fact " + i, "é".repeat(3000))).toList(),
                List.of(), "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-latency", List.of(),
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    static Deadline tenSeconds() {
        return Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO);
    }

    @Test
    void theRouteOfASeverityIsDeliveredThroughTheSandbox() {
        Routes routes = notifier.routes();
        List<Delivery> deliveries = notifier.send(notice("p99 latency is above 2 s.", 2),
                routes.route(routes.severityFor("High").severity()).channels(), tenSeconds());

        assertThat(deliveries).extracting(Delivery::outcome).containsOnly(Delivery.Outcome.DELIVERED);
        assertThat(slackBodies).singleElement().satisfies(b -> assertThat(Json.parse(b).at("/blocks/0/text/text").asText())
                .isEqualTo("orders-api latency — p99 > 2 s in eu-west-1"));
        List<FakeSns.Published> published = sandbox.fake(FakeSns.class).published();
        assertThat(published).extracting(FakeSns.Published::topicArn).containsExactlyInAnyOrder(TOPIC, CHATBOT);
        assertThat(published).allSatisfy(p -> {
            assertThat(p.subject()).isEqualTo("[HIGH] dev: orders-api latency ? p99 > 2 s in eu-west-1");
            assertThat(p.attribute("severity")).isEqualTo("high");
            assertThat(p.attribute("environment")).isEqualTo("dev");
            assertThat(p.attribute("source")).isEqualTo("alarm-responder");
        });
        assertThat(sandbox.journal().calls("secretsmanager", "GetSecretValue")).hasSize(1);
        assertThat(sandbox.journal().calls().toString()).doesNotContain("SandboxSlackToken");
    }

    @Test
    void aHugeNoticeMeetsSnssRealLimits() {
        List<Delivery> deliveries = notifier.send(notice("x".repeat(1_000_000), 100), List.of("ops-topic", "chat-topic"),
                tenSeconds());

        assertThat(deliveries).extracting(Delivery::outcome).containsOnly(Delivery.Outcome.DELIVERED);
        assertThat(sandbox.fake(FakeSns.class).published()).allSatisfy(p -> assertThat(p.message()).contains("[truncated]"));
    }

    @Test
    void aDeletedTopicFailsOnlyItsChannel() {
        var d = notifier.send(notice("s", 0), List.of("gone-topic", "ops-topic"), tenSeconds());

        assertThat(d.get(0)).isEqualTo(Delivery.failed("gone-topic", "sns", 1,
                "topic arn:aws:sns:eu-west-1:123456789012:deleted does not exist (NotFound)"));
        assertThat(d.get(1).delivered()).isTrue();
    }
}

package dev.shepherd.core.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutesTest {
    static String documentedExample() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("shepherd.repo.root", "../..")).resolve("docs/notifications.md"));
        int start = doc.indexOf("```json\n");
        return doc.substring(start + "```json\n".length(), doc.indexOf("```", start + 7));
    }

    @Test
    void theDocumentedExampleIsAValidRouteFile() throws Exception {
        Routes routes = Routes.parse(documentedExample(), "docs/notifications.md");

        assertThat(routes.defaultSeverity()).isEqualTo(Severity.HIGH);
        assertThat(routes.route(Severity.CRITICAL)).isEqualTo(new Routes.Route(List.of("pager", "ops-slack", "chat-topic"),
                List.of(new Routes.EscalationStep(Duration.ofMinutes(15), List.of("pager", "ops-teams")),
                        new Routes.EscalationStep(Duration.ofMinutes(60), List.of("ops-topic")))));
        assertThat(routes.route(Severity.LOW).channels()).isEmpty();
        assertThat(routes.topicArns()).containsExactly("arn:aws:sns:eu-west-1:111122223333:shepherd-ops",
                "arn:aws:sns:eu-west-1:111122223333:shepherd-chatbot");
        assertThat(routes.channels().get("chat-topic").format()).isEqualTo(SnsChannel.Format.CHATBOT);
        assertThat(routes.channels().get("ops-topic").format()).isEqualTo(SnsChannel.Format.TEXT);
        assertThat(routes.channels().get("pager").type()).isEqualTo(Routes.ChannelType.PAGERDUTY);
    }

    @Test
    void aSeverityWithoutAnEntryUsesTheDefaultSeveritysRoute() {
        Routes routes = Routes.parse("""
                {"defaultSeverity": "high", "channels": {"s": {"type": "slack", "secret": "shepherd/dev/s"},
                 "p": {"type": "pagerduty", "secret": "shepherd/dev/p"}},
                 "severities": {"critical": {"notify": ["p", "s"]}, "high": {"notify": ["s"]}}}""", "t");

        assertThat(routes.route(Severity.MEDIUM)).isEqualTo(routes.route(Severity.HIGH));
        assertThat(routes.route(Severity.LOW).channels()).containsExactly("s");
        assertThat(routes.route(Severity.CRITICAL).channels()).containsExactly("p", "s");
    }

    @Test
    void aTagNamesTheSeverityOrTheDefaultIsUsedAndSaidSo() {
        Routes routes = Routes.parse("""
                {"defaultSeverity": "medium", "channels": {"s": {"type": "slack", "secret": "x"}},
                 "severities": {"medium": {"notify": ["s"]}}}""", "t");

        assertThat(routes.severityFor("CRITICAL")).isEqualTo(new Routes.SeverityChoice(Severity.CRITICAL, false));
        assertThat(routes.severityFor("low")).isEqualTo(new Routes.SeverityChoice(Severity.LOW, false));
        assertThat(routes.severityFor("sev1")).isEqualTo(new Routes.SeverityChoice(Severity.MEDIUM, true));
        assertThat(routes.severityFor(" ")).isEqualTo(new Routes.SeverityChoice(Severity.MEDIUM, true));
        assertThat(routes.severityFor(null)).isEqualTo(new Routes.SeverityChoice(Severity.MEDIUM, true));
    }

    @Test
    void aBadFileIsOneConfigExceptionNamingEveryProblem() {
        String bad = """
                {"defaultSeverity": "urgent",
                 "channels": {"ops slack": {"type": "slack", "secret": "has spaces"},
                              "chat": {"type": "chime", "url": "https://x"},
                              "topic": {"type": "sns", "topicArn": "arn:aws:sqs:eu-west-1:111122223333:q", "format": "html"},
                              "fifo": {"type": "sns", "topicArn": "arn:aws:sns:eu-west-1:111122223333:t.fifo"},
                              "pager": {"type": "pagerduty", "secret": "p", "routingKey": "inline"}},
                 "severities": {"critical": {"notify": ["pager", "nowhere", "pager"],
                                             "escalation": [{"afterMinutes": 30, "notify": ["pager"]},
                                                            {"afterMinutes": 15, "notify": []},
                                                            {"afterMinutes": 2000, "notify": ["pager"]}]},
                                "sev1": {"notify": ["pager"]},
                                "low": {"notify": "pager", "repeat": true}},
                 "extra": 1}""";

        assertThatThrownBy(() -> Routes.parse(bad, "/shepherd/dev/routes"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "/shepherd/dev/routes: extra is not a known key (known: defaultSeverity, channels, severities)",
                        "/shepherd/dev/routes: defaultSeverity 'urgent' is not one of [critical, high, medium, low]",
                        "/shepherd/dev/routes: channels.ops slack: a channel name is 1 to 64 letters, digits, '.', '_' or '-'",
                        "/shepherd/dev/routes: channels.ops slack.secret 'has spaces' is not a Secrets Manager secret name or ARN",
                        "/shepherd/dev/routes: channels.chat.type 'chime' is not one of slack, teams, pagerduty, sns",
                        "/shepherd/dev/routes: channels.topic.topicArn 'arn:aws:sqs:eu-west-1:111122223333:q' is not an SNS"
                                + " topic ARN (arn:aws:sns:<region>:<account>:<name>)",
                        "/shepherd/dev/routes: channels.topic.format 'html' is not text or chatbot",
                        "/shepherd/dev/routes: channels.fifo.topicArn: FIFO topics are not supported (they need a message group)",
                        "/shepherd/dev/routes: channels.pager.routingKey is not a known key (known: type, secret)",
                        "/shepherd/dev/routes: severities.critical.notify names channel 'nowhere', which channels does not define",
                        "/shepherd/dev/routes: severities.critical.notify names channel 'pager' twice",
                        "/shepherd/dev/routes: severities.critical.escalation[1].afterMinutes 15 must be later than the step"
                                + " before (30)",
                        "/shepherd/dev/routes: severities.critical.escalation[1].notify must name at least one channel",
                        "/shepherd/dev/routes: severities.critical.escalation[2].afterMinutes must be a whole number from 1 to 1440",
                        "/shepherd/dev/routes: severities.sev1: 'sev1' is not one of [critical, high, medium, low]",
                        "/shepherd/dev/routes: severities.low.repeat is not a known key (known: notify, escalation)",
                        "/shepherd/dev/routes: severities.low.notify must be a list of channel names"))
                .hasMessageStartingWith("invalid configuration: /shepherd/dev/routes: extra is not a known key");
    }

    @Test
    void moreThanFiveEscalationStepsAndAMissingDefaultRouteAreRefused() {
        String steps = String.join(",", java.util.stream.IntStream.rangeClosed(1, 6)
                .mapToObj(i -> "{\"afterMinutes\": " + i + ", \"notify\": [\"s\"]}").toList());
        assertThatThrownBy(() -> Routes.parse("{\"defaultSeverity\": \"high\", \"channels\": {\"s\": {\"type\": \"slack\","
                + " \"secret\": \"x\"}}, \"severities\": {\"critical\": {\"notify\": [\"s\"], \"escalation\": [" + steps + "]}}}", "t"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "t: severities.critical.escalation has 6 steps; at most 5",
                        "t: severities has no entry for the default severity 'high', which severities without an entry use"));
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Routes.parse("{\"defaultSeverity\": \"high\", \"defaultSeverity\": \"low\"}", "t"))
                .hasMessage("invalid configuration: t: malformed JSON: Duplicate field 'defaultSeverity' at line 1, column 46");
        assertThatThrownBy(() -> Routes.parse("[]", "t")).hasMessageContaining("must be a JSON object");
    }

    @Test
    void loadReadsTheEnvironmentsParameterAndNamesItWhenMissing() throws Exception {
        WireMockServer ssm = AwsWireStub.start();
        try {
            Map<String, String> env = Map.of("AWS_REGION", "eu-west-1");
            Parameters parameters = new Parameters(new Platform(env, new AwsClients(env, CallJournal.recording()), Clock.systemUTC()));
            ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter")).willReturn(aResponse()
                    .withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));

            assertThatThrownBy(() -> Routes.load(parameters, "staging")).isInstanceOf(ConfigException.class)
                    .hasMessage("invalid configuration: the route parameter /shepherd/staging/routes does not exist (it says"
                            + " where notices go; see docs/notifications.md)");
            assertThatThrownBy(() -> Routes.load(parameters, "../prod")).hasMessageContaining("cannot name a route parameter");

            ssm.resetAll();
            ssm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter")).willReturn(aResponse()
                    .withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(Json.write(Map.of(
                            "Parameter", Map.of("Name", "/shepherd/dev/routes", "Type", "String", "Value", documentedExample()))))));
            assertThat(Routes.load(parameters, "dev").channels()).hasSize(5);
        } finally {
            AwsWireStub.stop(ssm);
        }
    }
}

package dev.shepherd.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Envelope decoding from the sample events in events/sns and events/eventbridge, and what breaking them does. */
class EnvelopesTest {
    static final Path EVENTS = Path.of(System.getProperty("shepherd.repo.root", "../..")).resolve("events");
    static final String OPS = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";
    static final String BUDGETS = "arn:aws:sns:eu-west-1:111122223333:finops-budgets";
    static final TopicAllowList ALLOWED = TopicAllowList.of(List.of(OPS, BUDGETS));

    static byte[] event(String file) {
        try {
            return Files.readAllBytes(EVENTS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = EnvelopesTest.class.getResourceAsStream("/envelope/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Envelope one(byte[] raw) {
        List<Envelope> envelopes = Envelopes.decode(raw, ALLOWED);
        assertThat(envelopes).hasSize(1);
        return envelopes.getFirst();
    }

    static String malformed(byte[] raw) {
        Envelope envelope = one(raw);
        assertThat(envelope).isInstanceOf(Envelope.Malformed.class);
        return ((Envelope.Malformed) envelope).reason();
    }

    static byte[] bytes(JsonNode node) {
        return Json.write(node).getBytes(StandardCharsets.UTF_8);
    }

    static ObjectNode tree(String file) {
        return (ObjectNode) Json.parse(new String(event(file), StandardCharsets.UTF_8));
    }

    static ObjectNode firstSns(ObjectNode snsEvent) {
        return (ObjectNode) snsEvent.get("Records").get(0).get("Sns");
    }

    @Test
    void theSampleFilesAreTheShapesTheLambdaRuntimeReads() {
        SNSEvent sns = EventLoader.loadSNSEvent(EVENTS.resolve("sns/two-records.json").toString());
        assertThat(sns.getRecords()).hasSize(2);
        assertThat(sns.getRecords().get(1).getSNS().getMessageAttributes().get("severity").getValue())
                .isEqualTo("high");
        assertThat(EventLoader.loadSNSEvent(EVENTS.resolve("sns/alarm-one-record.json").toString()).getRecords()
                .getFirst().getSNS().getTopicArn()).isEqualTo(OPS);
        ScheduledEvent scheduled = EventLoader.loadScheduledEvent(
                EVENTS.resolve("eventbridge/alarm-state-change.json").toString());
        assertThat(scheduled.getDetailType()).isEqualTo("CloudWatch Alarm State Change");
    }

    @Test
    void anSnsEventWithOneRecordIsOneNotification() {
        Envelope envelope = one(event("sns/alarm-one-record.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.SnsNotification.class, n -> {
            assertThat(n.topicArn()).isEqualTo(OPS);
            assertThat(n.messageId()).isEqualTo("c41e9a27-6b0d-5f3e-9a18-7e2d4c6b8f90");
            assertThat(n.subject()).isEqualTo("ALARM: \"checkout-error-rate\" in EU (Ireland)");
            assertThat(n.timestamp()).isEqualTo(Instant.parse("2025-06-18T10:06:12.512Z"));
            assertThat(n.subscriptionArn()).isEqualTo(OPS + ":2b7c9e40-1d3f-4a8e-b6f2-93c1d0e5a7f8");
            assertThat(n.attributes()).isEmpty();
            assertThat(Json.parse(n.message()).path("AlarmArn").asText())
                    .isEqualTo("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:checkout-error-rate");
        });
    }

    @Test
    void anSnsEventWithTwoRecordsIsTwoNotificationsInOrder() {
        List<Envelope> envelopes = Envelopes.decode(event("sns/two-records.json"), ALLOWED);

        assertThat(envelopes).hasSize(2).allSatisfy(e -> assertThat(e).isInstanceOf(Envelope.SnsNotification.class));
        Envelope.SnsNotification budget = (Envelope.SnsNotification) envelopes.get(0);
        Envelope.SnsNotification alarm = (Envelope.SnsNotification) envelopes.get(1);
        assertThat(budget.topicArn()).isEqualTo(BUDGETS);
        assertThat(budget.message()).startsWith("AWS Budget Notification June 18, 2025\n");
        assertThat(alarm.topicArn()).isEqualTo(OPS);
        assertThat(alarm.subject()).isNull();
        assertThat(alarm.message()).isEmpty();
        assertThat(alarm.attributes()).isEqualTo(Map.of("severity", "high", "attempt", "2"));
    }

    @Test
    void aRecordFromATopicNotOnTheListIsRejectedWithoutQuotingIt() {
        Envelope envelope = one(event("sns/topic-not-allowed.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.Rejected.class, r -> {
            assertThat(r.messageId()).isEqualTo("f3b1c2d4-5e6f-5a7b-8c9d-0e1f2a3b4c5d");
            assertThat(r.reason()).isEqualTo("SNS record 0: topic not on the allow-list")
                    .doesNotContain("marketing-updates");
        });
    }

    @Test
    void theAllowListMatchesWholeArnsOnly() {
        ObjectNode lookalike = tree("sns/alarm-one-record.json");
        firstSns(lookalike).put("TopicArn", OPS + "-public");
        ObjectNode otherAccount = tree("sns/alarm-one-record.json");
        firstSns(otherAccount).put("TopicArn", OPS.replace("111122223333", "444455556666"));

        assertThat(one(bytes(lookalike))).isInstanceOf(Envelope.Rejected.class);
        assertThat(one(bytes(otherAccount))).isInstanceOf(Envelope.Rejected.class);
        assertThat(Envelopes.decode(event("sns/alarm-one-record.json"), TopicAllowList.of(List.of())).getFirst())
                .isInstanceOf(Envelope.Rejected.class);
    }

    @Test
    void oneBadRecordDoesNotSpoilItsNeighbours() {
        ObjectNode two = tree("sns/two-records.json");
        ((ObjectNode) two.get("Records").get(1).get("Sns")).put("Timestamp", 1750230765);

        List<Envelope> envelopes = Envelopes.decode(bytes(two), ALLOWED);

        assertThat(envelopes.get(0)).isInstanceOf(Envelope.SnsNotification.class);
        assertThat(envelopes.get(1)).isEqualTo(
                new Envelope.Malformed("SNS record 1: Sns.Timestamp is NUMBER, expected a string"));
    }

    @Test
    void anEventBridgeEventKeepsItsEnvelopeAndDetail() {
        Envelope envelope = one(event("eventbridge/alarm-state-change.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.EventBridgeEvent.class, e -> {
            assertThat(e.id()).isEqualTo("7f3b2c1e-0a9d-4e6b-9c21-5d8e4f1a2b3c");
            assertThat(e.detailType()).isEqualTo("CloudWatch Alarm State Change");
            assertThat(e.source()).isEqualTo("aws.cloudwatch");
            assertThat(e.account()).isEqualTo("111122223333");
            assertThat(e.region()).isEqualTo("eu-west-1");
            assertThat(e.time()).isEqualTo(Instant.parse("2025-06-18T09:41:07Z"));
            assertThat(e.resources()).containsExactly("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-high");
            assertThat(e.detail().path("state").path("value").asText()).isEqualTo("ALARM");
        });
    }

    @Test
    void aScheduledRuleEventIsAnEventBridgeEventWithAnEmptyDetail() {
        Envelope envelope = one(event("eventbridge/scheduled-event.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.EventBridgeEvent.class, e -> {
            assertThat(e.detailType()).isEqualTo("Scheduled Event");
            assertThat(e.detail().isEmpty()).isTrue();
        });
    }

    @Test
    void anAlarmActionPayloadIsAnAlarmAction() {
        Envelope envelope = one(resource("alarm-action-metric.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.AlarmAction.class, a -> {
            assertThat(a.alarmArn()).isEqualTo("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-latency-p99");
            assertThat(a.accountId()).isEqualTo("111122223333");
            assertThat(a.region()).isEqualTo("eu-west-1");
            assertThat(a.time()).isEqualTo("2025-06-18T11:02:31.774+0000");
            assertThat(a.alarmData().path("alarmName").asText()).isEqualTo("orders-api-latency-p99");
        });
    }

    @Test
    void aSchedulerInputOfTheFunctionsOwnIsOther() {
        Envelope envelope = one(event("eventbridge/scheduler-escalation-input.json"));

        assertThat(envelope).isInstanceOfSatisfying(Envelope.Other.class,
                o -> assertThat(o.event().path("kind").asText()).isEqualTo("escalation"));
    }

    @Test
    void recordsFromAnotherServiceAreOther() {
        String s3 = "{\"Records\": [{\"eventSource\": \"aws:s3\", \"eventName\": \"ObjectCreated:Put\"}]}";

        assertThat(one(s3.getBytes(StandardCharsets.UTF_8))).isInstanceOf(Envelope.Other.class);
    }

    @Test
    void truncatedJsonIsMalformedAndSaysWhere() {
        byte[] whole = event("sns/alarm-one-record.json");

        String reason = malformed(Arrays.copyOf(whole, whole.length / 2));

        assertThat(reason).startsWith("the event is not one JSON document: it ends early at line");
        assertThat(reason).doesNotContain("checkout");
    }

    @Test
    void aDuplicateKeyIsMalformedNotResolved() {
        // A second TopicArn after the first: with "last key wins" an untrusted topic could hide behind a trusted one.
        String doubled = new String(event("sns/alarm-one-record.json"), StandardCharsets.UTF_8).replace(
                "\"TopicArn\": \"" + OPS + "\",",
                "\"TopicArn\": \"" + OPS + "\", \"TopicArn\": \"arn:aws:sns:eu-west-1:444455556666:x\",");
        assertThat(doubled).contains("444455556666:x");

        assertThat(malformed(doubled.getBytes(StandardCharsets.UTF_8)))
                .startsWith("the event is not one JSON document: Duplicate field 'TopicArn' at line");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sns/alarm-one-record.json|/Records/0/Sns/MessageId|42|SNS record 0: Sns.MessageId is NUMBER, expected a string",
            "sns/alarm-one-record.json|/Records/0/Sns/Message|{\"a\": 1}|SNS record 0: Sns.Message is OBJECT, expected a string",
            "sns/alarm-one-record.json|/Records/0/Sns/Subject|true|SNS record 0: Sns.Subject is BOOLEAN, expected a string",
            "sns/alarm-one-record.json|/Records/0/Sns/Type|\"SubscriptionConfirmation\"|SNS record 0: Sns.Type is not Notification",
            "sns/alarm-one-record.json|/Records/0/Sns/Timestamp|\"18/06/25 10:06:12\"|SNS record 0: Sns.Timestamp is not a timestamp",
            "sns/alarm-one-record.json|/Records/0/Sns/MessageAttributes|{\"k\": {\"Type\": \"String\", \"Value\": 7}}|SNS record 0: Sns.MessageAttributes[0].Value is NUMBER, expected a string",
            "sns/alarm-one-record.json|/Records/0/EventSubscriptionArn|null|SNS record 0: lacks EventSubscriptionArn",
            "sns/alarm-one-record.json|/Records/0/Sns|\"text\"|SNS record 0: Sns is STRING, expected an object",
            "eventbridge/alarm-state-change.json|/id|7|EventBridge event: id is NUMBER, expected a string",
            "eventbridge/alarm-state-change.json|/detail|\"[1]\"|EventBridge event: detail is a string that is not a JSON object",
            "eventbridge/alarm-state-change.json|/detail|[]|EventBridge event: detail is ARRAY, expected an object",
            "eventbridge/alarm-state-change.json|/resources|[\"arn:x\", 3]|EventBridge event: resources[1] is NUMBER, expected a string",
            "eventbridge/alarm-state-change.json|/time|\"2025-06-18T09:41:07+00:00\"|EventBridge event: time is not a timestamp",
            "eventbridge/alarm-state-change.json|/account|null|EventBridge event: lacks account"})
    void aWrongTypeOrAMissingFieldIsMalformedAndNamesTheField(String fileFieldValueReason) {
        String[] parts = fileFieldValueReason.split("\\|");
        ObjectNode event = tree(parts[0]);
        int slash = parts[1].lastIndexOf('/');
        ObjectNode parent = (ObjectNode) event.at(parts[1].substring(0, slash));
        parent.set(parts[1].substring(slash + 1), Json.parse(parts[2]));

        String reason = malformed(bytes(event));

        assertThat(reason).startsWith(parts[3]);
    }

    @Test
    void anAlarmActionWithAWrongTypeOrAnUnparseableTimeIsMalformed() {
        ObjectNode action = (ObjectNode) Json.parse(new String(resource("alarm-action-metric.json"), StandardCharsets.UTF_8));
        action.put("accountId", 111122223333L).put("time", "2025-06-18 11:02:31").remove("alarmArn");

        assertThat(malformed(bytes(action))).isEqualTo("alarm action: lacks alarmArn; accountId is NUMBER, expected"
                + " a string; time is not a timestamp of the form 2019-10-02T17:04:40Z or 2023-08-04T12:36:15.490+0000");
    }

    @Test
    void schedulersDefaultNotificationWithItsDetailWrittenAsAStringIsAnEventBridgeEvent() {
        Envelope.EventBridgeEvent event = (Envelope.EventBridgeEvent) Envelopes.decode(
                bytes(tree("schedules/scheduler-default.json")), TopicAllowList.of(List.of())).getFirst();

        assertThat(event.source()).isEqualTo("aws.scheduler");
        assertThat(event.detail().isObject()).isTrue();
        assertThat(event.detail().size()).isZero();
    }

    @Test
    void anEventBridgeEventMissingItsSiblingsIsMalformedNotOther() {
        assertThat(malformed("{\"detail-type\": \"CloudWatch Alarm State Change\"}".getBytes(StandardCharsets.UTF_8)))
                .startsWith("EventBridge event: lacks version; lacks id; lacks source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not json at all", "[1, 2]", "\"aws:sns\"", "{} {}", "null"})
    void anythingButOneJsonObjectIsMalformed(String raw) {
        assertThat(malformed(raw.getBytes(StandardCharsets.UTF_8))).startsWith("the event is");
    }

    @Test
    void reasonsNeverQuoteTheInput() {
        String secret = "hooks.slack.com/services/T000/B000/XXXX";
        List<String> inputs = List.of("{\"Records\": [{\"EventSource\": \"aws:sns\", \"Sns\": {\"TopicArn\": \"" + OPS
                        + "\", \"Message\": [\"" + secret + "\"]}}]}",
                "{\"detail-type\": \"x\", \"time\": \"" + secret + "\"}",
                "{\"url\": \"" + secret + "\", oops}",
                "{\"source\": \"" + secret + "\", \"alarmData\": {}}");

        for (String input : inputs) {
            Envelope envelope = one(input.getBytes(StandardCharsets.UTF_8));
            assertThat(envelope).isInstanceOf(Envelope.Malformed.class);
            assertThat(((Envelope.Malformed) envelope).reason()).doesNotContain(secret).doesNotContain("slack");
        }
    }

    @Test
    void theAllowListRefusesEntriesThatAreNotTopicArnsByPosition() {
        assertThatThrownBy(() -> TopicAllowList.of(List.of(OPS, "ops-alarms", "arn:aws:sqs:eu-west-1:111122223333:q")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("topic allow-list entries 1, 2 are not SNS topic ARNs"
                        + " (arn:<partition>:sns:<region>:<account>:<name>)");
    }
}

package dev.shepherd.alarm;

import static dev.shepherd.alarm.CloudWatchEvents.alarmAction;
import static dev.shepherd.alarm.CloudWatchEvents.change;
import static dev.shepherd.alarm.CloudWatchEvents.eventBridge;
import static dev.shepherd.alarm.CloudWatchEvents.notes;
import static dev.shepherd.alarm.CloudWatchEvents.read;
import static dev.shepherd.alarm.CloudWatchEvents.snsMessage;
import static dev.shepherd.alarm.CloudWatchEvents.unparsed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.alarm.AlarmChange.Child;
import dev.shepherd.alarm.AlarmChange.Value;
import dev.shepherd.core.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference section 7, cases 5–8 and 10–13, on variations of the sample events. */
class AlarmPayloadEdgeCasesTest {
    private static final String SECRETISH = "hunter2-value-from-the-payload";

    private static ObjectNode event(String file) {
        return (ObjectNode) read(file).deepCopy();
    }

    private static ObjectNode detail(ObjectNode event) {
        return (ObjectNode) event.get("detail");
    }

    private static Parsed sns(JsonNode message) {
        return AlarmPayloads.fromSnsMessage("m-1", Json.write(message));
    }

    private static ObjectNode message(String file) {
        return (ObjectNode) snsMessage(file);
    }

    /** Renames orders-api-5xx-high in every place an alarm ARN and name appear in the three paths. */
    private static List<AlarmChange> named(String name) {
        String arn = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + name;
        ObjectNode eb = event("eventbridge-metric-alarm.json");
        ((ArrayNode) eb.get("resources")).removeAll().add(arn);
        detail(eb).put("alarmName", name);
        ObjectNode action = event("alarm-action-metric.json");
        action.put("alarmArn", arn);
        ((ObjectNode) action.get("alarmData")).put("alarmName", name);
        ObjectNode sns = message("sns-same-transition-as-eventbridge.json");
        sns.put("AlarmArn", arn).put("AlarmName", name);
        return List.of(change(eventBridge(eb)), change(alarmAction(action)), change(sns(sns)));
    }

    @Nested
    class Descriptions {
        @Test
        void aDescriptionOf1024CharactersWithMarkupIsKeptVerbatim() {
            String text = "<b>5xx</b> & more: *see* [runbook](https://runbooks.example/orders) `x < y` | _under_\n";
            String description = (text.repeat(20) + "x".repeat(1024)).substring(0, 1024);
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(eb).get("configuration")).put("description", description);
            ObjectNode sns = message("sns-metric-alarm.json").put("AlarmDescription", description);

            assertThat(change(eventBridge(eb)).description()).isEqualTo(description).hasSize(1024);
            assertThat(change(sns(sns)).description()).isEqualTo(description);
        }

        @Test
        void anAbsurdDescriptionIsCutNotRefused() {
            ObjectNode sns = message("sns-metric-alarm.json").put("AlarmDescription", "d".repeat(100_000));

            assertThat(change(sns(sns)).description()).hasSize(Fields.MAX_PROSE + 1).endsWith("d…");
        }

        @Test
        void aMissingDescriptionIsNull() {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(eb).get("configuration")).remove("description");

            assertThat(change(eventBridge(eb)).description()).isNull();
        }
    }

    @Nested
    class Names {
        @ParameterizedTest
        @ValueSource(strings = {"orders api 5xx high", "Bestellungen – Fehlerquote ≥ 5 % 🚨", "team:orders:api:5xx",
                "prod/orders: p99 > 2s (ALB) <&>"})
        void namesWithSpacesUnicodeAndColonsSurviveEveryPath(String name) {
            for (AlarmChange c : named(name)) {
                assertThat(c.alarmName()).isEqualTo(name);
                assertThat(c.alarmArn()).endsWith(":alarm:" + name);
                assertThat(c.accountId()).isEqualTo("111122223333");
                assertThat(c.region()).isEqualTo("eu-west-1");
            }
        }

        @Test
        void aNameOf255CharactersMakesAnArnOver255AndIsAccepted() {
            String name = "orders-" + "é".repeat(248);

            List<AlarmChange> changes = named(name);

            assertThat(changes).allSatisfy(c -> assertThat(c.alarmArn().length()).isGreaterThan(255));
            assertThat(changes).allSatisfy(c -> assertThat(c.alarmName()).isEqualTo(name));
        }

        @Test
        void aNameOver255CharactersIsNotAnAlarmArn() {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            ((ArrayNode) eb.get("resources")).removeAll()
                    .add("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + "n".repeat(256));

            assertThat(unparsed(eventBridge(eb))).isEqualTo("resources[0] is not a CloudWatch alarm ARN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"arn:aws:sns:eu-west-1:111122223333:alarm:x", "arn:aws:cloudwatch:eu-west-1:1111:alarm:x",
                "arn:aws:cloudwatch:eu-west-1:111122223333:dashboard:x", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:",
                "arn:aws:cloudwatch:EU-WEST-1:111122223333:alarm:x", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:a\nb",
                "orders-api-5xx-high"})
        void onlyAlarmArnsAreAccepted(String arn) {
            ObjectNode sns = message("sns-metric-alarm.json").put("AlarmArn", arn);

            assertThat(unparsed(sns(sns))).isEqualTo("AlarmArn is not a CloudWatch alarm ARN");
        }

        @Test
        void otherPartitionsAreAlarmArnsToo() {
            ObjectNode sns = message("sns-metric-alarm.json")
                    .put("AlarmArn", "arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:payments-api-cpu-high")
                    .put("Region", "AWS GovCloud (US-West)");
            Parsed parsed = sns(sns);

            assertThat(change(parsed).region()).isEqualTo("us-gov-west-1");
            assertThat(notes(parsed)).isEmpty();
        }

        @Test
        void aPayloadNameThatDisagreesWithTheArnIsNotedAndTheArnWins() {
            ObjectNode sns = message("sns-metric-alarm.json").put("AlarmName", SECRETISH);
            Parsed parsed = sns(sns);

            assertThat(change(parsed).alarmName()).isEqualTo("payments-api-cpu-high");
            assertThat(notes(parsed)).containsExactly("AlarmName differs from the name in the alarm ARN; the ARN's is used");
        }
    }

    @Nested
    class Regions {
        @Test
        void aRegionDisplayNameThatDisagreesWithTheArnIsNotedAndTheArnWins() {
            ObjectNode sns = message("sns-metric-alarm.json").put("Region", "EU (Ireland)");
            Parsed parsed = sns(sns);

            assertThat(change(parsed).region()).isEqualTo("us-east-1");
            assertThat(notes(parsed))
                    .containsExactly("Region names eu-west-1 but the alarm ARN is in another region; the ARN's is used");
        }

        @Test
        void anUnknownDisplayNameIsNotedWithoutQuotingIt() {
            ObjectNode sns = message("sns-metric-alarm.json").put("Region", SECRETISH);
            Parsed parsed = sns(sns);

            assertThat(change(parsed).region()).isEqualTo("us-east-1");
            assertThat(notes(parsed)).singleElement().asString()
                    .contains("not a display name").doesNotContain(SECRETISH);
        }

        @Test
        void anSnsAccountThatDisagreesWithTheArnIsNoted() {
            ObjectNode sns = message("sns-metric-alarm.json").put("AWSAccountId", "999999999999");
            Parsed parsed = sns(sns);

            assertThat(change(parsed).accountId()).isEqualTo("111122223333");
            assertThat(notes(parsed)).containsExactly("AWSAccountId differs from the alarm ARN's; the ARN's is used");
        }

        @Test
        void anEventBridgeEnvelopeThatDisagreesWithTheArnIsNoted() {
            ObjectNode eb = event("eventbridge-cross-account.json").put("account", "111122223333").put("region", "eu-west-1");
            Parsed parsed = eventBridge(eb);

            assertThat(change(parsed).accountId()).isEqualTo("444455556666");
            assertThat(change(parsed).region()).isEqualTo("us-east-1");
            assertThat(notes(parsed)).containsExactly("account differs from the alarm ARN's; the ARN's is used",
                    "region differs from the alarm ARN's; the ARN's is used");
        }

        @Test
        void anAlarmActionEnvelopeThatDisagreesWithTheArnIsNoted() {
            ObjectNode action = event("alarm-action-metric.json").put("accountId", "444455556666").put("time", "yesterday");
            Parsed parsed = alarmAction(action);

            assertThat(change(parsed).accountId()).isEqualTo("111122223333");
            assertThat(notes(parsed)).containsExactly("accountId differs from the alarm ARN's; the ARN's is used",
                    "time is not a timestamp");
        }
    }

    @Nested
    class TimestampForms {
        @ParameterizedTest
        @ValueSource(strings = {"2025-06-18T09:41:07.318+0000", "2025-06-18T09:41:07.318Z",
                "2025-06-18T11:41:07.318+0200"})
        void stateTimestampsWithOffsetOrZAreTheSameInstant(String timestamp) {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(eb).get("state")).put("timestamp", timestamp);
            ObjectNode sns = message("sns-same-transition-as-eventbridge.json").put("StateChangeTime", timestamp);

            Instant expected = Instant.parse("2025-06-18T09:41:07.318Z");
            assertThat(change(eventBridge(eb)).state().timestamp()).isEqualTo(expected);
            assertThat(change(sns(sns)).state().timestamp()).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"2025-06-18T09:41:07.318", "18/06/25 09:41:07", "2025-02-30T09:41:07.318+0000",
                "2025-06-18 09:41:07.318+0000", "2025-06-18T09:41:07.318+00:00", ""})
        void aStateTimestampThatIsNotOneIsUnparsed(String timestamp) {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(eb).get("state")).put("timestamp", timestamp);

            assertThat(unparsed(eventBridge(eb))).isEqualTo("state.timestamp is not a timestamp");
        }

        @Test
        void aMissingStateTimestampIsUnparsed() {
            ObjectNode sns = message("sns-metric-alarm.json");
            sns.remove("StateChangeTime");

            assertThat(unparsed(sns(sns))).isEqualTo("StateChangeTime is missing");
        }
    }

    @Nested
    class Tags {
        @ParameterizedTest
        @ValueSource(strings = {"FAILURE", "PARTIAL", "success", ""})
        void aStatusOtherThanSuccessMeansUnknown(String status) {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            detail(eb).put("alarmTagsStatus", status);

            assertThat(change(eventBridge(eb)).tags()).isNull();
        }

        @Test
        void aMissingStatusMeansUnknownEvenWithTags() {
            ObjectNode sns = message("sns-same-transition-as-eventbridge.json");
            sns.remove("AlarmTagsStatus");

            assertThat(change(sns(sns)).tagsKnown()).isFalse();
        }

        @Test
        void successWithoutTheObjectIsUnknownAndNoted() {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            detail(eb).remove("alarmTags");
            Parsed parsed = eventBridge(eb);

            assertThat(change(parsed).tagsKnown()).isFalse();
            assertThat(notes(parsed)).singleElement().asString().contains("alarmTags is missing");
        }

        @Test
        void tagsCloudWatchWouldNotAllowAreNotBelieved() {
            ObjectNode tooMany = event("eventbridge-metric-alarm.json");
            ObjectNode tags = ((ObjectNode) detail(tooMany).get("alarmTags"));
            for (int i = 0; i < 50; i++) {
                tags.put("k" + i, "v");
            }
            ObjectNode notText = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(notText).get("alarmTags")).put("severity", 1);
            ObjectNode longValue = event("eventbridge-metric-alarm.json");
            ((ObjectNode) detail(longValue).get("alarmTags")).put("team", "t".repeat(257));

            for (ObjectNode e : List.of(tooMany, notText, longValue)) {
                Parsed parsed = eventBridge(e);
                assertThat(change(parsed).tags()).isNull();
                assertThat(notes(parsed)).singleElement().asString().endsWith("tags unknown");
            }
        }
    }

    @Nested
    class Kinds {
        @Test
        void anExtendedStatisticInSnsIsKeptAsTheStat() {
            ObjectNode sns = message("sns-metric-alarm.json");
            ((ObjectNode) sns.get("Trigger")).put("StatisticType", "ExtendedStatistic").put("ExtendedStatistic", "p99")
                    .remove("Statistic");

            assertThat(change(sns(sns)).metrics().getFirst().stat()).isEqualTo("p99");
        }

        @Test
        void anAnomalyBandIsKnownByItsOperatorAlone() {
            ObjectNode sns = message("sns-anomaly-band.json");
            ObjectNode trigger = (ObjectNode) sns.get("Trigger");
            trigger.remove("ThresholdMetricId");
            ((ObjectNode) trigger.get("Metrics").get(1)).put("Expression", "m1 * 2");

            assertThat(change(sns(sns)).kind()).isEqualTo(AlarmChange.Kind.ANOMALY_BAND);
        }

        @Test
        void snsCompositeSuppressionAndChildrenInPascalCase() {
            ObjectNode sns = message("sns-composite.json")
                    .put("ActionsSuppressedBy", "Alarm")
                    .put("ActionsSuppressedReason", "Alarm orders-maintenance-window is in ALARM")
                    .put("ActionsSuppressor", "orders-maintenance-window")
                    .put("ActionsSuppressorWaitPeriod", 60)
                    .put("ActionsSuppressorExtensionPeriod", 90);
            ObjectNode child = sns.withArray("TriggeringChildren").addObject()
                    .put("Arn", AlarmEventFilesTest.ORDERS_5XX);
            child.putObject("State").put("Value", "ALARM").put("Timestamp", "2025-06-18T12:30:44.112+0000");

            AlarmChange c = change(sns(sns));

            assertThat(c.suppressedBy()).isEqualTo("Alarm");
            assertThat(c.suppressedReason()).isEqualTo("Alarm orders-maintenance-window is in ALARM");
            assertThat(c.suppressor()).isEqualTo(new AlarmChange.Suppressor("orders-maintenance-window", 60, 90));
            assertThat(c.triggering()).containsExactly(new Child(AlarmEventFilesTest.ORDERS_5XX, Value.ALARM,
                    Instant.parse("2025-06-18T12:30:44.112Z")));
        }

        @Test
        void aCompositeWithBrokenReasonDataStillParsesWithoutChildren() {
            ObjectNode eb = event("eventbridge-composite-suppressed.json");
            ((ObjectNode) detail(eb).get("state")).put("reasonData", "{\"triggeringAlarms\":[{\"arn\":");
            Parsed parsed = eventBridge(eb);

            assertThat(change(parsed).triggering()).isEmpty();
            assertThat(change(parsed).suppressedBy()).isEqualTo("WaitPeriod");
            assertThat(notes(parsed)).singleElement().asString()
                    .startsWith("state.reasonData is malformed JSON: it ends early").endsWith("triggering children unknown");
        }

        @Test
        void anUnknownSuppressionValueStillSuppressesAndIsNoted() {
            ObjectNode eb = event("eventbridge-composite-suppressed.json");
            ((ObjectNode) detail(eb).get("state")).put("actionsSuppressedBy", "Maintenance");
            Parsed parsed = eventBridge(eb);

            assertThat(change(parsed).suppressed()).isTrue();
            assertThat(notes(parsed)).containsExactly(
                    "state.actionsSuppressedBy is not WaitPeriod, ExtensionPeriod or Alarm; treated as suppressed");
        }

        @Test
        void aMetricEntryWithNeitherStatNorExpressionIsUnparsed() {
            ObjectNode eb = event("eventbridge-metric-math.json");
            ((ObjectNode) detail(eb).get("configuration").get("metrics").get(0)).remove("expression");

            assertThat(unparsed(eventBridge(eb))).isEqualTo("configuration.metrics[0] has neither metricStat nor expression");
        }
    }

    @Nested
    class ShapesThatAreNotChanges {
        @Test
        void contributorStateChangesAreIgnored() {
            ObjectNode eb = event("eventbridge-metric-alarm.json").put("detail-type", "CloudWatch Alarm Contributor State Change");

            assertThat(eventBridge(eb)).isEqualTo(new Parsed.Ignored("CloudWatch Alarm Contributor State Change"));
        }

        @Test
        void anotherDetailTypeIsUnparsed() {
            ObjectNode eb = event("eventbridge-metric-alarm.json").put("detail-type", SECRETISH);

            assertThat(unparsed(eventBridge(eb))).isEqualTo("detail-type is not a CloudWatch alarm event type");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\n"})
        void anEmptyMessageIsUnparsed(String message) {
            assertThat(unparsed(AlarmPayloads.fromSnsMessage("m-1", message))).isEqualTo("the SNS Message is empty");
        }

        @Test
        void aPlainTextMessageIsUnparsedWithoutQuotingIt() {
            String reason = unparsed(AlarmPayloads.fromSnsMessage("m-1", "ALARM " + SECRETISH));

            assertThat(reason).startsWith("the SNS Message is malformed JSON").doesNotContain(SECRETISH);
        }

        @Test
        void duplicateKeysAreRefused() {
            String message = Json.write(message("sns-metric-alarm.json"));
            String doubled = message.replaceFirst("\\{", "{\"NewStateValue\":\"OK\",");

            assertThat(unparsed(AlarmPayloads.fromSnsMessage("m-1", doubled)))
                    .startsWith("the SNS Message is malformed JSON: Duplicate field 'NewStateValue'");
        }

        @Test
        void aJsonArrayMessageIsUnparsed() {
            assertThat(unparsed(AlarmPayloads.fromSnsMessage("m-1", "[1,2]")))
                    .isEqualTo("the SNS Message is not a CloudWatch alarm notification (no AlarmArn)");
        }

        @Test
        void nullPartsAreUnparsedNotExceptions() {
            assertThat(AlarmPayloads.fromEventBridge(null, null, null, null, null, null)).isInstanceOf(Parsed.Unparsed.class);
            assertThat(unparsed(AlarmPayloads.fromEventBridge("id", AlarmPayloads.STATE_CHANGE, null, null, null, null)))
                    .isEqualTo("resources is empty; the alarm ARN is its first entry");
            assertThat(unparsed(AlarmPayloads.fromEventBridge("id", AlarmPayloads.STATE_CHANGE, null, null,
                    List.of(AlarmEventFilesTest.ORDERS_5XX), null))).isEqualTo("detail is not an object");
            assertThat(unparsed(AlarmPayloads.fromSnsMessage(null, null))).isEqualTo("the SNS Message is empty");
            assertThat(unparsed(AlarmPayloads.fromAlarmAction(null, null, null, null, null))).isEqualTo("alarmArn is missing");
            assertThat(unparsed(AlarmPayloads.fromAlarmAction(AlarmEventFilesTest.ORDERS_5XX, null, null, null,
                    Json.parse("[]")))).isEqualTo("alarmData is not an object");
        }

        @Test
        void aTruncatedDetailIsUnparsedNamingTheMissingPart() {
            ObjectNode eb = event("eventbridge-metric-alarm.json");
            detail(eb).remove("previousState");
            ObjectNode action = event("alarm-action-metric.json");
            ((ObjectNode) action.get("alarmData")).remove("configuration");

            assertThat(unparsed(eventBridge(eb))).isEqualTo("previousState is missing");
            assertThat(unparsed(alarmAction(action))).isEqualTo("configuration is missing");
        }

        /** Whatever field is wrong, the reason names it and never quotes what the publisher put there. */
        @Test
        void reasonsNeverQuoteTheInput() {
            ObjectNode badState = message("sns-metric-alarm.json").put("NewStateValue", SECRETISH);
            ObjectNode badArn = message("sns-metric-alarm.json").put("AlarmArn", SECRETISH);
            ObjectNode badTime = message("sns-metric-alarm.json").put("StateChangeTime", SECRETISH);
            ObjectNode badPeriod = message("sns-metric-alarm.json");
            ((ObjectNode) badPeriod.get("Trigger")).put("Period", SECRETISH);
            ObjectNode hugeName = message("sns-metric-alarm.json");
            ((ObjectNode) hugeName.get("Trigger")).put("MetricName", SECRETISH.repeat(100));

            assertThat(List.of(badState, badArn, badTime, badPeriod, hugeName)).map(m -> unparsed(sns(m)))
                    .containsExactly("NewStateValue is not OK, ALARM or INSUFFICIENT_DATA",
                            "AlarmArn is not a CloudWatch alarm ARN", "StateChangeTime is not a timestamp",
                            "Trigger.Period is not an integer", "Trigger.MetricName is over 2048 characters");
        }

        @Test
        void absurdListsAreUnparsed() {
            ObjectNode eb = event("eventbridge-metric-math.json");
            ArrayNode metrics = (ArrayNode) detail(eb).get("configuration").get("metrics");
            for (int i = 0; i < AlarmPayloads.MAX_METRICS; i++) {
                metrics.add(metrics.get(0).deepCopy());
            }

            assertThat(unparsed(eventBridge(eb))).isEqualTo("configuration.metrics has more than 100 entries");
        }
    }
}

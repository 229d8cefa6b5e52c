package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.MutableClock;
import dev.shepherd.core.Platform;
import dev.shepherd.core.notify.Webhooks;
import dev.shepherd.core.notify.Webhooks.Answer;
import dev.shepherd.sandbox.FakeCodeDeploy;
import dev.shepherd.sandbox.FakeScheduler;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.FakeSns;
import dev.shepherd.sandbox.LocalContext;
import dev.shepherd.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The responder end to end, from the event files in {@code events/}: the real handler on the sandbox (CodeDeploy,
 * DynamoDB, Scheduler, SNS, SSM, Secrets Manager) with Slack, Teams and PagerDuty as real loopback servers.
 */
class AlarmResponderHandlerTest {
    static final Path EVENTS = Path.of("../../events");
    static final String ALARM = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-high";
    static final String GROUP = "shepherd-dev-escalations";
    static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:111122223333:shepherd-dev-ops";
    static final String ROUTING_KEY = "R0UT1NGK3Y0000000000000000000001";

    final MutableClock clock = new MutableClock(Instant.parse("2025-06-18T09:41:08Z"));
    final Sandbox sandbox = new Sandbox();
    Webhooks hooks;
    AlarmResponderHandler handler;

    @BeforeEach
    void world() throws IOException {
        hooks = Webhooks.start()
                .answer("/slack", Answer.of(200, "ok"))
                .answer("/teams", Answer.of(202, ""))
                .answer("/pagerduty", Answer.of(202, "{\"status\":\"success\",\"dedup_key\":\"k\"}"));
        sandbox.load(EVENTS.resolve("scenarios/alarm-orders-release.json"));
        FakeSecretsManager secrets = sandbox.fake(FakeSecretsManager.class);
        secrets.seedSecret("shepherd/dev/slack-ops", "{\"url\":\"" + hooks.url("/slack") + "\"}", null);
        secrets.seedSecret("shepherd/dev/teams-ops", "{\"url\":\"" + hooks.url("/teams") + "\"}", null);
        secrets.seedSecret("shepherd/dev/pagerduty", "{\"routingKey\":\"" + ROUTING_KEY + "\",\"url\":\""
                + hooks.url("/pagerduty") + "\"}", null);
        routes("""
                {"defaultSeverity": "high",
                 "channels": {"ops-slack": {"type": "slack", "secret": "shepherd/dev/slack-ops"},
                              "ops-teams": {"type": "teams", "secret": "shepherd/dev/teams-ops"},
                              "pager": {"type": "pagerduty", "secret": "shepherd/dev/pagerduty"},
                              "ops-topic": {"type": "sns", "topicArn": "%s"}},
                 "severities": {"high": {"notify": ["ops-slack", "pager", "ops-topic"],
                                         "escalation": [{"afterMinutes": 15, "notify": ["ops-teams", "pager"]}]},
                                "low": {"notify": ["ops-topic"]}}}
                """.formatted(OPS_TOPIC));
    }

    @AfterEach
    void stop() {
        hooks.close();
    }

    void routes(String json) {
        ObjectNode ssm = Json.MAPPER.createObjectNode();
        ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/routes").put("Type", "String")
                .put("Value", json);
        sandbox.load(ssm);
        handler = null;
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("SHEPHERD_ENVIRONMENT", "dev");
        env.put("INCIDENT_TABLE", "shepherd-dev-incidents");
        env.put("SCHEDULE_GROUP", GROUP);
        env.put("SCHEDULER_ROLE_ARN", "arn:aws:iam::111122223333:role/shepherd-dev-alarm-scheduler");
        env.put("SELF_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-dev-alarm-responder:live");
        env.put("ALARM_TOPIC_ARNS", "arn:aws:sns:eu-west-1:111122223333:ops-alarms");
        env.put("HTTP_ALLOW_LOOPBACK", "true");
        return env;
    }

    JsonNode invoke(String event) throws IOException {
        return invokeRaw(Files.readAllBytes(EVENTS.resolve(event)));
    }

    JsonNode invokeRaw(byte[] event) throws IOException {
        if (handler == null) {
            handler = new AlarmResponderHandler(new Platform(env(), sandbox, clock));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out,
                new LocalContext("shepherd-dev-alarm-responder", clock, 60_000));
        return Json.parse(out.toString(StandardCharsets.UTF_8)).get("handled");
    }

    List<String> calls() {
        return sandbox.journal().calls().stream().map(c -> c.action()).toList();
    }

    List<FakeScheduler.Pending> pending() {
        return sandbox.fake(FakeScheduler.class).pending();
    }

    @Test
    void okToAlarmStopsTheReleaseWithRollbackAndNotifiesEveryChannelOfTheRouteOnce() throws IOException {
        JsonNode handled = invoke("cloudwatch/eventbridge-metric-alarm.json");

        JsonNode result = handled.get(0);
        assertThat(result.path("decision").asText()).isEqualTo("notify");
        assertThat(result.path("phase").asText()).isEqualTo("OPEN");
        assertThat(result.path("release").toString()).contains("Stopped CodeDeploy orders-app/orders-api-dg deployment d-4ZK8Q2W7N with rollback");
        FakeCodeDeploy codeDeploy = sandbox.fake(FakeCodeDeploy.class);
        assertThat(codeDeploy.deploymentStatus("d-4ZK8Q2W7N").map(Object::toString)).contains("Stopped");
        assertThat(codeDeploy.stoppedWithRollback("d-4ZK8Q2W7N")).contains(true);
        assertThat(result.findValuesAsText("outcome")).containsExactly("DELIVERED", "DELIVERED", "DELIVERED");

        String slack = hooks.received("/slack").getFirst().body();
        assertThat(slack).contains("orders-api-5xx-high is ALARM").contains("d-4ZK8Q2W7N");
        JsonNode pager = Json.parse(hooks.received("/pagerduty").getFirst().body());
        assertThat(pager.path("event_action").asText()).isEqualTo("trigger");
        assertThat(pager.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(pager.path("dedup_key").asText()).isEqualTo(ALARM);
        assertThat(pager.at("/payload/severity").asText()).isEqualTo("error");
        FakeSns.Published published = sandbox.fake(FakeSns.class).published().getFirst();
        assertThat(published.topicArn()).isEqualTo(OPS_TOPIC);
        assertThat(published.attributes().get("severity").stringValue()).isEqualTo("high");
        assertThat(published.attributes().get("environment").stringValue()).isEqualTo("dev");
        assertThat(published.attributes().get("source").stringValue()).isEqualTo("alarm-responder");

        assertThat(pending()).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(Instant.parse("2025-06-18T09:56:08Z"));
            assertThat(p.input()).contains("alarm-escalation").contains("\"step\":1").contains("\"severity\":\"high\"");
        });
        // The stop leaves before anything is told: the release is what is at risk.
        List<String> calls = calls();
        assertThat(calls.indexOf("codedeploy:StopDeployment")).isLessThan(calls.indexOf("sns:Publish"));
    }

    @Test
    void theSameTransitionBySnsAfterEventBridgeNotifiesNothingMore() throws IOException {
        invoke("cloudwatch/eventbridge-metric-alarm.json");
        JsonNode again = invoke("cloudwatch/sns-same-transition-as-eventbridge.json");
        JsonNode retried = invoke("cloudwatch/eventbridge-metric-alarm.json");

        assertThat(again.get(0).path("decision").asText()).isEqualTo("duplicate");
        assertThat(retried.get(0).path("decision").asText()).isEqualTo("duplicate");
        assertThat(hooks.received("/slack")).hasSize(1);
        assertThat(hooks.received("/pagerduty")).hasSize(1);
        assertThat(calls()).containsOnlyOnce("codedeploy:StopDeployment");
    }

    @Test
    void theDirectAlarmActionPathStopsTheReleaseToo() throws IOException {
        JsonNode handled = invoke("cloudwatch/alarm-action-metric.json");

        assertThat(handled.get(0).path("decision").asText()).isEqualTo("notify");
        assertThat(sandbox.fake(FakeCodeDeploy.class).deploymentStatus("d-4ZK8Q2W7N").map(Object::toString)).contains("Stopped");
    }

    @Test
    void stillInAlarmAfterTheDelayEscalatesOnceToTheNextStep() throws IOException {
        invoke("cloudwatch/eventbridge-metric-alarm.json");
        FakeScheduler.Pending due = pending().getFirst();
        clock.advance(Duration.ofMinutes(15));

        String input = sandbox.fake(FakeScheduler.class).fire(due.group(), due.name());
        JsonNode escalated = invokeRaw(input.getBytes(StandardCharsets.UTF_8));
        JsonNode retried = invokeRaw(input.getBytes(StandardCharsets.UTF_8));

        assertThat(escalated.get(0).path("decision").asText()).isEqualTo("escalated");
        assertThat(retried.get(0).path("decision").asText()).isEqualTo("not-due");
        assertThat(hooks.received("/teams")).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("still in ALARM").contains("AdaptiveCard"));
        assertThat(hooks.received("/pagerduty")).hasSize(2);
        assertThat(pending()).as("no further step in the route").isEmpty();
    }

    @Test
    void okResolvesThePagerDutyIncidentWithTheSameKeyAndCancelsThePendingEscalation() throws IOException {
        invoke("cloudwatch/eventbridge-metric-alarm.json");
        clock.advance(Duration.ofMinutes(11)); // past the flap window, before the escalation is due
        JsonNode handled = invoke("cloudwatch/eventbridge-alarm-to-ok.json");

        assertThat(handled.get(0).path("phase").asText()).isEqualTo("RESOLVE");
        List<Webhooks.Received> pager = hooks.received("/pagerduty");
        JsonNode resolve = Json.parse(pager.getLast().body());
        assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.path("dedup_key").asText()).isEqualTo(Json.parse(pager.getFirst().body()).path("dedup_key").asText());
        assertThat(resolve.path("routing_key").asText()).isEqualTo(ROUTING_KEY);
        assertThat(hooks.received("/slack").getLast().body()).contains("Resolved");
        assertThat(pending()).as("the escalation was cancelled").isEmpty();
        assertThat(calls()).containsOnlyOnce("codedeploy:StopDeployment");
    }

    @Test
    void anOlderAlarmAfterANewerOkChangesNothing() throws IOException {
        invoke("cloudwatch/eventbridge-alarm-to-ok.json");
        JsonNode late = invoke("cloudwatch/eventbridge-metric-alarm.json");

        assertThat(late.get(0).path("decision").asText()).isEqualTo("stale");
        assertThat(sandbox.fake(FakeCodeDeploy.class).deploymentStatus("d-4ZK8Q2W7N").map(Object::toString)).contains("InProgress");
        assertThat(hooks.received("/pagerduty")).isEmpty();
    }

    @Test
    void flappingInsideTheWindowIsOneNoticeThenOneRolledUpNotice() throws IOException {
        String alarm = Files.readString(EVENTS.resolve("cloudwatch/eventbridge-metric-alarm.json"));
        invokeRaw(alarm.getBytes(StandardCharsets.UTF_8));
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            String event = i % 2 == 1 ? transition(alarm, "ALARM", "OK", 60L * i) : transition(alarm, "OK", "ALARM", 60L * i);
            assertThat(invokeRaw(event.getBytes(StandardCharsets.UTF_8)).get(0).path("decision").asText())
                    .isEqualTo("rolled-up");
        }
        assertThat(hooks.received("/slack")).hasSize(1);
        assertThat(calls()).containsOnlyOnce("codedeploy:StopDeployment");

        FakeScheduler.Pending flush = pending().stream().filter(p -> p.name().startsWith("shepherd-flush-"))
                .findFirst().orElseThrow();
        clock.advance(Duration.ofMinutes(6));
        JsonNode rolledUp = invokeRaw(sandbox.fake(FakeScheduler.class).fire(flush.group(), flush.name())
                .getBytes(StandardCharsets.UTF_8));

        assertThat(rolledUp.get(0).path("pending").asInt()).isEqualTo(5);
        assertThat(hooks.received("/slack")).hasSize(2);
        assertThat(hooks.received("/slack").getLast().body()).contains("after flapping").contains("5 more state change");
    }

    @Test
    void anAlarmThatOpensANewIncidentInsideTheFlapWindowStillStopsTheNewRelease() throws IOException {
        String alarm = Files.readString(EVENTS.resolve("cloudwatch/eventbridge-metric-alarm.json"));
        invokeRaw(alarm.getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(1));
        invokeRaw(transition(alarm, "ALARM", "OK", 60).getBytes(StandardCharsets.UTF_8));
        sandbox.load(Json.parse("""
                {"codedeploy": {"deployments": [{"deploymentInfo": {"deploymentId": "d-9XPLM2RQ4", "applicationName":
                 "orders-app", "deploymentGroupName": "orders-api-dg", "computePlatform": "ECS", "status": "InProgress"}}]}}
                """));
        clock.advance(Duration.ofMinutes(1));

        JsonNode again = invokeRaw(transition(alarm, "OK", "ALARM", 120).getBytes(StandardCharsets.UTF_8));

        assertThat(again.get(0).path("decision").asText()).isEqualTo("rolled-up");
        assertThat(sandbox.fake(FakeCodeDeploy.class).deploymentStatus("d-9XPLM2RQ4").map(Object::toString))
                .contains("Stopped");
        assertThat(hooks.received("/slack")).as("the notice waits for the window's end").hasSize(1);
    }

    /** The sample ALARM event moved to another transition, {@code seconds} after the original. */
    static String transition(String alarm, String from, String to, long seconds) {
        ObjectNode event = (ObjectNode) Json.parse(alarm);
        ObjectNode detail = (ObjectNode) event.get("detail");
        ((ObjectNode) detail.get("state")).put("value", to).put("timestamp",
                Instant.parse("2025-06-18T09:41:07.318Z").plusSeconds(seconds).toString().replace("Z", "+0000"));
        ((ObjectNode) detail.get("previousState")).put("value", from);
        event.put("id", "transition-" + seconds);
        return Json.write(event);
    }

    @Test
    void anAlarmForwardedFromAnotherAccountIsToldButStopsNothingHere() throws IOException {
        JsonNode handled = invoke("cloudwatch/eventbridge-cross-account.json");

        assertThat(handled.get(0).path("phase").asText()).isEqualTo("OPEN");
        assertThat(calls()).doesNotContain("cloudwatch:ListTagsForResource", "codedeploy:ListDeployments",
                "codedeploy:StopDeployment");
        assertThat(hooks.received("/slack").getFirst().body()).contains("444455556666")
                .contains("nothing is stopped from here");
    }

    @Test
    void insufficientDataToOkAtCreationIsSilent() throws IOException {
        JsonNode handled = invoke("cloudwatch/eventbridge-insufficient-to-ok-at-creation.json");

        assertThat(handled.get(0).path("decision").asText()).isEqualTo("silent");
        assertThat(hooks.received("/slack")).isEmpty();
        assertThat(sandbox.fake(FakeSns.class).published()).isEmpty();
    }

    @Test
    void aSuppressedCompositeIsToldQuietlyNeverPagedAndStopsNothing() throws IOException {
        JsonNode handled = invoke("cloudwatch/eventbridge-composite-suppressed.json");

        assertThat(handled.get(0).path("phase").asText()).isEqualTo("INFO");
        assertThat(handled.get(0).has("release")).isFalse();
        assertThat(hooks.received("/pagerduty")).isEmpty();
        assertThat(hooks.received("/slack").getFirst().body()).contains("WaitPeriod");
        assertThat(calls()).doesNotContain("codedeploy:StopDeployment", "scheduler:CreateSchedule");
    }

    @Test
    void aConfigurationChangeIsIgnoredWithoutANotice() throws IOException {
        JsonNode handled = invoke("cloudwatch/eventbridge-configuration-change.json");

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("ignored");
        assertThat(hooks.received("/slack")).isEmpty();
        assertThat(calls()).doesNotContain("dynamodb:PutItem");
    }

    @Test
    void truncatedAndUnknownShapesBecomeAGenericNoticeNeverAnException() throws IOException {
        JsonNode truncated = invoke("cloudwatch/truncated.json");
        JsonNode unknown = invoke("cloudwatch/unknown-shape.json");
        JsonNode garbage = invokeRaw("{\"Records\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(List.of(truncated, unknown, garbage)).allSatisfy(h ->
                assertThat(h.get(0).path("kind").asText()).isEqualTo("unreadable"));
        assertThat(hooks.received("/slack")).hasSize(3)
                .allSatisfy(r -> assertThat(r.body()).contains("could not be read"));
        assertThat(calls()).doesNotContain("codedeploy:StopDeployment");
    }

    @Test
    void anSnsRecordFromATopicNotOnTheAllowListIsRefusedAndNeverForwarded() throws IOException {
        JsonNode handled = invoke("sns/topic-not-allowed.json");

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("refused");
        assertThat(hooks.received("/slack")).isEmpty();
        assertThat(calls()).as("only the routes, read at init").containsOnly("ssm:GetParameter");
    }

    @Test
    void oneChannelDownNeverStopsTheOthers() throws IOException {
        hooks.answer("/slack", Answer.of(410, "invalid_token"));
        JsonNode handled = invoke("cloudwatch/eventbridge-metric-alarm.json");

        assertThat(handled.get(0).findValuesAsText("outcome")).containsExactly("FAILED", "DELIVERED", "DELIVERED");
        assertThat(hooks.received("/pagerduty")).hasSize(1);
        assertThat(handled.toString()).doesNotContain(hooks.url("/slack")).doesNotContain(ROUTING_KEY);
    }

    @Test
    void aForgedEscalationEventIsRefusedAndPagesNobody() throws IOException {
        JsonNode handled = invokeRaw(("{\"shepherd\":\"alarm-escalation\",\"alarmArn\":\"" + ALARM
                + "\",\"incidentId\":\"i-0000000000000000-1\",\"step\":1,\"severity\":\"critical\"}")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("refused");
        assertThat(hooks.received("/pagerduty")).isEmpty();
    }

    @Test
    void aBrokenRouteFileStopsInitWithOneMessage() {
        routes("{\"defaultSeverity\": \"urgent\", \"channels\": {}, \"severities\": {}}");

        assertThatThrownBy(() -> new AlarmResponderHandler(new Platform(env(), sandbox, clock)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("defaultSeverity");
    }

    @Test
    void missingEnvironmentIsNamedInOneMessage() {
        Map<String, String> env = env();
        env.remove("INCIDENT_TABLE");
        env.remove("SCHEDULE_GROUP");

        assertThatThrownBy(() -> new AlarmResponderHandler(new Platform(env, sandbox, clock)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("INCIDENT_TABLE").hasMessageContaining("SCHEDULE_GROUP");
    }
}

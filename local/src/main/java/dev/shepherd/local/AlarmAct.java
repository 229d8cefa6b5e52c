package dev.shepherd.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeCodeDeploy;
import dev.shepherd.sandbox.FakeScheduler;
import dev.shepherd.sandbox.FakeSecretsManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alarm during a release, through the real alarm responder of the template: orders-api-5xx-high goes to ALARM
 * while CodeDeploy deployment d-4ZK8Q2W7N of orders-api is in progress. The responder stops it with rollback,
 * tells Slack and PagerDuty (real loopback servers) and the ops topic, escalates fifteen minutes later (the act's
 * clock is moved), and resolves when the alarm goes back to OK: PagerDuty resolves the same incident, Slack is
 * told, the next escalation is cancelled. The world is the responder's sample scenario and events.
 */
final class AlarmAct implements DemoAct {
    static final String FUNCTION = "AlarmResponderFunction";
    static final String SCENARIO = "events/scenarios/alarm-orders-release.json";
    static final String ALARM_EVENT = "events/cloudwatch/eventbridge-metric-alarm.json";
    static final String OK_EVENT = "events/cloudwatch/eventbridge-alarm-to-ok.json";
    static final String DEPLOYMENT = "d-4ZK8Q2W7N";
    /** Secret values of the demo's channels; the act must never show them (DemoTest checks it). */
    static final String ROUTING_KEY = "D3M0R0UT1NGK3Y000000000000000042";
    static final String SLACK_PATH = "/services/T0DEMO0000/B0DEMO0000/d3m0W3bh00kT0k3nN0tSh0wn";
    private static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:111122223333:shepherd-dev-ops";
    /** Just after the sample alarm event's transition, as if it had been delivered at once. */
    private static final Instant START = Instant.parse("2025-06-18T09:41:08Z");

    private final Path repo;
    private MovableClock clock;

    AlarmAct(Path repo) {
        this.repo = repo;
    }

    @Override
    public String title() {
        return "an alarm during a release stops it, pages, escalates and resolves";
    }

    /** Called as the act's stage is set, so the clock runs from {@link #START} when the act begins. */
    @Override
    public MovableClock clock() {
        clock = new MovableClock(START);
        return clock;
    }

    @Override
    public void play(Stage stage) throws IOException {
        Objects.requireNonNull(clock, "the act's clock, set with its stage");
        try (LoopbackService slack = LoopbackService.answeringText(200, "ok");
             LoopbackService pagerDuty = LoopbackService.answering(202,
                     "{\"status\":\"success\",\"message\":\"Event processed\"}")) {
            world(stage, slack.port(), pagerDuty.port());
            FakeCodeDeploy codeDeploy = stage.sandbox().fake(FakeCodeDeploy.class);
            FakeScheduler scheduler = stage.sandbox().fake(FakeScheduler.class);
            stage.say("CodeDeploy deployment " + DEPLOYMENT + " of orders-api (orders-app/orders-api-dg) is "
                    + codeDeploy.deploymentStatus(DEPLOYMENT).orElseThrow() + "; alarm orders-api-5xx-high is tagged "
                    + "shepherd:codedeploy=orders-app/orders-api-dg and severity=high");
            stage.say("routes (SSM /shepherd/dev/routes): high -> Slack, PagerDuty and the ops topic; escalation after "
                    + "15 min to PagerDuty and Slack, after 30 min to PagerDuty and the ops topic");
            stage.say("Slack webhook and PagerDuty Events API: real HTTP servers on loopback ports " + slack.port()
                    + " and " + pagerDuty.port() + ", their URLs and routing key in Secrets Manager (never shown)");

            stage.invoke("CloudWatch: orders-api-5xx-high goes OK -> ALARM (EventBridge event)", FUNCTION, read(ALARM_EVENT));
            String status = codeDeploy.deploymentStatus(DEPLOYMENT).map(Object::toString).orElse("unknown");
            boolean rollback = codeDeploy.stoppedWithRollback(DEPLOYMENT).orElse(false);
            stage.say("CodeDeploy " + DEPLOYMENT + ": " + status + ", stopped with rollback: " + rollback);
            JsonNode trigger = last(pagerDuty, 1, "the alarm");
            DemoAct.expect(status.equals("Stopped") && rollback, "the deployment to be stopped with rollback, it is " + status);
            DemoAct.expect(action(trigger).equals("trigger"), "PagerDuty to be triggered, it got " + action(trigger));
            String slackOpen = text(last(slack, 1, "the alarm"));
            DemoAct.expect(slackOpen.contains("orders-api-5xx-high is ALARM"), "Slack to be told of the alarm: " + slackOpen);
            stage.say("Slack received: " + slackOpen);
            stage.say("PagerDuty received: " + excerpt(trigger));
            FakeScheduler.Pending escalation = single(scheduler.pending(), "one escalation to be scheduled");
            stage.say("EventBridge Scheduler holds " + escalation.name() + " for " + escalation.at());

            clock.advance(Duration.between(clock.instant(), escalation.at()).plusSeconds(1));
            String input = scheduler.fire(escalation.group(), escalation.name());
            stage.invoke("15 minutes later, still in ALARM: the schedule fires", FUNCTION, input);
            JsonNode escalated = last(pagerDuty, 2, "the escalation");
            String slackEscalated = text(last(slack, 2, "the escalation"));
            DemoAct.expect(action(escalated).equals("trigger") && dedupKey(escalated).equals(dedupKey(trigger)),
                    "the escalation to page the same incident again: " + excerpt(escalated));
            stage.say("Slack received: " + slackEscalated);
            stage.say("PagerDuty received: " + excerpt(escalated));
            FakeScheduler.Pending next = single(scheduler.pending(), "the next escalation step to be scheduled");
            stage.say("EventBridge Scheduler now holds " + next.name() + " for " + next.at());

            clock.advance(Duration.ofMinutes(2)); // past the sample OK event's transition, 17 minutes after the alarm
            stage.invoke("the 5xx rate falls: orders-api-5xx-high goes ALARM -> OK (EventBridge event)", FUNCTION,
                    read(OK_EVENT));
            JsonNode resolve = last(pagerDuty, 3, "the recovery");
            String slackResolved = text(last(slack, 3, "the recovery"));
            stage.say("Slack received: " + slackResolved);
            stage.say("PagerDuty received: " + excerpt(resolve));
            DemoAct.expect(action(resolve).equals("resolve"), "PagerDuty to be resolved, it got " + action(resolve));
            DemoAct.expect(dedupKey(resolve).equals(dedupKey(trigger)), "the resolve to name the incident it triggered");
            DemoAct.expect(slackResolved.contains("Resolved"), "Slack to be told it is resolved: " + slackResolved);
            DemoAct.expect(scheduler.pending().isEmpty(), "the pending escalation to be cancelled: " + scheduler.pending());
            long stops = stage.sandbox().journal().calls().stream()
                    .filter(c -> c.action().equals("codedeploy:StopDeployment")).count();
            DemoAct.expect(stops == 1, "one StopDeployment, there were " + stops);
            stage.verdict("RESOLVED: the release was stopped and rolled back once, PagerDuty was paged, escalated and "
                    + "resolved under one dedup_key, and the pending escalation was cancelled");
        }
    }

    /** The sample scenario, the channels' secrets pointing at the loopback servers, and routes that use them. */
    private void world(Stage stage, int slackPort, int pagerDutyPort) {
        stage.load(repo.resolve(SCENARIO));
        FakeSecretsManager secrets = stage.sandbox().fake(FakeSecretsManager.class);
        secrets.seedSecret("shepherd/dev/slack-ops",
                "{\"url\":\"http://127.0.0.1:" + slackPort + SLACK_PATH + "\"}", null);
        secrets.seedSecret("shepherd/dev/pagerduty", "{\"routingKey\":\"" + ROUTING_KEY
                + "\",\"url\":\"http://127.0.0.1:" + pagerDutyPort + "/v2/enqueue\"}", null);
        String routes = """
                {"defaultSeverity": "high",
                 "channels": {"ops-slack": {"type": "slack", "secret": "shepherd/dev/slack-ops"},
                              "pager": {"type": "pagerduty", "secret": "shepherd/dev/pagerduty"},
                              "ops-topic": {"type": "sns", "topicArn": "%s"}},
                 "severities": {"high": {"notify": ["ops-slack", "pager", "ops-topic"],
                                         "escalation": [{"afterMinutes": 15, "notify": ["pager", "ops-slack"]},
                                                        {"afterMinutes": 30, "notify": ["pager", "ops-topic"]}]}}}
                """.formatted(OPS_TOPIC);
        ObjectNode ssm = Json.MAPPER.createObjectNode();
        ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/routes")
                .put("Type", "String").put("Value", Json.write(Json.parse(routes)));
        stage.sandbox().load(ssm);
    }

    private String read(String file) throws IOException {
        return Files.readString(repo.resolve(file));
    }

    /** The {@code count}-th request the service received, which must be its last: one per step. */
    private static JsonNode last(LoopbackService service, int count, String step) {
        List<LoopbackService.Request> requests = service.requests();
        DemoAct.expect(requests.size() == count, count + " request(s) by " + step + ", there were " + requests.size());
        return Json.parse(requests.getLast().body());
    }

    /** Slack's fallback text, the one line a notification shows. */
    private static String text(JsonNode slack) {
        return slack.path("text").asText();
    }

    private static String action(JsonNode pagerDuty) {
        return pagerDuty.path("event_action").asText();
    }

    private static String dedupKey(JsonNode pagerDuty) {
        return pagerDuty.path("dedup_key").asText();
    }

    /** What PagerDuty was asked, without the routing key. */
    private static String excerpt(JsonNode pagerDuty) {
        String summary = pagerDuty.at("/payload/summary").asText("");
        return "event_action=" + action(pagerDuty) + ", dedup_key=" + dedupKey(pagerDuty)
                + (summary.isEmpty() ? "" : ", severity=" + pagerDuty.at("/payload/severity").asText()
                + ", summary=\"" + summary + "\"");
    }

    private static <T> T single(List<T> items, String expected) {
        DemoAct.expect(items.size() == 1, expected + ", there are " + items.size() + ": " + items);
        return items.getFirst();
    }
}

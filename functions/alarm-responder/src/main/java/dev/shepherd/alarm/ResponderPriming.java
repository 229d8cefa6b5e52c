package dev.shepherd.alarm;

import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.event.Envelopes;
import dev.shepherd.core.event.TopicAllowList;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Routes;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The responder's canned hot path for SnapStart priming ({@link Priming}), up to the stop call that must leave
 * fast: an alarm event decoded through core's {@link Envelopes} and {@link AlarmPayloads}, the ledger's writes, the
 * targets from its tags and the SSM mapping, the stop (list and stop with rollback), the notice and its SNS publish,
 * and the escalation's schedule, each client marshalled, signed and answered offline. Nothing reaches AWS (no
 * ledger item, no stopped deployment, no message, no schedule, no secret read), the clock is fixed and everything
 * built is thrown away, so the handler's own caches stay empty.
 */
final class ResponderPriming implements Runnable {
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String ACCOUNT = "111122223333";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":shepherd-priming";
    private static final Instant AT = Instant.parse("2025-01-01T00:00:00Z");
    private static final String EVENT = """
            {"version":"0","id":"priming","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch",
             "account":"111122223333","time":"2025-01-01T00:00:00Z","region":"eu-west-1",
             "resources":["arn:aws:cloudwatch:eu-west-1:111122223333:alarm:priming"],
             "detail":{"alarmName":"priming",
              "state":{"value":"ALARM","reason":"Threshold Crossed: priming","timestamp":"2025-01-01T00:00:00.000+0000"},
              "previousState":{"value":"OK","reason":"priming","timestamp":"2024-12-31T23:00:00.000+0000"},
              "configuration":{"description":"priming","metrics":[{"id":"m1","metricStat":{"metric":{
               "namespace":"AWS/ApplicationELB","name":"HTTPCode_Target_5XX_Count","dimensions":{"LoadBalancer":"priming"}},
               "period":60,"stat":"Sum"},"returnData":true}]},
              "alarmTags":{"severity":"high","shepherd:codedeploy":"priming-app/priming-dg"},
              "alarmTagsStatus":"SUCCESS"}}""";
    private static final String ROUTES = """
            {"defaultSeverity":"high","channels":{"topic":{"type":"sns","topicArn":"%s"}},
             "severities":{"high":{"notify":["topic"],"escalation":[{"afterMinutes":15,"notify":["topic"]}]}}}"""
            .formatted(TOPIC);
    /** Answers the transition's PutItem and, as the item before it, the alarm's UpdateItem: an OK alarm, no incident. */
    private static final String LEDGER = """
            {"Attributes":{"pk":{"S":"alarm#priming"},"state":{"S":"OK"},"stateAt":{"N":"1735686000000"},
             "notifiedAt":{"N":"1735686000000"},"rolledUp":{"N":"0"}}}""";
    /** Answers ListDeployments (one in flight) and StopDeployment. */
    private static final String CODEDEPLOY = "{\"deployments\":[\"d-PRIMING00\"],\"status\":\"Pending\"}";
    private static final String MAPPING = "{\"Parameter\":{\"Name\":\"/shepherd/priming/alarm-targets\",\"Type\":\"String\","
            + "\"Value\":\"{\\\"priming\\\":{\\\"codedeploy\\\":[\\\"priming-app/priming-dg\\\"]}}\"}}";

    private final String region;

    ResponderPriming(Platform platform) {
        this.region = platform.env("AWS_REGION");
    }

    @Override
    public void run() {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        Deadline deadline = Deadline.of(clock, 60_000, AlarmResponderHandler.RESERVE);
        AlarmChange change = change();
        Routes routes = Routes.parse(ROUTES, "the priming routes");
        try (DynamoDbClient dynamo = Priming.offline(DynamoDbClient.builder(), region, JSON_1_0, LEDGER);
                CodeDeployClient codeDeploy = Priming.offline(CodeDeployClient.builder(), region, JSON_1_1, CODEDEPLOY);
                EcsClient ecs = Priming.offline(EcsClient.builder(), region, JSON_1_1, "{}");
                LambdaClient lambda = Priming.offline(LambdaClient.builder(), region, "application/json", "{}");
                SsmClient ssm = Priming.offline(SsmClient.builder(), region, JSON_1_1, MAPPING);
                CloudWatchClient cloudWatch = Priming.offline(CloudWatchClient.builder(), region, "text/xml",
                        "<ListTagsForResourceResponse><ListTagsForResourceResult><Tags/></ListTagsForResourceResult>"
                                + "</ListTagsForResourceResponse>");
                SnsClient sns = Priming.offline(SnsClient.builder(), region, "text/xml",
                        "<PublishResponse><PublishResult><MessageId>priming</MessageId></PublishResult></PublishResponse>");
                SchedulerClient scheduler = Priming.offline(SchedulerClient.builder(), region, "application/json",
                        "{\"ScheduleArn\":\"arn:aws:scheduler:eu-west-1:" + ACCOUNT + ":schedule/priming/priming\"}")) {
            Platform offline = serving(clock, Map.of(CodeDeployClient.class, codeDeploy, EcsClient.class, ecs,
                    LambdaClient.class, lambda, SsmClient.class, ssm, CloudWatchClient.class, cloudWatch));
            Decision decision = new IncidentLedger(dynamo, new IncidentLedger.Settings("priming",
                    IncidentLedger.DEFAULT_FLAP_WINDOW)).record(change, AT);
            if (!(decision instanceof Decision.Notify notify)) {
                throw new IllegalStateException("the priming change was not let through: " + decision);
            }
            Correlation correlation = new AlarmTargets(offline, "priming", ACCOUNT).resolve(change, deadline);
            StopReport stop = new DeploymentStopper(offline).stop(change, correlation.targets(), deadline);
            Routes.SeverityChoice severity = routes.severityFor(correlation.tags().get("severity"));
            Notice notice = new AlarmNotices("priming").change(change, Phase.OPEN, severity.severity(),
                    severity.defaulted(), correlation, stop, notify.rolledUpSince());
            // The same request shape as core's SNS channel, answered in memory: no message is sent.
            sns.publish(r -> r.topicArn(TOPIC).subject(notice.heading()).message(notice.summary())
                    .messageAttributes(Map.of("severity", text(severity.severity().wire()), "environment",
                            text(notice.environment()), "source", text(notice.source()))));
            new Escalations(scheduler, new Escalations.Settings("priming",
                    "arn:aws:lambda:eu-west-1:" + ACCOUNT + ":function:priming:live",
                    "arn:aws:iam::" + ACCOUNT + ":role/priming")).schedule(change.alarmArn(), notify.incidentId(), 1,
                    severity.severity(), AT.plus(routes.route(severity.severity()).escalation().getFirst().after()));
        }
    }

    private static AlarmChange change() {
        List<Envelope> envelopes = Envelopes.decode(EVENT.getBytes(StandardCharsets.UTF_8), TopicAllowList.of(List.of()));
        if (envelopes.getFirst() instanceof Envelope.EventBridgeEvent e
                && AlarmPayloads.fromEventBridge(e.id(), e.detailType(), e.account(), e.region(), e.resources(),
                        e.detail()) instanceof Parsed.Change c) {
            return c.change();
        }
        throw new IllegalStateException("the priming event did not parse as an alarm change");
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** A platform handing out only the offline clients, for the parts that take a platform. */
    private Platform serving(Clock clock, Map<Class<?>, SdkClient> clients) {
        return new Platform(Map.of("AWS_REGION", region), new ClientSource() {
            @Override
            public <T extends SdkClient> T client(Class<T> type) {
                SdkClient client = clients.get(type);
                if (client == null) {
                    throw new IllegalStateException("priming has no offline " + type.getSimpleName());
                }
                return type.cast(client);
            }
        }, clock);
    }
}

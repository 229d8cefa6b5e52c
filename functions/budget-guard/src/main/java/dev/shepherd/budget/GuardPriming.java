package dev.shepherd.budget;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.event.Envelopes;
import dev.shepherd.core.event.TopicAllowList;
import dev.shepherd.core.notify.Notice;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The budget guard's canned hot path for SnapStart priming ({@link Priming}), an ACTUAL alert that acts: an SNS
 * budget message decoded through core's {@link Envelopes} and {@link BudgetMessages}, the ledger's claim and done,
 * the Cost Explorer context, the {@code DescribeBudget} confirmation, the scale-to-zero of one opted-in service
 * (its listing, its auto-scaling target, the restore tag, the target's limits and the desired count), the notice
 * and its SNS publish, each client marshalled, signed and answered offline. Nothing reaches AWS (no ledger item, no
 * service changed, no message, no Cost Explorer request billed, no secret read), the clock is fixed and everything
 * built is thrown away, so the handler's own Cost Explorer cache stays empty.
 */
final class GuardPriming implements Runnable {
    private static final String JSON_1_0 = "application/x-amz-json-1.0";
    private static final String JSON_1_1 = "application/x-amz-json-1.1";
    private static final String ACCOUNT = "111122223333";
    private static final String TOPIC = "arn:aws:sns:eu-west-1:" + ACCOUNT + ":shepherd-priming";
    private static final Instant AT = Instant.parse("2025-01-15T09:00:00Z");
    /** Cost Explorer and Budgets are reached in us-east-1 at one endpoint, as core's factory builds them. */
    private static final String GLOBAL_REGION = "us-east-1";
    private static final String SUBJECT = "AWS Budgets: priming has exceeded your alert threshold";
    private static final String MESSAGE = """
            AWS Budget Notification January 15, 2025
            AWS Account 111122223333

            Dear AWS Customer,

            You requested that we alert you when the ACTUAL Cost associated with your priming budget is greater \
            than $100.00 for the current month. The ACTUAL Cost associated with this budget is $120.00. You can \
            find additional details below and by accessing the AWS Budgets dashboard [1].

            Budget Name: priming
            Budget Type: Cost
            Budgeted Amount: $100.00
            Alert Type: ACTUAL
            Alert Threshold: > $100.00
            ACTUAL Amount: $120.00

            [1] https://console.aws.amazon.com/billing/home#/budgets""";
    private static final String POLICY = """
            {"actions": {"mode": "on", "atPercent": 100, "budgets": ["priming"], "clusters": ["priming"],
                         "environments": ["priming"]},
             "context": {"topServices": 3}}""";
    /** Answers DescribeBudget: a monthly USD cost budget at 120 %. */
    private static final String BUDGET = """
            {"Budget":{"BudgetName":"priming","BudgetLimit":{"Amount":"100.0","Unit":"USD"},"TimeUnit":"MONTHLY",
             "BudgetType":"COST","CalculatedSpend":{"ActualSpend":{"Amount":"120.0","Unit":"USD"}}}}""";
    /** Answers GetCostAndUsage (grouped and daily, one page) and GetCostForecast; each reads its own members. */
    private static final String COSTS = """
            {"ResultsByTime":[{"TimePeriod":{"Start":"2025-01-14","End":"2025-01-15"},
              "Total":{"UnblendedCost":{"Amount":"4.0","Unit":"USD"}},
              "Groups":[{"Keys":["priming"],"Metrics":{"UnblendedCost":{"Amount":"4.0","Unit":"USD"}}}],
              "Estimated":true}],
             "Total":{"Amount":"68.0","Unit":"USD"}}""";
    /** Answers ListServices, DescribeServices, TagResource and UpdateService: one opted-in service at 1. */
    private static final String ECS = """
            {"serviceArns":["arn:aws:ecs:eu-west-1:111122223333:service/priming/priming"],
             "services":[{"serviceArn":"arn:aws:ecs:eu-west-1:111122223333:service/priming/priming",
              "serviceName":"priming","clusterArn":"arn:aws:ecs:eu-west-1:111122223333:cluster/priming",
              "desiredCount":1,"tags":[{"key":"shepherd:cost-action","value":"scale-to-zero"},
              {"key":"environment","value":"priming"}]}]}""";
    /** Answers DescribeScalableTargets and RegisterScalableTarget: the service's target, not suspended. */
    private static final String SCALING = """
            {"ScalableTargets":[{"ServiceNamespace":"ecs","ResourceId":"service/priming/priming",
              "ScalableDimension":"ecs:service:DesiredCount","MinCapacity":1,"MaxCapacity":2,
              "SuspendedState":{"DynamicScalingInSuspended":false,"DynamicScalingOutSuspended":false,
               "ScheduledScalingSuspended":false}}]}""";

    private final String region;

    GuardPriming(Platform platform) {
        this.region = platform.env("AWS_REGION");
    }

    @Override
    public void run() {
        Clock clock = Clock.fixed(AT, ZoneOffset.UTC);
        Deadline deadline = Deadline.of(clock, 60_000, BudgetGuardHandler.RESERVE);
        Envelope.SnsNotification notification = notification();
        if (!(BudgetMessages.classify(notification.subject(), notification.message())
                instanceof BudgetMessages.Budget(BudgetAlert alert))) {
            throw new IllegalStateException("the priming message did not read as a budget alert");
        }
        CostPolicy policy = CostPolicy.parse(POLICY, "the priming cost policy", "priming");
        // The older and global modules get the endpoint core's factory gives them, so their builders, as the real
        // ones, resolve none from the SDK's metadata of every service.
        try (DynamoDbClient dynamo = Priming.offline(DynamoDbClient.builder(), region, JSON_1_0, "{}");
                CostExplorerClient ce = Priming.offline(CostExplorerClient.builder()
                        .endpointOverride(URI.create("https://ce.us-east-1.amazonaws.com")), GLOBAL_REGION, JSON_1_1,
                        COSTS);
                BudgetsClient budgets = Priming.offline(BudgetsClient.builder()
                        .endpointOverride(URI.create("https://budgets.amazonaws.com")), GLOBAL_REGION, JSON_1_1, BUDGET);
                EcsClient ecs = Priming.offline(EcsClient.builder(), region, JSON_1_1, ECS);
                ApplicationAutoScalingClient scaling = Priming.offline(ApplicationAutoScalingClient.builder()
                        .endpointOverride(URI.create("https://application-autoscaling." + region + ".amazonaws.com")),
                        region, JSON_1_1, SCALING);
                SnsClient sns = Priming.offline(SnsClient.builder(), region, "text/xml",
                        "<PublishResponse><PublishResult><MessageId>priming</MessageId></PublishResult></PublishResponse>")) {
            Platform offline = serving(clock, Map.of(CostExplorerClient.class, ce, BudgetsClient.class, budgets,
                    EcsClient.class, ecs, ApplicationAutoScalingClient.class, scaling));
            AlertLedger ledger = new AlertLedger(dynamo, "priming", Duration.ofMinutes(3), clock);
            AlertKeys.Key key = AlertKeys.budget(alert, ACCOUNT, notification.timestamp());
            if (ledger.claim(key, null) != AlertLedger.Claim.NEW) {
                throw new IllegalStateException("the priming alert was not claimed");
            }
            CostSnapshot context = CostSnapshot.of(new CostContext(offline, policy.topServices()), ACCOUNT,
                    policy.costTag());
            ActionReport report = new CostAction(policy, new BudgetConfirmation(offline),
                    new ScaleToZero(offline, policy.clusters(), policy.environments()), ACCOUNT, "priming")
                    .onBudget(alert, deadline);
            if (!report.changed()) {
                throw new IllegalStateException("the priming alert did not reach the scale-down: " + report.lines());
            }
            Notice notice = new BudgetNotices("priming").budget(alert, key.value(), context, report, AT);
            // The same request shape as core's SNS channel, answered in memory: no message is sent.
            sns.publish(r -> r.topicArn(TOPIC).subject(notice.heading()).message(notice.summary())
                    .messageAttributes(Map.of("severity", text(notice.severity().wire()), "environment",
                            text(notice.environment()), "source", text(notice.source()))));
            ledger.done(key);
        }
    }

    /** The canned message as SNS delivers it, decoded as the handler decodes every event. */
    private static Envelope.SnsNotification notification() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.putArray("Records").addObject().put("EventSource", "aws:sns").put("EventVersion", "1.0")
                .put("EventSubscriptionArn", TOPIC + ":priming").putObject("Sns").put("Type", "Notification")
                .put("MessageId", "priming").put("TopicArn", TOPIC).put("Subject", SUBJECT).put("Message", MESSAGE)
                .put("Timestamp", AT.toString()).putObject("MessageAttributes");
        List<Envelope> envelopes = Envelopes.decode(Json.write(event).getBytes(StandardCharsets.UTF_8),
                TopicAllowList.of(List.of(TOPIC)));
        if (envelopes.getFirst() instanceof Envelope.SnsNotification n) {
            return n;
        }
        throw new IllegalStateException("the priming event did not decode as an SNS notification");
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

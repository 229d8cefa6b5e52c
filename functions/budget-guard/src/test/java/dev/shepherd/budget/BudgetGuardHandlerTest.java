package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeApplicationAutoScaling;
import dev.shepherd.core.notify.Webhooks;
import dev.shepherd.sandbox.FakeEcs;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * The budget guard end to end, from the message files in {@code events/}: the real handler on the sandbox (SNS,
 * SSM, DynamoDB, Budgets, Cost Explorer, ECS, Application Auto Scaling) with the scenario
 * {@code events/scenarios/budget-dev-overrun.json}: a dev account over its monthly budget on 14 December 2026.
 * Edge cases of the reference's section 7 (budget guard) are named after the case.
 */
class BudgetGuardHandlerTest {
    static final Path EVENTS = Path.of("../../events");
    static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:111122223333:shepherd-dev-ops";
    static final String BUDGET_TOPIC = "arn:aws:sns:eu-west-1:111122223333:shepherd-dev-budget-alerts";
    static final String SAMPLE_TOPIC = "arn:aws:sns:us-east-1:111122223333:budget-alerts";
    static final String ANOMALY_TOPIC = "arn:aws:sns:us-east-1:111122223333:cost-anomalies";
    static final String CLUSTER = "arn:aws:ecs:eu-west-1:111122223333:cluster/shepherd-dev";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-14T09:00:00Z"), ZoneOffset.UTC);

    final Sandbox sandbox = new Sandbox();
    BudgetGuardHandler handler;

    @BeforeEach
    void world() {
        sandbox.load(EVENTS.resolve("scenarios/budget-dev-overrun.json"));
    }

    void policy(String json) {
        ObjectNode ssm = Json.MAPPER.createObjectNode();
        ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/cost-policy")
                .put("Type", "String").put("Value", json);
        sandbox.load(ssm);
        handler = null;
    }

    void modeOn() {
        policy("""
                {"actions": {"mode": "on", "atPercent": 100, "budgets": ["dev-monthly", "platform-monthly"],
                             "clusters": ["shepherd-dev"], "environments": ["dev"]},
                 "context": {"topServices": 3}}""");
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-1");
        env.put("SHEPHERD_ENVIRONMENT", "dev");
        env.put("ALERT_TABLE", "shepherd-dev-budget-alerts");
        env.put("ACCOUNT_ID", "111122223333");
        env.put("BUDGET_TOPIC_ARNS", String.join(",", BUDGET_TOPIC, SAMPLE_TOPIC, ANOMALY_TOPIC));
        return env;
    }

    JsonNode invoke(String event) throws IOException {
        return invokeRaw(Files.readAllBytes(EVENTS.resolve(event)));
    }

    JsonNode invokeRaw(byte[] event) throws IOException {
        if (handler == null) {
            handler = new BudgetGuardHandler(new Platform(env(), sandbox, CLOCK));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out,
                new LocalContext("shepherd-dev-budget-guard", CLOCK, 60_000));
        return Json.parse(out.toString(StandardCharsets.UTF_8)).get("handled");
    }

    /** The event file with its SNS record's MessageId and TopicArn replaced: another delivery of the same alert. */
    byte[] redelivered(String event, String messageId, String topicArn) throws IOException {
        JsonNode root = Json.parse(Files.readString(EVENTS.resolve(event)));
        ObjectNode sns = (ObjectNode) root.path("Records").path(0).path("Sns");
        sns.put("MessageId", messageId).put("TopicArn", topicArn);
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    List<FakeSns.Published> notices() {
        return sandbox.fake(FakeSns.class).published();
    }

    Service svc(String name) {
        return sandbox.fake(FakeEcs.class).service("arn:aws:ecs:eu-west-1:111122223333:service/shepherd-dev/" + name);
    }

    Map<String, String> tags(String name) {
        return svc(name).tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    ScalableTarget target(String name) {
        return sandbox.fake(FakeApplicationAutoScaling.class).target("service/shepherd-dev/" + name);
    }

    int writes() {
        return sandbox.journal().calls("ecs", "UpdateService").size() + sandbox.journal().calls("ecs", "TagResource").size()
                + sandbox.journal().calls("ecs", "UntagResource").size()
                + sandbox.journal().calls("application-autoscaling", "RegisterScalableTarget").size();
    }

    @Test
    void forecastedAboveOneHundredPercentOnlyNotifiesNeverScales() throws IOException {
        modeOn();

        JsonNode handled = invoke("budgets/dev-forecasted.json");

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("budget");
        assertThat(handled.get(0).path("action").get(0).asText()).isEqualTo("none: FORECASTED alerts never act");
        assertThat(writes()).isZero();
        assertThat(sandbox.journal().calls("budgets", "DescribeBudget")).isEmpty();
        FakeSns.Published notice = notices().getFirst();
        assertThat(notice.topicArn()).isEqualTo(OPS_TOPIC);
        assertThat(notice.message()).contains("Budget dev-monthly: forecast $2,790.00 of $1,000.00 (279 %)")
                .contains("FORECASTED alerts never act");
    }

    @Test
    void actualAlertInDryRunPlansEveryServiceAndChangesNothing() throws IOException {
        JsonNode handled = invoke("budgets/dev-actual-over.json");

        List<String> action = lines(handled.get(0).path("action"));
        assertThat(action.getFirst()).isEqualTo("AWS Budgets confirms $1,083.40 of $1,000.00 (108.34 %), at or above"
                + " the policy's 100 %; dry run, nothing changed:");
        assertThat(action).anyMatch(l -> l.startsWith("PLANNED shepherd-dev/preview-web: desired 3 -> 0, scaling min 2 -> 0"))
                .anyMatch(l -> l.startsWith("PLANNED shepherd-dev/preview-worker: desired 2 -> 0"))
                .contains("SKIPPED shepherd-dev/orders-api: production (environment=prod)")
                .anyMatch(l -> l.startsWith("SKIPPED shepherd-dev/reports: not opted in"));
        assertThat(writes()).isZero();
        assertThat(svc("preview-web").desiredCount()).isEqualTo(3);
        assertThat(notices()).hasSize(1);
    }

    @Test
    void actualAlertScalesOptedInDevServicesToZeroAndTheRestoreBringsBackTheExactCountsAndLimits() throws IOException {
        modeOn();

        JsonNode handled = invoke("budgets/dev-actual-over.json");

        assertThat(lines(handled.get(0).path("action"))).anyMatch(l -> l.startsWith("SCALED shepherd-dev/preview-web"))
                .anyMatch(l -> l.startsWith("SCALED shepherd-dev/preview-worker"))
                .contains("SKIPPED shepherd-dev/orders-api: production (environment=prod)");
        assertThat(svc("preview-web").desiredCount()).isZero();
        assertThat(svc("preview-worker").desiredCount()).isZero();
        assertThat(svc("orders-api").desiredCount()).isEqualTo(4);
        assertThat(svc("reports").desiredCount()).isEqualTo(1);
        assertThat(tags("preview-web")).containsEntry("shepherd:restore", "v1 desired=3 min=2 max=6 suspend=-");
        assertThat(tags("orders-api")).doesNotContainKey("shepherd:restore");
        assertThat(target("preview-web").minCapacity()).isZero();
        assertThat(notices().getFirst().message()).contains("SCALED shepherd-dev/preview-web");
        assertThat(notices().getFirst().attribute("severity")).isEqualTo("high");

        JsonNode restored = invoke("eventbridge/cost-restore.json");

        assertThat(restored.get(0).path("kind").asText()).isEqualTo("restore");
        assertThat(svc("preview-web").desiredCount()).isEqualTo(3);
        assertThat(svc("preview-worker").desiredCount()).isEqualTo(2);
        ScalableTarget t = target("preview-web");
        assertThat(List.of(t.minCapacity(), t.maxCapacity())).containsExactly(2, 6);
        assertThat(t.suspendedState().dynamicScalingInSuspended()).isFalse();
        assertThat(t.suspendedState().dynamicScalingOutSuspended()).isFalse();
        assertThat(t.suspendedState().scheduledScalingSuspended()).isFalse();
        assertThat(tags("preview-web")).doesNotContainKey("shepherd:restore");
        assertThat(tags("preview-worker")).doesNotContainKey("shepherd:restore");
        assertThat(svc("orders-api").desiredCount()).isEqualTo(4);
        assertThat(notices().getLast().message()).contains("Cost restore: 2 service(s) brought back");
    }

    @Test
    void duplicateSnsDeliveryAndTheSameAlertFromTwoTopicsActOnce() throws IOException {
        modeOn();
        invoke("budgets/dev-actual-over.json");
        int writesAfterFirst = writes();

        JsonNode again = invoke("budgets/dev-actual-over.json");
        JsonNode otherTopic = invokeRaw(redelivered("budgets/dev-actual-over.json",
                "9f0e1d2c-3b4a-4596-8877-665544332211", SAMPLE_TOPIC));

        assertThat(again.get(0).path("claim").asText()).isEqualTo("DUPLICATE");
        assertThat(otherTopic.get(0).path("claim").asText()).isEqualTo("DUPLICATE");
        assertThat(writes()).isEqualTo(writesAfterFirst);
        assertThat(notices()).hasSize(1);
        assertThat(sandbox.journal().calls("budgets", "DescribeBudget")).hasSize(1);
    }

    @Test
    void unknownTextIsForwardedRawAndTriggersZeroActions() throws IOException {
        modeOn();

        JsonNode handled = invoke("budgets/unknown-text.json");

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("unrecognized");
        assertThat(writes()).isZero();
        assertThat(sandbox.journal().calls("budgets", "DescribeBudget")).isEmpty();
        String raw = Json.parse(Files.readString(EVENTS.resolve("budgets/unknown-text.json")))
                .at("/Records/0/Sns/Message").asText();
        assertThat(notices().getFirst().message()).contains("Unrecognised message on the budget topic")
                .contains(raw.lines().findFirst().orElseThrow())
                .contains("none: an unread message never triggers one");
    }

    @Test
    void aRecordFromAnotherTopicIsRefusedUnreadAndNotForwarded() throws IOException {
        modeOn();

        JsonNode handled = invokeRaw(redelivered("budgets/dev-actual-over.json", "m-1",
                "arn:aws:sns:eu-west-1:444455556666:someone-elses-topic"));

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("rejected");
        assertThat(notices()).isEmpty();
        assertThat(writes()).isZero();
    }

    @Test
    void aForgedActualAlertThatAwsBudgetsDoesNotConfirmNeverActs() throws IOException {
        modeOn();
        sandbox.load(Json.parse("""
                {"budgets": {"budgets": [{"accountId": "111122223333", "budget": {"BudgetName": "dev-monthly",
                  "BudgetLimit": {"Amount": "1000.0", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST",
                  "CalculatedSpend": {"ActualSpend": {"Amount": "412.0", "Unit": "USD"}}}}]}}"""));

        JsonNode handled = invoke("budgets/dev-actual-over.json");

        assertThat(handled.get(0).path("action").get(0).asText()).isEqualTo("none: AWS Budgets confirms $412.00 of"
                + " $1,000.00 (41.2 %), below the policy's 100 %");
        assertThat(writes()).isZero();
    }

    @Test
    void eurBudgetIsShownInItsCurrencyAndNeverActsAgainstAUsdBudget() throws IOException {
        policy("""
                {"actions": {"mode": "on", "budgets": ["eu-shop"], "clusters": ["shepherd-dev"]}}""");
        String name = Json.parse(Files.readString(EVENTS.resolve("budgets/eur-budget.json")))
                .at("/Records/0/Sns/Message").asText();
        assertThat(name).contains("Budget Name: eu-shop");

        JsonNode handled = invoke("budgets/eur-budget.json");

        assertThat(writes()).isZero();
        assertThat(handled.get(0).path("action").get(0).asText()).startsWith("none: ");
        assertThat(notices().getFirst().message()).contains(" EUR").contains("Cost Explorer figures below are USD");
    }

    @Test
    void aBudgetOfAnotherAccountNeverActsHere() throws IOException {
        modeOn();
        JsonNode root = Json.parse(Files.readString(EVENTS.resolve("budgets/dev-actual-over.json")));
        ObjectNode sns = (ObjectNode) root.at("/Records/0/Sns");
        sns.put("Message", sns.path("Message").asText().replace("AWS Account 111122223333", "AWS Account 444455556666"));

        JsonNode handled = invokeRaw(Json.write(root).getBytes(StandardCharsets.UTF_8));

        assertThat(handled.get(0).path("action").get(0).asText()).isEqualTo("none: the budget belongs to account"
                + " 444455556666; only this account's (111122223333) budgets act here");
        assertThat(sandbox.journal().calls("budgets", "DescribeBudget")).isEmpty();
        assertThat(writes()).isZero();
    }

    @Test
    void aBudgetAwsBudgetsDoesNotKnowNeverActs() throws IOException {
        modeOn();

        JsonNode handled = invoke("budgets/actual-monthly.json");

        assertThat(handled.get(0).path("action").get(0).asText())
                .isEqualTo("none: not confirmed by AWS Budgets: DescribeBudget answered NotFoundException");
        assertThat(writes()).isZero();
    }

    @Test
    void theNoticeCarriesTopServicesSpendPerEnvironmentForecastAndTheDailySparkline() throws IOException {
        invoke("budgets/dev-actual-over.json");

        String message = notices().getFirst().message();
        assertThat(message).contains("Amazon Elastic Container Service: $722.65")
                .contains("Amazon Relational Database Service: $297.70")
                .contains("By environment: dev: $1,060.65").contains("staging: $18.20").contains("(untagged): $4.55")
                .contains("Month end: $2,856.40 projected ($1,083.40 spent + $1,773.00 forecast)")
                .contains("▁").contains("█")
                .contains("Dec 1 to Dec 13");
    }

    @Test
    void aStormOfTwentyAlertsCostsOneCostExplorerRequestPerQuery() throws IOException {
        for (int i = 0; i < 20; i++) {
            invokeRaw(redelivered("budgets/dev-actual-over.json", "storm-" + i, BUDGET_TOPIC));
        }

        assertThat(sandbox.journal().calls("ce", "GetCostAndUsage")).hasSize(3);
        assertThat(sandbox.journal().calls("ce", "GetCostForecast")).hasSize(1);
        assertThat(notices()).hasSize(1);
    }

    @Test
    void costExplorerThrottledStillNotifiesAndSaysWhatIsMissing() throws IOException {
        sandbox.load(Json.parse("""
                {"costexplorer": {"faults": {"GetCostAndUsage": ["LimitExceededException", "LimitExceededException",
                  "LimitExceededException", "LimitExceededException"]}}}"""));

        invoke("budgets/dev-actual-over.json");

        assertThat(notices().getFirst().message()).contains("unavailable (LimitExceededException)");
    }

    @Test
    void sameAnomalyOnConsecutiveDaysIsNotifiedAgainOnlyWhenItsImpactGrew() throws IOException {
        invoke("budgets/anomaly.json");
        JsonNode same = invoke("budgets/anomaly.json");
        JsonNode root = Json.parse(Files.readString(EVENTS.resolve("budgets/anomaly.json")));
        ObjectNode sns = (ObjectNode) root.at("/Records/0/Sns");
        ObjectNode anomaly = (ObjectNode) Json.parse(sns.path("Message").asText());
        double impact = anomaly.at("/impact/totalImpact").asDouble();
        ((ObjectNode) anomaly.path("impact")).put("totalImpact", impact + 250);
        sns.put("Message", Json.write(anomaly)).put("MessageId", "next-day");

        JsonNode grown = invokeRaw(Json.write(root).getBytes(StandardCharsets.UTF_8));

        assertThat(same.get(0).path("claim").asText()).isEqualTo("DUPLICATE");
        assertThat(grown.get(0).path("claim").asText()).isEqualTo("GREW");
        assertThat(notices()).hasSize(2);
        assertThat(notices().getLast().message()).contains("Cost anomaly grew");
    }

    @Test
    void costAnomalyFromEventBridgeIsNotified() throws IOException {
        JsonNode handled = invoke("eventbridge/cost-anomaly-detected.json");

        assertThat(handled.get(0).path("kind").asText()).isEqualTo("anomaly");
        assertThat(notices().getFirst().message()).contains("Cost anomaly").contains("Open the anomaly");
    }

    @Test
    void aProductionDeploymentRefusesAPolicyThatActs() {
        Map<String, String> env = env();
        env.put("SHEPHERD_ENVIRONMENT", "prod");
        sandbox.load(Json.parse("""
                {"ssm": {"parameters": [{"Name": "/shepherd/prod/routes", "Type": "String",
                  "Value": "{\\"defaultSeverity\\": \\"low\\", \\"channels\\": {\\"t\\": {\\"type\\": \\"sns\\", \\"topicArn\\": \\"arn:aws:sns:eu-west-1:111122223333:t\\"}}, \\"severities\\": {\\"low\\": {\\"notify\\": [\\"t\\"]}}}"},
                  {"Name": "/shepherd/prod/cost-policy", "Type": "String",
                   "Value": "{\\"actions\\": {\\"mode\\": \\"on\\", \\"budgets\\": [\\"b\\"], \\"clusters\\": [\\"c\\"]}}"}]}}"""));

        assertThatThrownBy(() -> new BudgetGuardHandler(new Platform(env, sandbox, CLOCK)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("the budget guard never scales production")
                .hasMessageContaining("production services are never scaled");
    }

    @Test
    void percentageThresholdShownAsDollarsIsNamedAsEightyPercentOfTheBudget() throws IOException {
        invoke("budgets/percentage-threshold.json");

        assertThat(notices().getFirst().message()).contains("Budget tiny-lab: actual $0.17 of $0.20 (85 %)")
                .contains("crossed the alert threshold of $0.16 (80 % of the budget)");
    }

    @Test
    void zeroBudgetHasNoPercentAndAwsBudgetsCannotConfirmAnyAction() throws IOException {
        policy("""
                {"actions": {"mode": "on", "budgets": ["zero-spend"], "clusters": ["shepherd-dev"]}}""");
        sandbox.load(Json.parse("""
                {"budgets": {"budgets": [{"accountId": "111122223333", "budget": {"BudgetName": "zero-spend",
                  "BudgetLimit": {"Amount": "0", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST",
                  "CalculatedSpend": {"ActualSpend": {"Amount": "0.5", "Unit": "USD"}}}}]}}"""));

        JsonNode handled = invoke("budgets/zero-budget.json");

        assertThat(notices().getFirst().message()).contains("Budget zero-spend: actual $0.50 of $0.00\n");
        assertThat(handled.get(0).path("action").get(0).asText()).isEqualTo("none: not confirmed by AWS Budgets:"
                + " the budget's limit is 0: no percent of it can be confirmed");
        assertThat(writes()).isZero();
    }

    @Test
    void theNoticeReachesSlackAsBlockKitWithTheSparkline() throws IOException {
        try (Webhooks hooks = Webhooks.start().answer("/slack", Webhooks.Answer.of(200, "ok"))) {
            sandbox.fake(FakeSecretsManager.class).seedSecret("shepherd/dev/slack-cost",
                    "{\"url\":\"" + hooks.url("/slack") + "\"}", null);
            ObjectNode ssm = Json.MAPPER.createObjectNode();
            ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/routes")
                    .put("Type", "String").put("Value", """
                            {"defaultSeverity": "medium",
                             "channels": {"cost-slack": {"type": "slack", "secret": "shepherd/dev/slack-cost"}},
                             "severities": {"medium": {"notify": ["cost-slack"]}}}""");
            sandbox.load(ssm);
            Map<String, String> env = env();
            env.put("HTTP_ALLOW_LOOPBACK", "true");
            handler = new BudgetGuardHandler(new Platform(env, sandbox, CLOCK));

            JsonNode handled = invoke("budgets/dev-forecasted.json");

            assertThat(handled.get(0).at("/deliveries/0/outcome").asText()).isEqualTo("DELIVERED");
            JsonNode body = Json.parse(hooks.received("/slack").getFirst().body());
            assertThat(body.path("blocks").isArray()).isTrue();
            assertThat(body.toString()).contains("Budget dev-monthly: forecast $2,790.00 of $1,000.00")
                    .containsPattern("[▁▂▃▄▅▆▇█]{13}");
        }
    }

    static List<String> lines(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

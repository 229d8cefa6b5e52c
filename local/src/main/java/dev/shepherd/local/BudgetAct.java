package dev.shepherd.local;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeApplicationAutoScaling;
import dev.shepherd.sandbox.FakeDynamoDb;
import dev.shepherd.sandbox.FakeEcs;
import dev.shepherd.sandbox.FakeSns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A dev account over its monthly budget, through the real budget guard of the template on its sample scenario: a
 * FORECASTED alert only notifies; the ACTUAL alert scales the two opted-in dev services to zero in dry run (nothing
 * changes), the same alert again is a duplicate, and once the policy is on and the operator has re-armed the alert
 * it scales them for real, leaving the prod-tagged service and the one that did not opt in alone; the restore event
 * brings back the exact desired counts and Application Auto Scaling limits.
 */
final class BudgetAct implements DemoAct {
    static final String FUNCTION = "BudgetGuardFunction";
    static final String SCENARIO = "events/scenarios/budget-dev-overrun.json";
    static final String FORECASTED = "events/budgets/dev-forecasted.json";
    static final String ACTUAL = "events/budgets/dev-actual-over.json";
    static final String RESTORE = "events/eventbridge/cost-restore.json";
    private static final String CLUSTER = "shepherd-dev";
    private static final String SERVICE_ARN = "arn:aws:ecs:eu-west-1:111122223333:service/" + CLUSTER + "/";
    private static final String TABLE = "shepherd-dev-budget-alerts";
    /** The ledger's key of the sample ACTUAL alert: its account, budget, type, threshold and month. */
    static final String ACTUAL_KEY = "budget#111122223333#dev-monthly#ACTUAL#1000 USD#MONTHLY#2026-12";
    /** The sample alerts are of December 2026; the act runs on the 14th, as the scenario's Cost Explorer data. */
    private static final Instant START = Instant.parse("2026-12-14T09:00:00Z");

    private final Path repo;

    BudgetAct(Path repo) {
        this.repo = repo;
    }

    @Override
    public String title() {
        return "a budget overrun in dev scales opted-in services to zero and the restore brings them back exactly";
    }

    @Override
    public MovableClock clock() {
        return new MovableClock(START);
    }

    @Override
    public void play(Stage stage) throws IOException {
        stage.load(repo.resolve(SCENARIO));
        FakeEcs ecs = stage.sandbox().fake(FakeEcs.class);
        FakeSns sns = stage.sandbox().fake(FakeSns.class);
        Map<String, Integer> before = counts(ecs);
        ScalableTarget limits = target(stage);
        stage.say("budget dev-monthly: $1,000.00 a month, $1,083.40 spent (AWS Budgets); cost policy "
                + "/shepherd/dev/cost-policy in dry-run, acting at 100 % on cluster " + CLUSTER + ", environment dev");
        stage.say("services (desired count): " + before + "; preview-web auto-scaled " + limits.minCapacity() + "-"
                + limits.maxCapacity() + "; orders-api is tagged environment=prod, reports did not opt in");

        stage.invoke("AWS Budgets: FORECASTED $2,790.00 of $1,000.00 (SNS)", FUNCTION, read(FORECASTED));
        DemoAct.expect(counts(ecs).equals(before), "the forecast to change nothing: " + counts(ecs));
        DemoAct.expect(sns.published().size() == 1, "one notice for the forecast, there are " + sns.published().size());
        stage.say("notice: " + firstLine(sns.published().getLast().message()));

        stage.invoke("AWS Budgets: ACTUAL $1,083.40 of $1,000.00, policy in dry-run (SNS)", FUNCTION, read(ACTUAL));
        DemoAct.expect(counts(ecs).equals(before), "the dry run to change nothing: " + counts(ecs));
        String planned = sns.published().getLast().message();
        DemoAct.expect(planned.contains("PLANNED " + CLUSTER + "/preview-web") && planned.contains("PLANNED " + CLUSTER
                + "/preview-worker"), "the dry run to plan both opted-in dev services: " + planned);
        stage.say("notice: " + firstLine(planned) + " (dry run: every service planned, nothing changed)");

        stage.say("the operator turns the policy on (mode \"on\") in /shepherd/dev/cost-policy");
        policyOn(stage);
        stage.invoke("the same ACTUAL alert again (an SNS redelivery or a second subscription)", FUNCTION, read(ACTUAL));
        DemoAct.expect(counts(ecs).equals(before), "the duplicate to change nothing: " + counts(ecs));

        FakeDynamoDb dynamo = stage.sandbox().fake(FakeDynamoDb.class);
        DemoAct.expect(dynamo.item(TABLE, ACTUAL_KEY) != null, "the ledger to hold " + ACTUAL_KEY);
        stage.say("the operator re-arms the alert: DeleteItem " + ACTUAL_KEY + " from " + TABLE);
        stage.sandbox().client(DynamoDbClient.class).deleteItem(b -> b.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS(ACTUAL_KEY))));
        stage.invoke("the ACTUAL alert once more, policy on", FUNCTION, read(ACTUAL));
        Map<String, Integer> scaled = counts(ecs);
        DemoAct.expect(scaled.get("preview-web") == 0 && scaled.get("preview-worker") == 0,
                "both opted-in dev services at zero: " + scaled);
        DemoAct.expect(scaled.get("orders-api").equals(before.get("orders-api")) && scaled.get("reports").equals(before.get("reports")),
                "the prod-tagged and the not-opted-in services untouched: " + scaled);
        DemoAct.expect(target(stage).minCapacity() == 0, "preview-web's scaling minimum lowered to 0");
        stage.say("services now: " + scaled + "; preview-web scaling " + target(stage).minCapacity() + "-"
                + target(stage).maxCapacity() + "; its tag shepherd:restore = " + tag(ecs, "preview-web"));

        stage.invoke("the restore (EventBridge Scheduler, or ./shepherd invoke on " + RESTORE + ")", FUNCTION,
                read(RESTORE));
        Map<String, Integer> restored = counts(ecs);
        ScalableTarget back = target(stage);
        DemoAct.expect(restored.equals(before), "the exact counts back: " + restored + ", were " + before);
        DemoAct.expect(back.minCapacity().equals(limits.minCapacity()) && back.maxCapacity().equals(limits.maxCapacity()),
                "preview-web's scaling limits back to " + limits.minCapacity() + "-" + limits.maxCapacity());
        DemoAct.expect(tag(ecs, "preview-web") == null, "the restore record to be removed once applied");
        stage.say("services now: " + restored + "; preview-web scaling " + back.minCapacity() + "-" + back.maxCapacity());
        stage.verdict("RESTORED: dry run changed nothing, the duplicate did nothing, the real run scaled 2 dev "
                + "services to zero (prod skipped) and the restore brought back " + restored);
    }

    private void policyOn(Stage stage) {
        String policy = """
                {"actions": {"mode": "on", "atPercent": 100, "budgets": ["dev-monthly"], "clusters": ["%s"],
                             "environments": ["dev"]},
                 "context": {"topServices": 3, "costTag": "environment"}}""".formatted(CLUSTER);
        ObjectNode ssm = Json.MAPPER.createObjectNode();
        ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/cost-policy")
                .put("Type", "String").put("Value", Json.write(Json.parse(policy)));
        stage.sandbox().load(ssm);
    }

    private static Map<String, Integer> counts(FakeEcs ecs) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (String name : List.of("preview-web", "preview-worker", "orders-api", "reports")) {
            counts.put(name, ecs.service(SERVICE_ARN + name).desiredCount());
        }
        return counts;
    }

    private static String tag(FakeEcs ecs, String name) {
        return ecs.service(SERVICE_ARN + name).tags().stream().filter(t -> t.key().equals("shepherd:restore"))
                .map(t -> t.value()).findFirst().orElse(null);
    }

    private static ScalableTarget target(Stage stage) {
        return Objects.requireNonNull(stage.sandbox().fake(FakeApplicationAutoScaling.class)
                .target("service/" + CLUSTER + "/preview-web"), "preview-web's scalable target");
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private String read(String file) throws IOException {
        return Files.readString(repo.resolve(file));
    }
}

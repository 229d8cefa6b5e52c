package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB conditional writes: the incident ledger's exact expressions (as in {@code IncidentLedger}) against
 * {@code FakeDynamoDb} and moto. Both must agree on every outcome: the old item returned, a failed condition with
 * the current item, and the ValidationExceptions of the rules the fake enforces. The alarm-responder's
 * {@code IncidentLedgerTest} runs the ledger itself on both as well. One deviation, not compared: a placeholder
 * value that the expression uses but the request does not define fails in moto without an error code (an
 * internal error); AWS and the fake answer ValidationException (see {@code FakeDynamoDbTest}).
 */
class DynamoDbMotoParityTest extends MotoParityTest {
    static final String TABLE = "shepherd-incidents";
    static final String NEWER = "(attribute_not_exists(pk) OR stateAt < :ts)";
    static final String NOTICE = NEWER + " AND (attribute_not_exists(notifiedAt) OR notifiedAt < :windowStart)";
    static final String ROLLUP = NEWER + " AND notifiedAt >= :windowStart";
    static final String SILENT = NEWER + " AND attribute_not_exists(incidentId)";
    static final String SET = "SET stateAt = :ts, #state = :state, expiresAt = :expires";

    DynamoDbClient fake;
    DynamoDbClient real;

    @BeforeEach
    void seed() throws Exception {
        fake = new Sandbox().load(Json.parse("{\"dynamodb\": {\"tables\": [{\"name\": \"shepherd-incidents\", \"key\": \"pk\"}]}}"))
                .client(DynamoDbClient.class);
        moto.raw("dynamodb", "POST", "/", "DynamoDB_20120810.CreateTable", """
                {"TableName": "shepherd-incidents", "BillingMode": "PAY_PER_REQUEST",
                 "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                 "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}""");
        real = onMoto(DynamoDbClient.class);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    /** A change's write, as the ledger builds it. */
    static UpdateItemRequest change(String value, long ts, long now, String mode) {
        StringBuilder update = new StringBuilder(SET);
        Map<String, AttributeValue> values = new TreeMap<>(Map.of(":ts", n(ts), ":state", AttributeValue.fromS(value),
                ":expires", n(now / 1000 + 2_592_000)));
        if (value.equals("ALARM")) {
            update.append(", incidentId = if_not_exists(incidentId, :incident)");
            values.put(":incident", AttributeValue.fromS("i-0123456789abcdef-" + ts));
        }
        String condition = switch (mode) {
            case "notice" -> {
                update.append(", notifiedAt = :now, rolledUp = :zero");
                values.putAll(Map.of(":now", n(now), ":zero", n(0), ":windowStart", n(now - 600_000)));
                yield NOTICE;
            }
            case "rollup" -> {
                values.put(":windowStart", n(now - 600_000));
                yield ROLLUP;
            }
            default -> SILENT;
        };
        if (value.equals("OK")) {
            update.append(" REMOVE incidentId, escalatedStep");
        }
        if (mode.equals("rollup")) {
            update.append(" ADD rolledUp :one");
            values.put(":one", n(1));
        }
        return UpdateItemRequest.builder().tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("alarm#a")))
                .updateExpression(update.toString()).conditionExpression(condition)
                .expressionAttributeNames(Map.of("#state", "state")).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    static Map<String, String> plain(Map<String, AttributeValue> item) {
        Map<String, String> out = new TreeMap<>();
        item.forEach((k, v) -> out.put(k, v.s() != null ? v.s() : "N:" + v.n()));
        return out;
    }

    static String failure(DynamoDbClient client, UpdateItemRequest request) {
        try {
            client.updateItem(request);
            return "succeeded";
        } catch (ConditionalCheckFailedException e) {
            return "failed with " + plain(e.item());
        }
    }

    @Test
    void theTransitionPutHoldsOnce() {
        var put = software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName(TABLE)
                .conditionExpression("attribute_not_exists(pk)")
                .item(Map.of("pk", AttributeValue.fromS("transition#a#ALARM#2025-06-18T09:41:07.318Z"), "expiresAt", n(1750412468)))
                .build();
        sameAnswer(fake, real, c -> c.putItem(put).hasAttributes());
        sameError(fake, real, c -> c.putItem(put));
        sameAnswer(fake, real, c -> c.deleteItem(d -> d.tableName(TABLE).key(Map.of("pk", put.item().get("pk")))).hasAttributes());
        sameAnswer(fake, real, c -> c.putItem(put).hasAttributes());
    }

    /** The budget guard's claim: a Put that returns the item it replaced (ALL_OLD), and the refused ALL_NEW. */
    @Test
    void aPutReturnsTheItemItReplaced() {
        var put = software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName(TABLE)
                .item(Map.of("pk", AttributeValue.fromS("budget#a"), "state", AttributeValue.fromS("working")))
                .returnValues(ReturnValue.ALL_OLD).build();
        sameAnswer(fake, real, c -> c.putItem(put).hasAttributes());
        sameAnswer(fake, real, c -> plain(c.putItem(put.toBuilder().item(Map.of("pk", AttributeValue.fromS("budget#a"),
                "state", AttributeValue.fromS("done"))).build()).attributes()));
        sameError(fake, real, c -> c.putItem(put.toBuilder().returnValues(ReturnValue.ALL_NEW).build()));
    }

    @Test
    void aFlappingAlarmThroughEveryWrite() {
        long t0 = 1_750_239_667_318L;
        var opened = sameAnswer(fake, real, c -> plain(c.updateItem(change("ALARM", t0, t0 + 1000, "notice")).attributes()));
        assertThat(opened).isEmpty();
        String taken = sameAnswer(fake, real, c -> failure(c, change("OK", t0 + 60_000, t0 + 61_000, "notice")));
        assertThat(taken).as("the notice slot is taken: the item comes back").contains("notifiedAt=N:" + (t0 + 1000));
        var beforeRollup = sameAnswer(fake, real, c -> plain(c.updateItem(change("OK", t0 + 60_000, t0 + 61_000, "rollup")).attributes()));
        assertThat(beforeRollup).containsEntry("incidentId", "i-0123456789abcdef-" + t0).containsEntry("state", "ALARM");
        sameAnswer(fake, real, c -> plain(c.updateItem(change("ALARM", t0 + 120_000, t0 + 121_000, "rollup")).attributes()));
        String stale = sameAnswer(fake, real, c -> failure(c, change("ALARM", t0 + 30_000, t0 + 122_000, "rollup")));
        assertThat(stale).as("older than the newest: stale").contains("stateAt=N:" + (t0 + 120_000));

        var flushed = sameAnswer(fake, real, c -> plain(c.updateItem(u -> u.tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS("alarm#a")))
                .updateExpression("SET rolledUp = :zero, notifiedAt = :now, expiresAt = :expires")
                .conditionExpression("rolledUp > :zero")
                .expressionAttributeValues(Map.of(":zero", n(0), ":now", n(t0 + 601_000), ":expires", n(1)))
                .returnValues(ReturnValue.ALL_OLD)).attributes()));
        assertThat(flushed).containsEntry("rolledUp", "N:2").containsEntry("incidentId", "i-0123456789abcdef-" + (t0 + 120_000));
        sameError(fake, real, c -> c.updateItem(u -> u.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("alarm#a")))
                .updateExpression("SET rolledUp = :zero, notifiedAt = :now, expiresAt = :expires")
                .conditionExpression("rolledUp > :zero")
                .expressionAttributeValues(Map.of(":zero", n(0), ":now", n(t0), ":expires", n(1)))));
    }

    @Test
    void silenceAndEscalationClaims() {
        long t0 = 1_750_239_667_318L;
        Map<String, String> silent = sameAnswer(fake, real, c -> plain(c.updateItem(change("OK", t0, t0 + 1000, "silent")).attributes()));
        assertThat(silent).isEmpty();
        sameAnswer(fake, real, c -> plain(c.updateItem(change("ALARM", t0 + 60_000, t0 + 61_000, "notice")).attributes()));
        String open = sameAnswer(fake, real, c -> failure(c, change("OK", t0 + 120_000, t0 + 121_000, "silent")));
        assertThat(open).as("an incident is open: not silent").contains("incidentId=");

        UpdateItemRequest claim = UpdateItemRequest.builder().tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("alarm#a")))
                .updateExpression("SET escalatedStep = :step")
                .conditionExpression("incidentId = :incident AND (attribute_not_exists(escalatedStep) OR escalatedStep < :step)")
                .expressionAttributeValues(Map.of(":incident", AttributeValue.fromS("i-0123456789abcdef-" + (t0 + 60_000)),
                        ":step", n(1))).build();
        sameAnswer(fake, real, c -> c.updateItem(claim).hasAttributes());
        sameError(fake, real, c -> c.updateItem(claim));
        sameError(fake, real, c -> c.updateItem(claim.toBuilder().expressionAttributeValues(Map.of(
                ":incident", AttributeValue.fromS("i-other"), ":step", n(2))).build()));
    }

    @Test
    void theRulesTheFakeEnforces() {
        UpdateItemRequest write = change("ALARM", 1, 2, "notice");
        sameError(fake, real, c -> c.updateItem(write.toBuilder().tableName("nope").build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().key(Map.of("id", AttributeValue.fromS("x"))).build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().key(Map.of("pk", n(1))).build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().conditionExpression(SILENT).build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().expressionAttributeNames(Map.of("#state", "state", "#x", "x")).build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().updateExpression(SET + ", pk = :now").build()));
        sameError(fake, real, c -> c.updateItem(write.toBuilder().updateExpression(SET + " ADD rolledUp :state").build()));
        sameError(fake, real, c -> c.putItem(p -> p.tableName(TABLE).item(Map.of("id", AttributeValue.fromS("x")))));
    }
}

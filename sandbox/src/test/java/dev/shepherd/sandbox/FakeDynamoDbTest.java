package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

class FakeDynamoDbTest {
    final Sandbox sandbox = new Sandbox().load(Json.parse("{\"dynamodb\": {\"tables\": [{\"name\": \"t\", \"key\": \"pk\"}]}}"));
    final DynamoDbClient dynamo = sandbox.client(DynamoDbClient.class);
    final FakeDynamoDb fake = sandbox.fake(FakeDynamoDb.class);

    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    @Test
    void updatesEvaluateAgainstTheOldItem() {
        dynamo.updateItem(r -> r.tableName("t").key(key("a"))
                .updateExpression("SET x = if_not_exists(x, :one), y = :one ADD c :one")
                .expressionAttributeValues(Map.of(":one", n(1))));
        var old = dynamo.updateItem(r -> r.tableName("t").key(key("a"))
                .updateExpression("SET x = if_not_exists(x, :two), y = :two REMOVE gone ADD c :two")
                .expressionAttributeValues(Map.of(":two", n(2))).returnValues(ReturnValue.ALL_OLD)).attributes();

        assertThat(old).containsEntry("c", n(1)).containsEntry("x", n(1));
        assertThat(fake.item("t", "a")).containsEntry("x", n(1)).containsEntry("y", n(2)).containsEntry("c", n(3))
                .containsEntry("pk", AttributeValue.fromS("a"));
        assertThat(sandbox.journal().calls("dynamodb", "UpdateItem")).hasSize(2);
    }

    @Test
    void aPutReturnsTheItemItReplacedWhenAskedAndRefusesOtherReturnValues() {
        var first = dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"), "v", n(1)))
                .returnValues(ReturnValue.ALL_OLD));
        var second = dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"), "v", n(2)))
                .returnValues(ReturnValue.ALL_OLD));

        assertThat(first.hasAttributes()).isFalse();
        assertThat(second.attributes()).containsEntry("v", n(1));
        assertValidation(() -> dynamo.putItem(r -> r.tableName("t").item(key("a")).returnValues(ReturnValue.ALL_NEW)),
                "Return values set to invalid value");
        assertThat(fake.item("t", "a")).containsEntry("v", n(2));
    }

    @Test
    void aFailedConditionWritesNothingAndReturnsTheItemWhenAsked() {
        dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"), "v", n(5))));

        var failed = (ConditionalCheckFailedException) thrown(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a"))
                .updateExpression("SET v = :v").conditionExpression("v < :v OR attribute_not_exists(pk)")
                .expressionAttributeValues(Map.of(":v", n(5)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
        assertThat(failed.item()).containsEntry("v", n(5));
        assertThat(failed.awsErrorDetails().errorCode()).isEqualTo("ConditionalCheckFailedException");
        assertThat(failed.statusCode()).isEqualTo(400);
        var bare = (ConditionalCheckFailedException) thrown(() -> dynamo.putItem(r -> r.tableName("t")
                .item(key("a")).conditionExpression("attribute_not_exists(pk)")));
        assertThat(bare.hasItem()).isFalse();
        assertThat(fake.item("t", "a")).containsEntry("v", n(5));
    }

    @Test
    void comparisonsFollowDynamoDb() {
        dynamo.putItem(r -> r.tableName("t").item(Map.of("pk", AttributeValue.fromS("a"), "n", AttributeValue.fromN("10"),
                "s", AttributeValue.fromS("b"))));
        assertThat(holds("n > :v", AttributeValue.fromN("9.5"))).as("numbers by value, not text").isTrue();
        assertThat(holds("n = :v", AttributeValue.fromN("10.0"))).isTrue();
        assertThat(holds("s < :v", AttributeValue.fromS("c"))).isTrue();
        assertThat(holds("n < :v", AttributeValue.fromS("z"))).as("types differ: false").isFalse();
        assertThat(holds("missing >= :v", n(0))).as("a missing attribute compares false").isFalse();
    }

    private boolean holds(String condition, AttributeValue v) {
        try {
            dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET probe = :v")
                    .conditionExpression(condition).expressionAttributeValues(Map.of(":v", v)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Test
    void serviceErrors() {
        assertThat(thrown(() -> dynamo.getItem(r -> r.tableName("nope").key(key("a")))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Requested resource not found");
        assertValidation(() -> dynamo.getItem(r -> r.tableName("t").key(Map.of("id", AttributeValue.fromS("a")))),
                "The provided key element does not match the schema");
        assertValidation(() -> dynamo.putItem(r -> r.tableName("t").item(key(""))), "cannot contain an empty string");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(1), ":w", n(2)))), "unused in expressions: keys: {:w}");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET #v = :v")
                .expressionAttributeValues(Map.of(":v", n(1)))), "attribute name: #v");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET v = :v")),
                "attribute value: :v");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET pk = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("b")))), "part of the key");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET v = :v REMOVE v")
                .expressionAttributeValues(Map.of(":v", n(1)))), "Two document paths overlap");
        assertValidation(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("ADD v :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))), "operator: ADD");
        assertValidation(() -> dynamo.deleteItem(r -> r.tableName("t").key(key("a"))
                .expressionAttributeValues(Map.of(":v", n(1)))), "only be specified when using expressions");
        assertThat(sandbox.journal().calls()).as("failed calls are journaled too").hasSize(10);
    }

    private static void assertValidation(Runnable call, String message) {
        assertThat(thrown(call)).satisfies(e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
        }).hasMessageContaining(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"begins_with(s, :v)", "NOT attribute_not_exists(s)", "s <> :v", "s IN (:v)",
            "s BETWEEN :v AND :v", "attribute_exists(s)", "size(s) > :v", "a.b = :v", "a[0] = :v"})
    void conditionsOutsideTheLedgersGrammarThrow(String condition) {
        assertThatThrownBy(() -> dynamo.putItem(r -> r.tableName("t").item(key("a")).conditionExpression(condition)
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("x")))))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("FakeDynamoDb does not implement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SET v = v + :v", "SET v = list_append(v, :v)", "DELETE v :v", "SET v = if_not_exists(w, :v)"})
    void updatesOutsideTheLedgersGrammarThrow(String update) {
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression(update)
                .expressionAttributeValues(Map.of(":v", n(1)))))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("it implements");
        assertThatThrownBy(() -> dynamo.updateItem(r -> r.tableName("t").key(key("a")).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(1))).returnValues(ReturnValue.ALL_NEW)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("ALL_OLD");
    }

    @Test
    void concurrentConditionalWritesExcludeEachOther() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                tries.add(pool.submit(() -> {
                    start.await();
                    try {
                        dynamo.updateItem(r -> r.tableName("t").key(key("slot")).updateExpression("ADD taken :one")
                                .conditionExpression("attribute_not_exists(taken)")
                                .expressionAttributeValues(Map.of(":one", n(1))));
                        return true;
                    } catch (ConditionalCheckFailedException lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> t : tries) {
                won += t.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(won).isOne();
            assertThat(fake.item("t", "slot")).containsEntry("taken", n(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scenarioMistakesAreNamed() {
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"dynamodb\": {\"tables\": [{\"name\": \"t\", \"hash\": \"pk\"}]}}")))
                .hasMessageContaining("dynamodb.tables[0] has unknown key 'hash'");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"dynamodb\": {\"tabels\": []}}")))
                .hasMessageContaining("unknown key 'tabels'");
    }

    private static AwsServiceException thrown(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("expected a service error");
    }
}

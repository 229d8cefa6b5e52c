package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * In-memory DynamoDB tables with a string partition key: {@code GetItem}, {@code PutItem}, {@code UpdateItem},
 * {@code DeleteItem} with condition and update expressions in the subset {@link DynamoDbExpressions} documents.
 * Each call evaluates its condition and writes under one lock, so concurrent conditional writes behave as
 * DynamoDB's do: of two writes whose conditions exclude each other, exactly one succeeds. A failed condition is
 * {@code ConditionalCheckFailedException} (carrying the item with {@code ReturnValuesOnConditionCheckFailure
 * ALL_OLD}); an unknown table is {@code ResourceNotFoundException}; a key that does not match the schema, an
 * undefined or unused placeholder and the other rules of that subset are {@code ValidationException}.
 * {@code ReturnValues} is NONE or ALL_OLD (PutItem: any other is DynamoDB's ValidationException). Not modeled: TTL expiry (items stay), item size
 * limits, sort keys, legacy parameters ({@code Expected}, {@code AttributeUpdates}), projections; those throw
 * {@link UnsupportedOperationException} where a request asks for them.
 *
 * <p>Scenario section {@code "dynamodb"}: {@code {"tables": [{"name": "shepherd-incidents", "key": "pk"}]}}.
 */
public final class FakeDynamoDb extends FakeService implements DynamoDbClient {
    private final Map<String, Table> tables = new HashMap<>();

    private record Table(String key, Map<String, Map<String, AttributeValue>> items) {
    }

    public FakeDynamoDb(CallJournal journal) {
        super(journal, DynamoDbClient.class);
    }

    @Override
    public String scenarioKey() {
        return "dynamodb";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "tables");
        JsonNode list = section.path("tables");
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String path = "dynamodb.tables[" + i + "]";
            t.fieldNames().forEachRemaining(k -> {
                if (!k.equals("name") && !k.equals("key")) {
                    throw new IllegalArgumentException(path + " has unknown key '" + k + "'; known: [name, key]");
                }
            });
            if (!t.path("name").isTextual() || !t.path("key").isTextual()) {
                throw new IllegalArgumentException(path + " needs name and key (the string partition key's attribute)");
            }
            tables.put(t.get("name").asText(), new Table(t.get("key").asText(), new HashMap<>()));
        }
    }

    /** The stored item, for tests; null when absent. Not journaled: it is no AWS call. */
    public synchronized Map<String, AttributeValue> item(String table, String key) {
        Map<String, AttributeValue> item = tableOrThrow(table).items().get(key);
        return item == null ? null : Map.copyOf(item);
    }

    /** How many items a table holds, for tests. */
    public synchronized int size(String table) {
        return tableOrThrow(table).items().size();
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        record(request);
        if (request.projectionExpression() != null || request.hasAttributesToGet()) {
            throw new UnsupportedOperationException("FakeDynamoDb GetItem returns whole items: no projections");
        }
        synchronized (this) {
            Table table = table(request.tableName());
            Map<String, AttributeValue> item = table.items().get(key(table, request.key()));
            return item == null ? GetItemResponse.builder().build() : GetItemResponse.builder().item(item).build();
        }
    }

    @Override
    public PutItemResponse putItem(PutItemRequest request) {
        record(request);
        refuseLegacy(request.hasExpected() || request.conditionalOperator() != null);
        ReturnValue returnValues = request.returnValues() == null ? ReturnValue.NONE : request.returnValues();
        if (returnValues != ReturnValue.NONE && returnValues != ReturnValue.ALL_OLD) {
            // PutItem accepts only these two, as DynamoDB says.
            throw validation("Return values set to invalid value");
        }
        synchronized (this) {
            Table table = table(request.tableName());
            String key = itemKey(table, request.item());
            Map<String, AttributeValue> old = table.items().get(key);
            check(parse(request.conditionExpression(), null, request.expressionAttributeNames(),
                    request.expressionAttributeValues()).condition(), old, request.returnValuesOnConditionCheckFailure());
            table.items().put(key, new LinkedHashMap<>(request.item()));
            PutItemResponse.Builder response = PutItemResponse.builder();
            if (returnValues == ReturnValue.ALL_OLD && old != null) {
                response.attributes(old);
            }
            return response.build();
        }
    }

    @Override
    public UpdateItemResponse updateItem(UpdateItemRequest request) {
        record(request);
        refuseLegacy(request.hasExpected() || request.conditionalOperator() != null || request.hasAttributeUpdates());
        ReturnValue returnValues = request.returnValues() == null ? ReturnValue.NONE : request.returnValues();
        if (returnValues != ReturnValue.NONE && returnValues != ReturnValue.ALL_OLD) {
            throw new UnsupportedOperationException("FakeDynamoDb UpdateItem implements ReturnValues NONE and ALL_OLD, "
                    + "not " + request.returnValuesAsString());
        }
        if (request.updateExpression() == null) {
            throw validation("Invalid UpdateExpression: Syntax error; token: \"<EOF>\"");
        }
        synchronized (this) {
            Table table = table(request.tableName());
            String key = key(table, request.key());
            Parsed parsed = parse(request.conditionExpression(), request.updateExpression(),
                    request.expressionAttributeNames(), request.expressionAttributeValues());
            if (parsed.update().paths().contains(table.key())) {
                throw validation("One or more parameter values were invalid: Cannot update attribute " + table.key()
                        + ". This attribute is part of the key");
            }
            Map<String, AttributeValue> old = table.items().get(key);
            check(parsed.condition(), old, request.returnValuesOnConditionCheckFailure());
            Map<String, AttributeValue> before = old == null ? Map.of(table.key(), AttributeValue.fromS(key)) : old;
            Map<String, AttributeValue> next = invalidToValidation(() -> parsed.update().apply(before));
            table.items().put(key, next);
            UpdateItemResponse.Builder response = UpdateItemResponse.builder();
            if (returnValues == ReturnValue.ALL_OLD && old != null) {
                response.attributes(old);
            }
            return response.build();
        }
    }

    @Override
    public DeleteItemResponse deleteItem(DeleteItemRequest request) {
        record(request);
        refuseLegacy(request.hasExpected() || request.conditionalOperator() != null);
        requireNone(request.returnValues(), "DeleteItem");
        synchronized (this) {
            Table table = table(request.tableName());
            String key = key(table, request.key());
            Map<String, AttributeValue> old = table.items().get(key);
            check(parse(request.conditionExpression(), null, request.expressionAttributeNames(),
                    request.expressionAttributeValues()).condition(), old, request.returnValuesOnConditionCheckFailure());
            table.items().remove(key);
            return DeleteItemResponse.builder().build();
        }
    }

    private record Parsed(Predicate<Map<String, AttributeValue>> condition, DynamoDbExpressions.Update update) {
    }

    /** Parses a request's expressions together: a placeholder is unused only when none of them uses it. */
    private static Parsed parse(String conditionExpression, String updateExpression, Map<String, String> names,
            Map<String, AttributeValue> values) {
        if (conditionExpression == null && updateExpression == null && (!names.isEmpty() || !values.isEmpty())) {
            throw validation("ExpressionAttributeNames and ExpressionAttributeValues can only be specified when using "
                    + "expressions");
        }
        return invalidToValidation(() -> {
            var placeholders = new DynamoDbExpressions.Placeholders(names, values);
            Predicate<Map<String, AttributeValue>> condition = conditionExpression == null ? item -> true
                    : DynamoDbExpressions.condition(conditionExpression, placeholders);
            DynamoDbExpressions.Update update = updateExpression == null ? null
                    : DynamoDbExpressions.update(updateExpression, placeholders);
            placeholders.requireAllUsed();
            return new Parsed(condition, update);
        });
    }

    private static void check(Predicate<Map<String, AttributeValue>> condition, Map<String, AttributeValue> old,
            ReturnValuesOnConditionCheckFailure onFailure) {
        if (invalidToValidation(() -> condition.test(old == null ? Map.of() : old))) {
            return;
        }
        ConditionalCheckFailedException.Builder failed = ConditionalCheckFailedException.builder();
        if (onFailure == ReturnValuesOnConditionCheckFailure.ALL_OLD && old != null) {
            failed.item(old);
        }
        throw error(failed, "ConditionalCheckFailedException", 400, "The conditional request failed");
    }

    private static <T> T invalidToValidation(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DynamoDbExpressions.Invalid e) {
            throw validation(e.getMessage());
        }
    }

    private Table table(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                    "Requested resource not found");
        }
        return table;
    }

    private synchronized Table tableOrThrow(String name) {
        Table table = tables.get(name);
        if (table == null) {
            throw new IllegalArgumentException("the sandbox has no DynamoDB table " + name);
        }
        return table;
    }

    /** A request's {@code Key}: exactly the partition key, a non-empty string. */
    private static String key(Table table, Map<String, AttributeValue> key) {
        if (key.size() != 1 || !key.containsKey(table.key())) {
            throw validation("The provided key element does not match the schema");
        }
        return keyValue(table, key.get(table.key()));
    }

    private static String itemKey(Table table, Map<String, AttributeValue> item) {
        AttributeValue value = item.get(table.key());
        if (value == null) {
            throw validation("One or more parameter values were invalid: Missing the key " + table.key() + " in the item");
        }
        return keyValue(table, value);
    }

    private static String keyValue(Table table, AttributeValue value) {
        if (value.s() == null) {
            throw validation("One or more parameter values were invalid: Type mismatch for key " + table.key()
                    + " expected: S actual: " + value.type());
        }
        if (value.s().isEmpty()) {
            throw validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    + "cannot contain an empty string value. Key: " + table.key());
        }
        return value.s();
    }

    private static void refuseLegacy(boolean used) {
        if (used) {
            throw new UnsupportedOperationException("FakeDynamoDb implements expressions only, not the legacy "
                    + "Expected, ConditionalOperator or AttributeUpdates parameters");
        }
    }

    private static void requireNone(ReturnValue returnValues, String operation) {
        if (returnValues != null && returnValues != ReturnValue.NONE) {
            throw new UnsupportedOperationException("FakeDynamoDb " + operation + " implements ReturnValues NONE only, "
                    + "not " + returnValues);
        }
    }

    private static DynamoDbException validation(String message) {
        return error(DynamoDbException.builder(), "ValidationException", 400, message);
    }
}

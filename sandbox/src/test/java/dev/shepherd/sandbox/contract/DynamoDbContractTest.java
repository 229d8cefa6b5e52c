package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB (JSON 1.0, target prefix {@code DynamoDB_20120810}) on the wire versus {@code FakeDynamoDb}, with the
 * incident ledger's own expressions (see {@code IncidentLedger}). Errors carry a namespaced {@code __type}
 * ({@code com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException}), which the SDK maps by its last part.
 */
class DynamoDbContractTest extends ContractTest {
    static final String TABLE = "shepherd-incidents";
    static final String ALARM_KEY = "{\"pk\":{\"S\":\"alarm#arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx\"}}";
    static final String NOTICE_CONDITION = "(attribute_not_exists(pk) OR stateAt < :ts) AND (attribute_not_exists(notifiedAt) "
            + "OR notifiedAt < :windowStart)";
    static final String NOTICE_UPDATE = "SET stateAt = :ts, #state = :state, expiresAt = :expires, incidentId = "
            + "if_not_exists(incidentId, :incident), notifiedAt = :now, rolledUp = :zero";

    DynamoDbClient fake;
    DynamoDbClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("{\"dynamodb\": {\"tables\": [{\"name\": \"shepherd-incidents\", \"key\": \"pk\"}]}}"))
                .client(DynamoDbClient.class);
        real = real(DynamoDbClient.class);
    }

    static ResponseDefinitionBuilder dynamoError(int status, String code, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + code + "\"" + body + "}");
    }

    static UpdateItemRequest noticeWrite() {
        return UpdateItemRequest.builder().tableName(TABLE)
                .key(Map.of("pk", AttributeValue.fromS("alarm#arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx")))
                .conditionExpression(NOTICE_CONDITION).updateExpression(NOTICE_UPDATE)
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":ts", AttributeValue.fromN("1750239667318"),
                        ":state", AttributeValue.fromS("ALARM"), ":expires", AttributeValue.fromN("1752831668"),
                        ":incident", AttributeValue.fromS("i-3f2a9c0d1e4b5a69-1750239667318"),
                        ":now", AttributeValue.fromN("1750239668318"), ":zero", AttributeValue.fromN("0"),
                        ":windowStart", AttributeValue.fromN("1750239068318")))
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    @Test
    void putItemOfATransition() {
        wire.stubFor(jsonCall("DynamoDB_20120810.PutItem").willReturn(json("{}")));

        real.putItem(r -> r.tableName(TABLE).conditionExpression("attribute_not_exists(pk)")
                .item(Map.of("pk", AttributeValue.fromS("transition#arn:x#ALARM#2025-06-18T09:41:07.318Z"),
                        "expiresAt", AttributeValue.fromN("1750412468"))));

        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.PutItem"))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withRequestBody(equalToJson("""
                        {"TableName": "shepherd-incidents", "ConditionExpression": "attribute_not_exists(pk)",
                         "Item": {"pk": {"S": "transition#arn:x#ALARM#2025-06-18T09:41:07.318Z"},
                                  "expiresAt": {"N": "1750412468"}}}""")));
        assertThat(journal.calls("dynamodb", "PutItem")).hasSize(1);
    }

    @Test
    void aTakenTransitionFailsItsConditionLikeTheFake() {
        var put = software.amazon.awssdk.services.dynamodb.model.PutItemRequest.builder().tableName(TABLE)
                .conditionExpression("attribute_not_exists(pk)").item(Map.of("pk", AttributeValue.fromS("transition#t"))).build();
        fake.putItem(put);

        assertWireErrorLikeFake(jsonCall("DynamoDB_20120810.PutItem"), false, () -> fake.putItem(put), () -> real.putItem(put));
    }

    @Test
    void updateItemSendsTheLedgersExpressionsAndReadsTheOldItem() {
        wire.stubFor(jsonCall("DynamoDB_20120810.UpdateItem").willReturn(json("""
                {"Attributes": {"pk": {"S": "alarm#x"}, "stateAt": {"N": "1750230000000"}, "state": {"S": "OK"},
                                "rolledUp": {"N": "2"}}}""")));

        var old = real.updateItem(noticeWrite()).attributes();

        assertThat(old.get("rolledUp").n()).isEqualTo("2");
        assertThat(old.get("state").s()).isEqualTo("OK");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.UpdateItem"))
                .withRequestBody(equalToJson("""
                        {"TableName": "shepherd-incidents", "Key": %s,
                         "ConditionExpression": "%s", "UpdateExpression": "%s",
                         "ExpressionAttributeNames": {"#state": "state"},
                         "ExpressionAttributeValues": {":ts": {"N": "1750239667318"}, ":state": {"S": "ALARM"},
                           ":expires": {"N": "1752831668"}, ":incident": {"S": "i-3f2a9c0d1e4b5a69-1750239667318"},
                           ":now": {"N": "1750239668318"}, ":zero": {"N": "0"}, ":windowStart": {"N": "1750239068318"}},
                         "ReturnValues": "ALL_OLD", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}"""
                        .formatted(ALARM_KEY, NOTICE_CONDITION, NOTICE_UPDATE))));
    }

    @Test
    void aFailedConditionCarriesTheCurrentItemOnTheWireAsInTheFake() {
        fake.updateItem(noticeWrite());
        ConditionalCheckFailedException fromFake = (ConditionalCheckFailedException) thrownBy(() -> fake.updateItem(noticeWrite()));
        wire.stubFor(jsonCall("DynamoDB_20120810.UpdateItem").willReturn(dynamoError(400, "ConditionalCheckFailedException",
                ",\"message\":\"The conditional request failed\",\"Item\":{\"pk\":{\"S\":\"alarm#x\"},"
                        + "\"stateAt\":{\"N\":\"1750239667318\"}}")));

        ConditionalCheckFailedException fromWire = (ConditionalCheckFailedException) thrownBy(() -> real.updateItem(noticeWrite()));

        assertThat(fromWire.awsErrorDetails().errorCode()).isEqualTo(fromFake.awsErrorDetails().errorCode());
        assertThat(fromWire.statusCode()).isEqualTo(fromFake.statusCode());
        assertThat(fromWire.item().get("stateAt").n()).isEqualTo(fromFake.item().get("stateAt").n());
        assertThat(requests()).as("a failed condition is final").hasSize(1);
    }

    @Test
    void anUnknownTableAndABadRequestMapLikeTheFake() {
        var missing = noticeWrite().toBuilder().tableName("nope").build();
        assertWireErrorLikeFake(jsonCall("DynamoDB_20120810.UpdateItem"), false, () -> fake.updateItem(missing),
                () -> real.updateItem(missing));
        var unused = noticeWrite().toBuilder().conditionExpression("attribute_not_exists(pk)").build();
        assertWireErrorLikeFake(jsonCall("DynamoDB_20120810.UpdateItem"), false, () -> fake.updateItem(unused),
                () -> real.updateItem(unused));
    }

    @Test
    void deleteItemReleasesATransition() {
        wire.stubFor(jsonCall("DynamoDB_20120810.DeleteItem").willReturn(json("{}")));

        real.deleteItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("transition#t"))));

        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("DynamoDB_20120810.DeleteItem"))
                .withRequestBody(equalToJson("{\"TableName\":\"shepherd-incidents\",\"Key\":{\"pk\":{\"S\":\"transition#t\"}}}")));
        assertWireErrorLikeFake(jsonCall("DynamoDB_20120810.DeleteItem"), false,
                () -> fake.deleteItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("t")))),
                () -> real.deleteItem(r -> r.tableName(TABLE).key(Map.of("id", AttributeValue.fromS("t")))));
    }

    @Test
    void getItem() {
        wire.stubFor(jsonCall("DynamoDB_20120810.GetItem").willReturn(json("{\"Item\":{\"pk\":{\"S\":\"alarm#x\"},"
                + "\"rolledUp\":{\"N\":\"5\"}}}")));

        var item = real.getItem(r -> r.tableName(TABLE).consistentRead(true).key(Map.of("pk", AttributeValue.fromS("alarm#x")))).item();

        assertThat(item.get("rolledUp").n()).isEqualTo("5");
        wire.verify(postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson(
                "{\"TableName\":\"shepherd-incidents\",\"ConsistentRead\":true,\"Key\":{\"pk\":{\"S\":\"alarm#x\"}}}")));
        wire.resetAll();
        wire.stubFor(jsonCall("DynamoDB_20120810.GetItem").willReturn(json("{}")));
        assertThat(real.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("alarm#none")))).hasItem())
                .isEqualTo(fake.getItem(r -> r.tableName(TABLE).key(Map.of("pk", AttributeValue.fromS("alarm#none")))).hasItem())
                .isFalse();
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall("DynamoDB_20120810.UpdateItem"), List.of(
                dynamoError(400, "ProvisionedThroughputExceededException", ",\"message\":\"Rate of requests exceeds\""),
                dynamoError(400, "ThrottlingException", ",\"message\":\"Rate exceeded\""),
                json("{}")));

        assertThat(real.updateItem(noticeWrite()).hasAttributes()).isFalse();
        assertThat(requests()).hasSize(3);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> jsonCall("DynamoDB_20120810.PutItem"), List.of(
                dynamoError(500, "InternalServerError", ",\"message\":\"internal\""), json("{}")));

        real.putItem(r -> r.tableName(TABLE).item(Map.of("pk", AttributeValue.fromS("transition#t"))));
        assertThat(requests()).hasSize(2);
    }
}

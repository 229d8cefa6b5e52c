package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class FakeLambdaTest {
    static final String SCENARIO = """
            {"lambda": {"functions": {"orders-api": {
              "versions": {"7": {"payload": {"statusCode": 200, "body": "ok"}},
                           "8": {"functionError": "Unhandled",
                                 "payload": {"errorMessage": "boom", "errorType": "java.lang.IllegalStateException"}}},
              "aliases": {"live": "8"}}}}}""";

    Sandbox sandbox;
    FakeLambda fake;
    LambdaClient lambda;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        fake = sandbox.fake(FakeLambda.class);
        lambda = sandbox.client(LambdaClient.class);
    }

    @Test
    void aVersionAnswersWithItsPayload() {
        var response = lambda.invoke(r -> r.functionName("orders-api").qualifier("7").payload(SdkBytes.fromUtf8String("{\"ping\":1}")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("7");
        assertThat(Json.parse(response.payload().asUtf8String()).get("body").asText()).isEqualTo("ok");
        assertThat(fake.invocations()).singleElement().satisfies(i -> {
            assertThat(i.functionName()).isEqualTo("orders-api");
            assertThat(i.payload()).isEqualTo("{\"ping\":1}");
        });
    }

    @Test
    void aFunctionErrorIsStatus200WithFunctionErrorSet() {
        var response = lambda.invoke(r -> r.functionName("arn:aws:lambda:eu-west-1:111122223333:function:orders-api:live"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        assertThat(response.executedVersion()).isEqualTo("8");
        assertThat(response.payload().asUtf8String()).contains("boom");
    }

    @Test
    void qualifierFormsAndTheirConflicts() {
        assertThat(lambda.invoke(r -> r.functionName("orders-api:7")).executedVersion()).isEqualTo("7");
        assertThat(lambda.invoke(r -> r.functionName("111122223333:function:orders-api").qualifier("live")).executedVersion())
                .isEqualTo("8");
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("orders-api:7").qualifier("8")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThat(lambda.invoke(r -> r.functionName("orders-api:7").invocationType(InvocationType.EVENT)).statusCode())
                .isEqualTo(202);
    }

    @Test
    void unknownFunctionVersionOrAliasIsResourceNotFound() {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("other").qualifier("1")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("function:other:1");
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("orders-api").qualifier("9")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("orders-api")))
                .as("$LATEST was not seeded").isInstanceOf(ResourceNotFoundException.class);
        assertThat(fake.invocations()).isEmpty();
        assertThat(sandbox.journal().calls("lambda", "Invoke")).hasSize(3);
    }

    @Test
    void aPayloadThatIsNotJsonIsRejected() {
        assertThatThrownBy(() -> lambda.invoke(r -> r.functionName("orders-api:7").payload(SdkBytes.fromUtf8String("{not json"))))
                .isInstanceOf(InvalidRequestContentException.class);
    }

    @Test
    void aliasToAnUnseededVersionIsAScenarioError() {
        assertThatThrownBy(() -> sandbox.load(Json.parse("""
                {"lambda": {"functions": {"f": {"versions": {"1": {}}, "aliases": {"live": "2"}}}}}""")))
                .hasMessageContaining("lambda.functions.f.aliases.live");
    }
}

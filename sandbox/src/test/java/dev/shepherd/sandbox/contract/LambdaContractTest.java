package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Lambda {@code Invoke} (REST-JSON: {@code POST /2015-03-31/functions/{name}/invocations?Qualifier=}) on the
 * wire versus {@code FakeLambda}. A function error is a 200 with {@code X-Amz-Function-Error}; service errors
 * carry their code in {@code X-Amzn-ErrorType}.
 */
class LambdaContractTest extends ContractTest {
    static final String PATH = "/2015-03-31/functions/orders-api/invocations";

    LambdaClient fake;
    LambdaClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"lambda": {"functions": {"orders-api": {"versions": {"7": {"payload": {"ok": true}},
                   "8": {"functionError": "Unhandled", "payload": {"errorMessage": "boom"}}}}}}}""")).client(LambdaClient.class);
        real = real(LambdaClient.class);
    }

    static MappingBuilder invoke() {
        return post(urlPathEqualTo(PATH));
    }

    static ResponseDefinitionBuilder restError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withHeader("X-Amzn-ErrorType", code + ":http://internal.amazon.com/coral/com.amazonaws.awslambda/")
                .withBody("{\"Type\":\"User\",\"Message\":\"" + message + "\"}");
    }

    @Test
    void invokeAVersion() {
        wire.stubFor(invoke().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Amz-Executed-Version", "7").withBody("{\"ok\":true}")));

        InvokeResponse response = real.invoke(r -> r.functionName("orders-api").qualifier("7")
                .payload(SdkBytes.fromUtf8String("{\"ping\":1}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("7");
        assertThat(response.payload().asUtf8String()).isEqualTo("{\"ok\":true}");
        wire.verify(postRequestedFor(urlPathEqualTo(PATH)).withQueryParam("Qualifier", equalTo("7"))
                .withRequestBody(equalToJson("{\"ping\":1}")));
        assertThat(journal.calls("lambda", "Invoke")).hasSize(1);
        var fromFake = fake.invoke(r -> r.functionName("orders-api").qualifier("7"));
        assertThat(fromFake.statusCode()).isEqualTo(response.statusCode());
        assertThat(fromFake.executedVersion()).isEqualTo(response.executedVersion());
    }

    @Test
    void aFunctionErrorIsA200WithTheErrorHeaderLikeTheFake() {
        wire.stubFor(invoke().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withHeader("X-Amz-Function-Error", "Unhandled").withHeader("X-Amz-Executed-Version", "8")
                .withBody("{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}")));

        InvokeResponse wireAnswer = real.invoke(r -> r.functionName("orders-api").qualifier("8"));
        InvokeResponse fakeAnswer = fake.invoke(r -> r.functionName("orders-api").qualifier("8"));

        assertThat(wireAnswer.statusCode()).isEqualTo(200).isEqualTo(fakeAnswer.statusCode());
        assertThat(wireAnswer.functionError()).isEqualTo("Unhandled").isEqualTo(fakeAnswer.functionError());
        assertThat(Json.parse(wireAnswer.payload().asUtf8String()).get("errorMessage").asText()).isEqualTo("boom");
    }

    @Test
    void invokeErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.invoke(r -> r.functionName("orders-api").qualifier("9"));
        for (Runnable fakeCall : List.<Runnable>of(
                () -> fake.invoke(r -> r.functionName("orders-api").qualifier("9")),
                () -> fake.invoke(r -> r.functionName("orders-api:7").qualifier("8")),
                () -> fake.invoke(r -> r.functionName("orders-api:7").payload(SdkBytes.fromUtf8String("{oops"))))) {
            AwsServiceException fromFake = thrownBy(fakeCall);
            wire.resetAll();
            wire.stubFor(invoke().willReturn(restError(fromFake.statusCode(), fromFake.awsErrorDetails().errorCode(),
                    fromFake.awsErrorDetails().errorMessage())));
            assertSameError(fromFake, realCall);
        }
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(LambdaContractTest::invoke, List.of(restError(429, "TooManyRequestsException", "Rate exceeded"),
                aResponse().withStatus(200).withHeader("X-Amz-Executed-Version", "7").withBody("{}")));

        assertThat(real.invoke(r -> r.functionName("orders-api").qualifier("7")).executedVersion()).isEqualTo("7");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(LambdaContractTest::invoke, List.of(restError(500, "ServiceException", "internal"),
                aResponse().withStatus(200).withHeader("X-Amz-Executed-Version", "7").withBody("{}")));

        assertThat(real.invoke(r -> r.functionName("orders-api").qualifier("7")).statusCode()).isEqualTo(200);
        assertThat(requests()).hasSize(2);
    }
}

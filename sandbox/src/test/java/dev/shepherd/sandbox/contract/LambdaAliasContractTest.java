package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;

/**
 * Lambda {@code GetAlias} ({@code GET /2015-03-31/functions/{name}/aliases/{alias}}) and {@code UpdateAlias} ({@code PUT}
 * on the same path) on the wire versus {@code FakeLambda}. Clearing a weighted shift sends an explicitly empty
 * {@code AdditionalVersionWeights}, which the assertions pin down.
 */
class LambdaAliasContractTest extends ContractTest {
    static final String PATH = "/2015-03-31/functions/orders-fn/aliases/live";
    static final String ALIAS = """
            {"AliasArn": "arn:aws:lambda:eu-west-1:111122223333:function:orders-fn:live", "Name": "live",
             "FunctionVersion": "7", "RoutingConfig": {"AdditionalVersionWeights": {"8": 0.1}}, "RevisionId": "rev-1"}""";

    LambdaClient fake;
    LambdaClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"lambda": {"functions": {"orders-fn": {"versions": {"7": {}, "8": {}},
                   "aliases": {"live": {"FunctionVersion": "7", "RevisionId": "rev-1",
                                        "RoutingConfig": {"AdditionalVersionWeights": {"8": 0.1}}}}}}}}""")).client(LambdaClient.class);
        real = real(LambdaClient.class);
    }

    static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    static ResponseDefinitionBuilder restError(int status, String code, String message) {
        return LambdaContractTest.restError(status, code, message);
    }

    /** As {@link ContractTest#assertWireErrorLikeFake}, for Lambda's REST errors (code in X-Amzn-ErrorType). */
    static void assertRestErrorLikeFake(MappingBuilder request, Runnable fakeCall, Runnable realCall) {
        AwsServiceException fromFake = thrownBy(fakeCall);
        wire.resetAll();
        wire.stubFor(request.willReturn(restError(fromFake.statusCode(), fromFake.awsErrorDetails().errorCode(),
                fromFake.awsErrorDetails().errorMessage())));
        assertSameError(fromFake, realCall);
        assertThat(requests()).as("final: not retried").hasSize(1);
    }

    @Test
    void getAlias() {
        wire.stubFor(get(urlPathEqualTo(PATH)).willReturn(ok(ALIAS)));

        var wireAlias = real.getAlias(r -> r.functionName("orders-fn").name("live"));
        var fakeAlias = fake.getAlias(r -> r.functionName("orders-fn").name("live"));

        assertThat(wireAlias.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("8", 0.1));
        assertThat(List.of(fakeAlias.functionVersion(), fakeAlias.routingConfig(), fakeAlias.revisionId()))
                .isEqualTo(List.of(wireAlias.functionVersion(), wireAlias.routingConfig(), wireAlias.revisionId()));
        assertThat(onlyRequest().getMethod().getName()).isEqualTo("GET");
        assertThat(journal.calls("lambda", "GetAlias")).hasSize(1);
    }

    @Test
    void updateAliasBackToThePrimaryVersion() {
        wire.stubFor(put(urlPathEqualTo(PATH)).willReturn(ok(ALIAS.replace("{\"8\": 0.1}", "{}").replace("rev-1", "rev-2"))));

        var updated = real.updateAlias(r -> r.functionName("orders-fn").name("live").functionVersion("7")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())).revisionId("rev-1"));

        assertThat(updated.routingConfig().additionalVersionWeights()).isEmpty();
        assertThat(updated.revisionId()).isEqualTo("rev-2");
        assertThat(equalToJson("{\"FunctionVersion\": \"7\", \"RoutingConfig\": {\"AdditionalVersionWeights\": {}}, "
                + "\"RevisionId\": \"rev-1\"}").match(onlyRequest().getBodyAsString()).isExactMatch()).isTrue();
    }

    @Test
    void errorsMapLikeTheFake() {
        assertRestErrorLikeFake(get(urlPathEqualTo("/2015-03-31/functions/orders-fn/aliases/nope")),
                () -> fake.getAlias(r -> r.functionName("orders-fn").name("nope")),
                () -> real.getAlias(r -> r.functionName("orders-fn").name("nope")));
        Runnable update = () -> real.updateAlias(r -> r.functionName("orders-fn").name("live").revisionId("stale"));
        assertRestErrorLikeFake(put(urlPathEqualTo(PATH)),
                () -> fake.updateAlias(r -> r.functionName("orders-fn").name("live").revisionId("stale")), update);
        assertThat(thrownBy(update)).isInstanceOf(PreconditionFailedException.class);
        assertRestErrorLikeFake(put(urlPathEqualTo(PATH)),
                () -> fake.updateAlias(r -> r.functionName("orders-fn").name("live")
                        .routingConfig(c -> c.additionalVersionWeights(Map.of("7", 0.5)))), update);
    }

    @Test
    void tooManyRequestsIsRetriedThenSucceeds() {
        stubSequence(() -> get(urlPathEqualTo(PATH)), List.of(
                restError(429, "TooManyRequestsException", "Rate exceeded"), ok(ALIAS)));

        assertThat(real.getAlias(r -> r.functionName("orders-fn").name("live")).functionVersion()).isEqualTo("7");
        assertThat(requests()).hasSize(2);
    }
}

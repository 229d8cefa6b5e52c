package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** The fake's GetAlias and UpdateAlias with weighted routing. */
class FakeLambdaAliasTest {
    Sandbox sandbox;
    LambdaClient lambda;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse("""
                {"lambda": {"functions": {"orders-fn": {
                   "versions": {"7": {"payload": {"v": 7}}, "8": {"payload": {"v": 8}}, "9": {"payload": {"v": 9}}},
                   "aliases": {"live": {"FunctionVersion": "7", "RoutingConfig": {"AdditionalVersionWeights": {"8": 0.1}}},
                               "stable": "7"}}}}}"""));
        lambda = sandbox.client(LambdaClient.class);
    }

    @Test
    void getAliasAnswersItsRoutingAndRevision() {
        var alias = lambda.getAlias(r -> r.functionName("orders-fn").name("live"));
        assertThat(alias.functionVersion()).isEqualTo("7");
        assertThat(alias.routingConfig().additionalVersionWeights()).isEqualTo(Map.of("8", 0.1));
        assertThat(alias.revisionId()).isNotBlank();
        assertThat(alias.aliasArn()).endsWith(":function:orders-fn:live");
        assertThat(lambda.getAlias(r -> r.functionName("123456789012:function:orders-fn").name("stable"))
                .routingConfig()).isNull();
        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("orders-fn").name("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.getAlias(r -> r.functionName("orders-fn:7").name("live")))
                .isInstanceOf(InvalidParameterValueException.class);
    }

    @Test
    void anEmptyRoutingConfigShiftsBackAndIssuesANewRevision() {
        String revision = lambda.getAlias(r -> r.functionName("orders-fn").name("live")).revisionId();

        var updated = lambda.updateAlias(r -> r.functionName("orders-fn").name("live").functionVersion("7")
                .routingConfig(c -> c.additionalVersionWeights(Map.of())).revisionId(revision));

        assertThat(updated.routingConfig().additionalVersionWeights()).isEmpty();
        assertThat(updated.revisionId()).isNotEqualTo(revision);
        assertThat(sandbox.fake(FakeLambda.class).alias("orders-fn", "live").routingConfig().additionalVersionWeights())
                .isEmpty();
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("orders-fn").name("live").revisionId(revision)))
                .as("a stale revision").isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void lambdasRoutingRules() {
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("orders-fn").name("stable")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("8", 0.1, "9", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("orders-fn").name("stable")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("7", 0.5)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("orders-fn").name("stable")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("42", 0.5)))))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.updateAlias(r -> r.functionName("orders-fn").name("stable").functionVersion("42")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(lambda.updateAlias(r -> r.functionName("orders-fn").name("stable")
                .routingConfig(c -> c.additionalVersionWeights(Map.of("9", 0.25)))).functionVersion()).isEqualTo("7");
    }

    @Test
    void invokeOnAWeightedAliasAnswersFromThePrimaryVersion() {
        assertThat(lambda.invoke(r -> r.functionName("orders-fn").qualifier("live")).executedVersion()).isEqualTo("7");
    }
}

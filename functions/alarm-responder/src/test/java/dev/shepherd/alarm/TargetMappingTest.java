package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The SSM mapping's strictness: one message naming every problem, never half applied. */
class TargetMappingTest {
    @Test
    void aValidMapping() {
        TargetMapping mapping = TargetMapping.parse("""
                {"orders-5xx": {"codedeploy": ["orders/orders-dg", "orders,eu/dg@1"], "ecs-service": ["c/s"]},
                 "orders-latency": {}}""");

        assertThat(mapping.targetsOf("orders-5xx")).containsExactly(new Target.DeploymentGroup("orders", "orders-dg"),
                new Target.DeploymentGroup("orders,eu", "dg@1"), new Target.EcsService("c", "s"));
        assertThat(mapping.targetsOf("orders-latency")).isEmpty();
        assertThat(mapping.targetsOf("unknown")).isEmpty();
    }

    @Test
    void everyProblemInOneMessage() {
        assertThatThrownBy(() -> TargetMapping.parse("""
                {"a": {"codedeploy": "orders/orders-dg"}, "b": [], "c": {"lambda-alias": [42, "fn:$LATEST"]},
                 "d": {"ecs-service": []}}"""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alarm-targets refused: alarm-targets.a.codedeploy must be a non-empty list of strings; "
                        + "alarm-targets.b must be an object with codedeploy, ecs-service and/or lambda-alias; "
                        + "alarm-targets.c.lambda-alias[0] must be a string; "
                        + "alarm-targets.c.lambda-alias[1] 'fn:$LATEST' is not function:alias; "
                        + "alarm-targets.d.ecs-service must be a non-empty list of strings");
    }

    @Test
    void malformedJsonAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> TargetMapping.parse("{\"a\": {}, \"a\": {\"codedeploy\": [\"x/y\"]}}"))
                .hasMessageContaining("Duplicate field 'a'");
        assertThatThrownBy(() -> TargetMapping.parse("[\"a\"]")).hasMessageContaining("keyed by alarm name");
        assertThatThrownBy(() -> TargetMapping.parse("{\"a\": ")).hasMessageContaining("malformed JSON");
    }
}

package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code parameters} object of the compliance policy: strict, every field optional. */
class ParityPolicyTest {
    final List<String> problems = new ArrayList<>();

    @Test
    void absentMeansShepherdsOwnEnvironmentsAndTheRouteFile() {
        ParityPolicy policy = ParityPolicy.parse(MissingNode.getInstance(), problems);

        assertThat(problems).isEmpty();
        assertThat(policy.environments()).containsExactly(Map.entry("dev", "/shepherd/dev"),
                Map.entry("staging", "/shepherd/staging"), Map.entry("prod", "/shepherd/prod"));
        assertThat(policy.required()).containsExactly("routes");
        assertThat(policy.requiredListParameter()).isNull();
        assertThat(policy.ignore()).isEmpty();
    }

    @Test
    void everyFieldIsRead() {
        ParityPolicy policy = ParityPolicy.parse(Json.parse("""
                {"environments": {"test": "/acme/test", "live": "/acme/live"},
                 "required": ["routes", "compliance", "app/db/url"],
                 "requiredListParameter": "required-parameters",
                 "ignore": ["deployments"]}"""), problems);

        assertThat(problems).isEmpty();
        assertThat(policy.environments()).containsExactly(Map.entry("test", "/acme/test"), Map.entry("live", "/acme/live"));
        assertThat(policy.required()).containsExactly("routes", "compliance", "app/db/url");
        assertThat(policy.requiredListParameter()).isEqualTo("required-parameters");
        assertThat(policy.ignored("deployments/orders/group")).isTrue();
        assertThat(policy.ignored("deployments-old")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"environment\": {}}                                         | parameters.environment is not a known field",
            "{\"environments\": {\"dev\": \"/shepherd/dev\"}}              | two environments or more",
            "{\"environments\": {\"dev\": \"/shepherd/dev/\", \"prod\": \"/shepherd/prod\"}} | no trailing slash",
            "{\"environments\": {\"dev\": \"/shepherd\", \"prod\": \"/shepherd/prod\"}}      | /shepherd/prod lies within dev's path /shepherd",
            "{\"environments\": {\"Dev\": \"/shepherd/dev\", \"prod\": \"/shepherd/prod\"}}  | parameters.environments.Dev: an environment name",
            "{\"required\": [\"/shepherd/dev/routes\"]}                    | parameters.required[0] must be a relative parameter name",
            "{\"required\": \"routes\"}                                    | parameters.required must be a list",
            "{\"requiredListParameter\": 3}                               | parameters.requiredListParameter must be a relative",
            "{\"ignore\": [\"a//b\"]}                                      | parameters.ignore[0]",
            "[]                                                          | parameters must be an object",
    })
    void aMistakeIsNamedAndTheDefaultKept(String json, String problem) {
        ParityPolicy policy = ParityPolicy.parse(Json.parse(json), problems);

        assertThat(problems).singleElement().asString().contains(problem);
        assertThat(policy.environments()).isNotEmpty();
    }
}

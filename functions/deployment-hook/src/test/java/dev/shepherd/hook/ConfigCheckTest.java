package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Parameters;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** Required configuration: present and non-empty, with the item named in the reason and its value nowhere. */
class ConfigCheckTest {
    static final String SCENARIO = """
            {"ssm": {"parameters": [
               {"Name": "/orders/dev/flags", "Type": "String", "Value": "{\\"a\\":1}"},
               {"Name": "/orders/dev/api-key", "Type": "SecureString", "Value": "sk-param-value-4242"},
               {"Name": "/orders/dev/blank", "Type": "String", "Value": " "}]%s},
             "secretsmanager": {"secrets": [
               {"name": "orders/dev/db", "value": {"password": "db-secret-value-9f8e"}},
               {"name": "orders/dev/retired", "value": "old", "deleted": true}]%s}}""";

    static CheckResult run(String faultsSsm, String faultsSecrets, String checkJson) throws CheckFailure {
        SandboxChecks s = new SandboxChecks(SCENARIO.formatted(faultsSsm, faultsSecrets));
        return new ConfigCheck((CheckPlan.ConfigPresent) SandboxChecks.spec(checkJson), new Parameters(s.platform),
                s.platform.client(SecretsManagerClient.class)).run(SandboxChecks.tenSeconds());
    }

    static CheckResult run(String checkJson) throws CheckFailure {
        return run("", "", checkJson);
    }

    @Test
    void presentParametersAndSecretsPass() throws CheckFailure {
        CheckResult result = run("""
                {"type": "config", "parameters": ["/orders/dev/flags", "/orders/dev/api-key"], "secrets": ["orders/dev/db"]}""");

        assertThat(result.passed()).isTrue();
        assertThat(result.reason()).doesNotContain("sk-param-value-4242", "db-secret-value-9f8e");
    }

    @Test
    void missingAndEmptyItemsAreEachNamed() {
        assertThatThrownBy(() -> run("""
                {"type": "config", "parameters": ["/orders/dev/none", "/orders/dev/blank"],
                 "secrets": ["orders/dev/gone", "orders/dev/retired"]}"""))
                .hasMessageContaining("parameter /orders/dev/none does not exist")
                .hasMessageContaining("parameter /orders/dev/blank is empty")
                .hasMessageContaining("secret orders/dev/gone does not exist")
                .hasMessageContaining("secret orders/dev/retired is scheduled for deletion");
    }

    @Test
    void unreadableItemsFailWithTheErrorCodeNotTheMessage() {
        assertThatThrownBy(() -> run(", \"faults\": {\"GetParameter\": [\"AccessDeniedException\"]}",
                ", \"faults\": {\"DescribeSecret\": [\"AccessDeniedException\"]}", """
                {"type": "config", "parameters": ["/orders/dev/api-key"], "secrets": ["orders/dev/db"]}"""))
                .hasMessageContaining("parameter /orders/dev/api-key cannot be read (AccessDeniedException)")
                .hasMessageContaining("secret orders/dev/db cannot be described (AccessDeniedException)")
                .hasMessageNotContaining("sk-param-value-4242");
    }
}

package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;

/** Configuration parity over dev, staging and prod against the sandbox's SSM (compliance reference section 4; edge 2, 32, 33). */
class ParameterParityCheckTest {
    static final String ROUTES = """
            {"defaultSeverity": "high", "channels": {"ops": {"type": "sns",
             "topicArn": "arn:aws:sns:eu-west-1:111122223333:shepherd-ops"}},
             "severities": {"high": {"notify": ["ops"]}}}""";
    static final List<String> ENVS = List.of("dev", "staging", "prod");

    final Clock clock = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);
    final Findings findings = new Findings();
    /** One account holding every environment, unless a test gives each its own. */
    final Sandbox sandbox = new Sandbox();

    static void put(Sandbox into, String name, String type, String value, String tier) {
        ObjectNode scenario = Json.MAPPER.createObjectNode();
        ArrayNode parameters = scenario.putObject("ssm").putArray("parameters");
        ObjectNode p = parameters.addObject().put("Name", name).put("Type", type).put("Value", value);
        if (tier != null) {
            p.put("Tier", tier);
        }
        into.load(scenario);
    }

    void put(String name, String type) {
        put(sandbox, name, type, "v", null);
    }

    /** The parameter in each of the environments named. */
    void putIn(String relative, String type, String... envs) {
        for (String env : envs) {
            put("/shepherd/" + env + "/" + relative, type);
        }
    }

    void routesEverywhere() {
        for (String env : ENVS) {
            put(sandbox, "/shepherd/" + env + "/routes", "String", ROUTES, null);
        }
    }

    Map<String, Scope> oneAccount() {
        Map<String, Scope> scopes = new LinkedHashMap<>();
        ENVS.forEach(env -> scopes.put(env, new Scope("111122223333", env, Region.EU_WEST_1, Region.AP_NORTHEAST_1, sandbox)));
        return scopes;
    }

    CheckResult run(ParityPolicy policy, Map<String, Scope> scopes) throws Exception {
        return new ParameterParityCheck(scopes, policy, ValueValidator.CORE, Targets.DEFAULTS, findings, clock)
                .run(Deadline.of(clock, 60_000, Duration.ZERO));
    }

    CheckResult run() throws Exception {
        return run(ParityPolicy.DEFAULTS, oneAccount());
    }

    CheckResult result(String relative) {
        return findings.all().stream().filter(r -> r.name().equals("dev,staging,prod:" + relative)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for " + relative + " in " + findings.all()));
    }

    static ParityPolicy policy(String json) {
        List<String> problems = new ArrayList<>();
        ParityPolicy policy = ParityPolicy.parse(Json.parse(json), problems);
        assertThat(problems).isEmpty();
        return policy;
    }

    @Test
    void sameNamesAndTypesEverywherePassAndOnlyValidatedValuesAreRead() throws Exception {
        routesEverywhere();
        putIn("db/url", "String", "dev", "staging", "prod");

        CheckResult summary = run();

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 2 judged, ");
        assertThat(result("routes").status()).isEqualTo(Status.PASS);
        assertThat(result("routes").reason()).isEqualTo("in every environment (dev, staging, prod) as String, its value "
                + "valid in each");
        assertThat(result("db/url").reason()).isEqualTo("in every environment (dev, staging, prod) as String");
        assertThat(sandbox.journal().calls("ssm", "GetParameter")).extracting(c -> c.request().path("Name").asText())
                .containsExactlyInAnyOrder("/shepherd/dev/routes", "/shepherd/staging/routes", "/shepherd/prod/routes");
        assertThat(sandbox.journal().calls("ssm", "GetParameter"))
                .allSatisfy(c -> assertThat(c.request().path("WithDecryption").asBoolean(true)).isFalse());
    }

    @Test
    void missingInStagingFails_edge32() throws Exception {
        routesEverywhere();
        putIn("db/url", "String", "dev", "prod");

        run();

        assertThat(result("db/url").status()).isEqualTo(Status.FAIL);
        assertThat(result("db/url").reason()).isEqualTo("missing in staging (present in dev, prod)");
    }

    @Test
    void onlyInDevFails_edge32() throws Exception {
        routesEverywhere();
        putIn("feature/experiment", "String", "dev");

        run();

        assertThat(result("feature/experiment").status()).isEqualTo(Status.FAIL);
        assertThat(result("feature/experiment").reason()).isEqualTo("only in dev (missing in staging, prod)");
    }

    @Test
    void stringVersusSecureStringFails_edge32() throws Exception {
        routesEverywhere();
        putIn("db/password", "SecureString", "dev", "staging");
        putIn("db/password", "String", "prod");

        run();

        assertThat(result("db/password").status()).isEqualTo(Status.FAIL);
        assertThat(result("db/password").reason())
                .isEqualTo("Type differs: dev SecureString, staging SecureString, prod String");
    }

    @Test
    void stringListVersusStringFails_edge32() throws Exception {
        routesEverywhere();
        putIn("hook/alarms", "StringList", "dev", "staging");
        putIn("hook/alarms", "String", "prod");

        run();

        assertThat(result("hook/alarms").status()).isEqualTo(Status.FAIL);
        assertThat(result("hook/alarms").reason()).contains("Type differs", "dev StringList", "prod String");
    }

    @Test
    void namesDifferingOnlyInCaseAreTwoNamesAndTheReasonSaysSo_edge32() throws Exception {
        routesEverywhere();
        putIn("App/x", "String", "dev", "staging");
        putIn("app/x", "String", "prod");

        run();

        assertThat(result("App/x").status()).isEqualTo(Status.FAIL);
        assertThat(result("App/x").reason()).isEqualTo("missing in prod (present in dev, staging); prod has app/x, "
                + "which differs only in case (names are case-sensitive)");
        assertThat(result("app/x").status()).isEqualTo(Status.FAIL);
        assertThat(result("app/x").reason()).startsWith("only in prod (missing in dev, staging)")
                .contains("dev has App/x", "staging has App/x");
    }

    @Test
    void anAdvancedTierInOneEnvironmentPassesWithANote_edge32() throws Exception {
        routesEverywhere();
        putIn("big/document", "String", "dev", "staging");
        put(sandbox, "/shepherd/prod/big/document", "String", "v", "Advanced");

        run();

        assertThat(result("big/document").status()).isEqualTo(Status.PASS);
        assertThat(result("big/document").reason()).endsWith("; Tier differs: dev Standard, staging Standard, "
                + "prod Advanced, allowed");
    }

    @Test
    void moreThanFiftyParametersInEachAccountAreReadOverEveryPage_edge1() throws Exception {
        Map<String, Scope> scopes = new LinkedHashMap<>();
        List<Sandbox> accounts = new ArrayList<>();
        for (int e = 0; e < ENVS.size(); e++) {
            String env = ENVS.get(e);
            Sandbox account = new Sandbox();
            accounts.add(account);
            put(account, "/shepherd/" + env + "/routes", "String", ROUTES, null);
            for (int i = 0; i < 60; i++) {
                put(account, "/shepherd/" + env + "/app/p-%02d".formatted(i), "String", "v", null);
            }
            scopes.put(env, new Scope(String.valueOf(e + 1).repeat(12), env, Region.EU_WEST_1, Region.AP_NORTHEAST_1,
                    account));
        }
        put(accounts.get(2), "/shepherd/prod/app/p-60", "String", "v", null);

        run(ParityPolicy.DEFAULTS, scopes);

        assertThat(findings.all()).hasSize(62);
        assertThat(findings.all().stream().filter(r -> !r.passed())).extracting(CheckResult::name)
                .containsExactly("dev,staging,prod:app/p-60");
        for (Sandbox account : accounts) {
            assertThat(account.journal().calls("ssm", "DescribeParameters")).hasSize(2)
                    .allSatisfy(c -> assertThat(c.request().path("MaxResults").asInt()).isEqualTo(50));
        }
    }

    @Test
    void nestedLevelsAreComparedThroughARecursiveListing_edge32() throws Exception {
        routesEverywhere();
        putIn("hook/deep/level/timeout", "String", "dev", "prod");

        run();

        assertThat(result("hook/deep/level/timeout").reason()).isEqualTo("missing in staging (present in dev, prod)");
        assertThat(sandbox.journal().calls("ssm", "DescribeParameters")).allSatisfy(c ->
                assertThat(c.request().path("ParameterFilters").get(0).path("Option").asText()).isEqualTo("Recursive"));
    }

    @Test
    void anEmptyPageThatCarriesATokenDoesNotEndTheListing_edge2() throws Exception {
        routesEverywhere();
        for (int i = 0; i < 60; i++) {
            putIn("app/p-%02d".formatted(i), "String", "dev", "staging", "prod");
        }
        // In one account the listing walks every name in order: staging's first page of 50 is all dev's, so empty.
        DescribeParametersResponse first = sandbox.client(SsmClient.class).describeParameters(r -> r.maxResults(50)
                .parameterFilters(f -> f.key("Path").option("Recursive").values("/shepherd/staging")));
        assertThat(first.parameters()).isEmpty();
        assertThat(first.nextToken()).isNotNull();

        run();

        assertThat(findings.all()).hasSize(61).allMatch(CheckResult::passed);
    }

    @Test
    void anInvalidRouteFileFailsWithTheValidatorsMessageButNotTheValue() throws Exception {
        routesEverywhere();
        put(sandbox, "/shepherd/staging/routes", "String", """
                {"defaultSeverity": "high", "channels": {"slack": {"type": "slack",
                 "secret": "https://hooks.slack.com/services/T0001/B0001/XyZsEcReTtOkEn"}},
                 "severities": {"high": {"notify": ["slack"]}}}""", null);
        put(sandbox, "/shepherd/prod/routes", "String", "{\"defaultSeverity\": hunter2-p4ssw0rd", null);

        run();

        CheckResult routes = result("routes");
        assertThat(routes.status()).isEqualTo(Status.FAIL);
        assertThat(routes.reason()).contains("invalid in staging: /shepherd/staging/routes: channels.slack.secret '…' "
                + "is not a Secrets Manager secret name or ARN", "invalid in prod: /shepherd/prod/routes: malformed JSON")
                .doesNotContain("XyZsEcReTtOkEn", "hooks.slack.com", "hunter2", "p4ssw0rd");
    }

    @Test
    void routesMissingEverywhereFailsAsRequired() throws Exception {
        putIn("db/url", "String", "dev", "staging", "prod");

        run();

        assertThat(result("routes").status()).isEqualTo(Status.FAIL);
        assertThat(result("routes").reason()).isEqualTo("required, but in no environment (dev, staging, prod)");
    }

    @Test
    void aSecureStringRouteFileIsCannotTellSinceItsValueIsNotDecrypted() throws Exception {
        for (String env : ENVS) {
            put(sandbox, "/shepherd/" + env + "/routes", "SecureString", ROUTES, null);
        }

        run();

        assertThat(result("routes").status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result("routes").reason()).startsWith("in every environment as SecureString; value not checked: "
                + "the value in dev is a SecureString, which this check does not decrypt");
    }

    @Test
    void theRequiredListInSsmAddsRequiredNames() throws Exception {
        routesEverywhere();
        for (String env : ENVS) {
            put(sandbox, "/shepherd/" + env + "/required-parameters", "StringList", "alarm-targets, cost-policy", null);
        }
        put(sandbox, "/shepherd/prod/required-parameters", "StringList", "alarm-targets,cost-policy,/absolute", null);
        putIn("alarm-targets", "String", "dev", "staging");

        run(policy("{\"requiredListParameter\": \"required-parameters\"}"), oneAccount());

        assertThat(result("alarm-targets").reason()).isEqualTo("missing in prod (present in dev, staging); it is required");
        assertThat(result("cost-policy").reason()).isEqualTo("required, but in no environment (dev, staging, prod)");
        assertThat(result("required-parameters").status()).isEqualTo(Status.FAIL);
        assertThat(result("required-parameters").reason())
                .isEqualTo("the required list in prod: entry 3 is not a relative parameter name");
    }

    @Test
    void ignoredNamesAndEverythingBelowThemAreLeftOut() throws Exception {
        routesEverywhere();
        putIn("deployments/orders/blue-green", "String", "prod");
        putIn("deployments-old", "String", "prod");

        run(policy("{\"ignore\": [\"deployments\"]}"), oneAccount());

        assertThat(findings.all()).extracting(CheckResult::name)
                .containsExactly("dev,staging,prod:deployments-old", "dev,staging,prod:routes");
    }

    @Test
    void accessDeniedInOneEnvironmentMakesTheWholeCheckCannotTell_edge33() throws Exception {
        Sandbox prod = new Sandbox();
        prod.load(Json.parse("{\"ssm\": {\"faults\": {\"DescribeParameters\": [\"AccessDeniedException\"]}}}"));
        Map<String, Scope> scopes = oneAccount();
        scopes.put("prod", new Scope("444455556666", "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, prod));
        routesEverywhere();

        assertThatThrownBy(() -> run(ParityPolicy.DEFAULTS, scopes)).isInstanceOfSatisfying(CheckFailure.class, e -> {
            assertThat(e.result("config-parity", "x").status()).isEqualTo(Status.CANNOT_TELL);
            assertThat(e.getMessage()).isEqualTo("SSM in prod (444455556666/eu-west-1) under /shepherd/prod: access "
                    + "denied (AccessDeniedException); the function's role lacks the read permission");
        });
    }

    @Test
    void nothingUnderAnyPathAndNothingRequiredIsSaid_edge38() throws Exception {
        CheckResult summary = run(policy("{\"required\": []}"), oneAccount());

        assertThat(findings.all()).isEmpty();
        assertThat(summary.reason()).isEqualTo("nothing to check: no parameter under /shepherd/dev, /shepherd/staging, "
                + "/shepherd/prod and none required");
    }

    @Test
    void anEnvironmentWithoutAScopeIsAWiringError() {
        Map<String, Scope> scopes = oneAccount();
        scopes.remove("staging");

        assertThatThrownBy(() -> run(ParityPolicy.DEFAULTS, scopes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staging");
    }
}

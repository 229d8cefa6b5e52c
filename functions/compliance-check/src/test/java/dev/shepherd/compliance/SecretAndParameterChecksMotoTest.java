package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.sandbox.moto.MotoSdk;
import dev.shepherd.sandbox.moto.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Both checks through the real SDK against moto_server and against the sandbox, seeded alike: they must report the
 * same. Moto is seeded over its plain HTTP API, so the set-up calls stay out of the record of the calls the function
 * makes (the template's IAM check reads it). Moto pages DescribeParameters by 10, so the listing is paged there too.
 */
class SecretAndParameterChecksMotoTest {
    static MotoSdk moto;
    final Clock clock = Clock.fixed(Instant.parse("2026-06-15T12:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void startMoto() throws Exception {
        moto = MotoSdk.start();
    }

    @AfterAll
    static void stopMoto() throws Exception {
        moto.close();
    }

    static ClientSource onMoto() {
        return new AwsClients(Map.of("AWS_REGION", "eu-west-1"), CallJournal.recording());
    }

    /** Status and reason of each result, by name. */
    static List<String> outcomes(Findings findings) {
        return findings.all().stream().map(r -> r.name() + " " + r.status() + ": " + r.reason()).sorted().toList();
    }

    /** [name, type, tier] of every parameter seeded into each side. */
    static List<String[]> parameters() {
        List<String[]> all = new ArrayList<>();
        for (String env : List.of("dev", "staging", "prod")) {
            all.add(new String[] {"/shepherd/" + env + "/routes", "String", null});
            for (int i = 0; i < 12; i++) {
                all.add(new String[] {"/shepherd/" + env + "/app/p-%02d".formatted(i), "String", null});
            }
        }
        all.add(new String[] {"/shepherd/dev/db/password", "SecureString", null});
        all.add(new String[] {"/shepherd/staging/db/password", "SecureString", null});
        all.add(new String[] {"/shepherd/prod/db/password", "String", null});
        all.add(new String[] {"/shepherd/dev/App/x", "String", null});
        all.add(new String[] {"/shepherd/staging/App/x", "String", null});
        all.add(new String[] {"/shepherd/prod/app/x", "String", null});
        all.add(new String[] {"/shepherd/dev/hook/deep/level/timeout", "String", null});
        all.add(new String[] {"/shepherd/prod/hook/deep/level/timeout", "String", null});
        all.add(new String[] {"/shepherd/dev/big/doc", "String", null});
        all.add(new String[] {"/shepherd/staging/big/doc", "String", null});
        all.add(new String[] {"/shepherd/prod/big/doc", "String", "Advanced"});
        return all;
    }

    static String value(String name) {
        if (name.equals("/shepherd/staging/routes")) {
            return "{\"defaultSeverity\": \"high\", \"channels\": {\"s\": {\"type\": \"slack\", \"secret\": "
                    + "\"https://hooks.slack.com/services/T1/B1/mOtOsEcReT\"}}, \"severities\": {\"high\": {\"notify\": [\"s\"]}}}";
        }
        return name.endsWith("/routes") ? ParameterParityCheckTest.ROUTES : "v";
    }

    List<String> parity(ClientSource clients) throws Exception {
        Findings findings = new Findings();
        Map<String, Scope> scopes = new LinkedHashMap<>();
        for (String env : List.of("dev", "staging", "prod")) {
            scopes.put(env, new Scope("123456789012", env, Region.EU_WEST_1, Region.AP_NORTHEAST_1, clients));
        }
        new ParameterParityCheck(scopes, ParityPolicy.DEFAULTS, ValueValidator.CORE, Targets.DEFAULTS, findings, clock)
                .run(Deadline.of(clock, 60_000, Duration.ZERO));
        return outcomes(findings);
    }

    @Test
    void parityFindsTheSameOnMotoAsOnTheSandbox_edge32() throws Exception {
        MotoServer server = moto.server();
        ObjectNode scenario = Json.MAPPER.createObjectNode();
        ArrayNode seeded = scenario.putObject("ssm").putArray("parameters");
        for (String[] p : parameters()) {
            ObjectNode parameter = Json.MAPPER.createObjectNode().put("Name", p[0]).put("Type", p[1]).put("Value", value(p[0]));
            if (p[2] != null) {
                parameter.put("Tier", p[2]);
            }
            seeded.add(parameter);
            server.raw("ssm", "POST", "/", "AmazonSSM.PutParameter", Json.write(parameter));
        }

        List<String> onMoto = parity(onMoto());
        List<String> onSandbox = parity(new Sandbox().load(scenario));

        assertThat(onSandbox).isEqualTo(onMoto);
        String all = "dev,staging,prod:";
        assertThat(onMoto).hasSize(18).contains(
                all + "App/x FAIL: missing in prod (present in dev, staging); prod has app/x, which differs only in case "
                        + "(names are case-sensitive)",
                all + "big/doc PASS: in every environment (dev, staging, prod) as String; Tier differs: dev Standard, "
                        + "staging Standard, prod Advanced, allowed",
                all + "db/password FAIL: Type differs: dev SecureString, staging SecureString, prod String",
                all + "hook/deep/level/timeout FAIL: missing in staging (present in dev, prod)",
                all + "routes FAIL: invalid in staging: /shepherd/staging/routes: channels.s.secret '…' is not a "
                        + "Secrets Manager secret name or ARN");
    }

    List<CheckResult> rotation(ClientSource clients) throws Exception {
        Findings findings = new Findings();
        Scope scope = new Scope("123456789012", "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, clients);
        new SecretRotationCheck(scope, Targets.DEFAULTS, findings, clock).run(Deadline.of(clock, 60_000, Duration.ZERO));
        return findings.all();
    }

    @Test
    void rotationJudgesEveryListedSecretOnMotoAsOnTheSandbox_edge1_edge24_edge28() throws Exception {
        MotoServer server = moto.server();
        ArrayNode secrets = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 103; i++) {
            String name = "bulk/s-%03d".formatted(i);
            server.raw("secretsmanager", "POST", "/", "secretsmanager.CreateSecret",
                    Json.write(Json.MAPPER.createObjectNode().put("Name", name).put("SecretString", "v")));
            secrets.addObject().put("name", name).put("value", "v");
        }
        server.raw("secretsmanager", "POST", "/", "secretsmanager.CreateSecret", "{\"Name\": \"retired\", \"SecretString\": \"v\"}");
        server.raw("secretsmanager", "POST", "/", "secretsmanager.DeleteSecret",
                "{\"SecretId\": \"retired\", \"RecoveryWindowInDays\": 7}");
        secrets.addObject().put("name", "retired").put("value", "v").put("deleted", true);
        ObjectNode scenario = Json.MAPPER.createObjectNode();
        scenario.putObject("secretsmanager").set("secrets", secrets);

        List<CheckResult> onMoto = rotation(onMoto());
        List<CheckResult> onSandbox = rotation(new Sandbox().load(scenario));

        for (List<CheckResult> results : List.of(onMoto, onSandbox)) {
            assertThat(results).hasSize(103).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(CheckResult.Status.FAIL);
                assertThat(r.reason()).startsWith("rotation never configured (RotationEnabled absent), never rotated")
                        .endsWith("(confirmed by DescribeSecret)");
            });
        }
        assertThat(onMoto).extracting(CheckResult::name).isEqualTo(onSandbox.stream().map(CheckResult::name).toList());
    }
}

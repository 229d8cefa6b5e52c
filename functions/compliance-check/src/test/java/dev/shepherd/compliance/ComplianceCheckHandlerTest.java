package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.core.notify.Webhooks;
import dev.shepherd.sandbox.FakeS3;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.FakeSns;
import dev.shepherd.sandbox.LocalContext;
import dev.shepherd.sandbox.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compliance check end to end through its Lambda handler, from the schedule files in {@code events/} on the
 * scenario {@code events/scenarios/compliance-dev-day.json}: reports, notices and metrics of a day in dev.
 */
class ComplianceCheckHandlerTest {
    static final Path EVENTS = Path.of("../../events");
    static final String BUCKET = "shepherd-dev-compliance-reports";
    static final String OPS_TOPIC = "arn:aws:sns:eu-west-1:123456789012:shepherd-dev-ops";
    /** Monday 1 December 2025, 04:00 UTC: the schedule files' time. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-12-01T04:00:30Z"), ZoneOffset.UTC);

    final Sandbox sandbox = new Sandbox();
    final Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev",
            "ACCOUNT_ID", "123456789012", "REPORT_BUCKET", BUCKET));
    ComplianceCheckHandler handler;

    @BeforeEach
    void world() {
        sandbox.load(EVENTS.resolve("scenarios/compliance-dev-day.json"));
    }

    void policy(String json) {
        ObjectNode ssm = Json.MAPPER.createObjectNode();
        ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/compliance")
                .put("Type", "String").put("Value", json);
        sandbox.load(ssm);
        handler = null;
    }

    JsonNode invoke(String event) throws IOException {
        return invokeRaw(Files.readAllBytes(EVENTS.resolve(event)));
    }

    JsonNode invokeRaw(byte[] event) throws IOException {
        return invokeAt(event, CLOCK);
    }

    JsonNode invokeAt(byte[] event, Clock clock) throws IOException {
        if (handler == null) {
            handler = new ComplianceCheckHandler(new Platform(env, sandbox, clock));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out,
                new LocalContext("shepherd-dev-compliance-check", CLOCK, 300_000));
        return Json.parse(out.toString(StandardCharsets.UTF_8));
    }

    static List<String> results(JsonNode report) {
        List<String> lines = new ArrayList<>();
        report.path("results").forEach(r -> lines.add(r.path("status").asText() + " " + r.path("check").asText() + " "
                + r.path("resource").asText()));
        return lines;
    }

    List<FakeSns.Published> notices() {
        return sandbox.fake(FakeSns.class).published();
    }

    @Test
    void theDailyRunReportsTheOverdueSecretFirstStoresTheReportAndSendsOneNotice() throws IOException {
        JsonNode report = invoke("schedules/compliance-daily.json");

        assertThat(report.path("overall").asText()).isEqualTo("FAIL");
        List<String> results = results(report);
        assertThat(results.getFirst()).isEqualTo("FAIL secret-rotation 123456789012/eu-west-1/rds/orders-reporting");
        assertThat(results).contains("PASS secret-rotation 123456789012/eu-west-1/orders/api-key",
                "PASS backup 123456789012/eu-west-1/db:orders-db", "PASS audit-trail 123456789012/eu-west-1/org-audit")
                .anyMatch(r -> r.startsWith("PASS config-parity dev,staging,prod:routes"));
        String key = "compliance/dev/daily/2025-12-01/2025-12-01T04:00:00Z.json";
        assertThat(report.path("report").asText()).isEqualTo("s3://" + BUCKET + "/" + key);
        FakeS3.StoredObject stored = sandbox.fake(FakeS3.class).object(BUCKET, key).orElseThrow();
        assertThat(Json.parse(new String(stored.body(), StandardCharsets.UTF_8)).path("overall").asText()).isEqualTo("FAIL");
        assertThat(notices()).hasSize(1);
        FakeSns.Published notice = notices().getFirst();
        assertThat(notice.topicArn()).isEqualTo(OPS_TOPIC);
        assertThat(notice.attribute("severity")).isEqualTo("high");
        assertThat(notice.message()).startsWith("Compliance: 1 failing (daily compliance run)")
                .contains("FAIL secret-rotation 123456789012/eu-west-1/rds/orders-reporting")
                .contains("s3://" + BUCKET + "/" + key)
                .doesNotContain("not-shown", "k-not-shown");
        assertThat(sandbox.journal().calls("secretsmanager", "GetSecretValue")).isEmpty();
    }

    @Test
    void eachCheckAndResourceGetsItsOwnMetric() throws IOException {
        java.io.PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invoke("schedules/compliance-daily.json");
        } finally {
            System.setOut(original);
        }

        List<JsonNode> metrics = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"_aws\""))
                .map(Json::parse).toList();
        assertThat(metrics).anySatisfy(m -> {
            assertThat(m.path("Compliant").asDouble()).isZero();
            assertThat(m.path("check").asText()).isEqualTo("secret-rotation");
            assertThat(m.path("resource").asText()).isEqualTo("123456789012/eu-west-1/rds/orders-reporting");
        }).anySatisfy(m -> {
            assertThat(m.path("Compliant").asDouble()).isEqualTo(1.0);
            assertThat(m.path("resource").asText()).isEqualTo("123456789012/eu-west-1/db:orders-db");
        }).anySatisfy(m -> assertThat(m.path("overall").asText()).isEqualTo("FAIL"));
    }

    @Test
    void aRetryOfTheSameScheduledRunFindsItsReportAndAnnouncesNothingTwice() throws IOException {
        invoke("schedules/compliance-daily.json");

        JsonNode again = invoke("schedules/compliance-daily.json");

        assertThat(again.path("duplicate").asBoolean()).isTrue();
        assertThat(notices()).hasSize(1);
    }

    @Test
    void aRunDeliveredADayLateJudgesTheScheduledMomentNotTheMomentItRuns() throws IOException {
        Clock dayLater = Clock.offset(CLOCK, java.time.Duration.ofDays(1));

        JsonNode report = invokeAt(Files.readAllBytes(EVENTS.resolve("schedules/compliance-hourly.json")), dayLater);

        assertThat(report.path("runAt").asText()).isEqualTo("2025-12-01T04:00:00Z");
        assertThat(results(report)).contains("PASS backup 123456789012/eu-west-1/db:orders-db");
    }

    @Test
    void theHourlyRunChecksRecoveryPointsOnlyAndIsSilentWhenTheyPass() throws IOException {
        JsonNode report = invoke("schedules/compliance-hourly.json");

        assertThat(report.path("overall").asText()).isEqualTo("PASS");
        assertThat(results(report)).isNotEmpty().allMatch(r -> r.startsWith("PASS backup "));
        assertThat(sandbox.journal().calls("secretsmanager", "ListSecrets")).isEmpty();
        assertThat(sandbox.journal().calls("cloudtrail", "DescribeTrails")).isEmpty();
        assertThat(notices()).isEmpty();
        assertThat(sandbox.fake(FakeS3.class).object(BUCKET, "compliance/dev/hourly/2025-12-01/2025-12-01T04:00:00Z.json"))
                .isPresent();
    }

    @Test
    void whenEverythingPassesTheDailyRunSaysSoOnlyOnTheSummaryDay() throws IOException {
        policy("{\"targets\": {\"scopeTags\": {\"team\": \"orders\"}}, \"weeklySummary\": \"TUESDAY\"}");
        sandbox.load(Json.parse("{\"secretsmanager\": {\"secrets\": []}}"));

        JsonNode report = invoke("schedules/compliance-daily.json");

        // The secrets carry no team tag, so they are out of scope: nothing to check is said, not passed silently.
        assertThat(report.path("overall").asText()).isEqualTo("PASS");
        assertThat(report.path("checks").toString()).contains("nothing to check");
        assertThat(notices()).isEmpty();

        policy("{\"targets\": {\"scopeTags\": {\"team\": \"orders\"}}, \"weeklySummary\": \"MONDAY\"}");
        invoke("schedules/manual.json");

        assertThat(notices()).hasSize(1);
        assertThat(notices().getFirst().message()).startsWith("Compliance weekly summary: all ")
                .contains("NOTHING TO CHECK secret-rotation");
        assertThat(notices().getFirst().attribute("severity")).isEqualTo("low");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eventbridge/scheduled-event.json", "schedules/scheduler-default.json",
            "schedules/compliance-daily.json", "schedules/manual.json"})
    void everyScheduleShapeRunsTheDailyChecks(String event) throws IOException {
        JsonNode report = invoke(event);

        assertThat(report.path("cadence").asText()).isEqualTo("daily");
        assertThat(results(report)).anyMatch(r -> r.contains("secret-rotation"));
    }

    @Test
    void anEventThatIsNoScheduleIsRefusedAndChecksNothing() throws IOException {
        JsonNode answer = invokeRaw("{\"run\": \"weekly\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.path("refused").asText()).isEqualTo("run must be \"hourly\" or \"daily\"");
        assertThat(sandbox.journal().calls()).noneMatch(c -> !c.action().startsWith("ssm:"));
    }

    @Test
    void aRegionThatIsNotEnabledIsCannotTellAndTheOtherRegionStillRuns() throws IOException {
        policy("{\"regions\": [\"eu-west-1\", \"ap-east-1\"]}");

        JsonNode report = invoke("schedules/compliance-hourly.json");

        assertThat(report.path("overall").asText()).isEqualTo("INCOMPLETE");
        assertThat(report.path("checks").toString()).contains("ap-east-1").contains("Region unavailable");
        assertThat(results(report)).contains("PASS backup 123456789012/eu-west-1/db:orders-db");
        assertThat(notices().getFirst().message()).startsWith("Compliance: ").contains("cannot tell");
    }

    @Test
    void aMemberAccountWhoseRoleCannotBeAssumedIsCannotTellAndTheFunctionsOwnStillRuns() throws IOException {
        policy("{\"accounts\": [{\"account\": \"222233334444\", \"environment\": \"staging\", "
                + "\"roleArn\": \"arn:aws:iam::222233334444:role/shepherd-compliance-reader\"}]}");

        JsonNode report = invoke("schedules/compliance-daily.json");

        assertThat(report.path("checks").toString()).contains("assuming arn:aws:iam::222233334444:role/"
                + "shepherd-compliance-reader: access denied");
        assertThat(results(report)).contains("PASS backup 123456789012/eu-west-1/db:orders-db");
        assertThat(sandbox.journal().calls("sts", "AssumeRole")).hasSize(1);
    }

    @Test
    void aMemberAccountIsCheckedThroughItsRole() throws IOException {
        policy("{\"accounts\": [{\"account\": \"222233334444\", \"environment\": \"staging\", "
                + "\"roleArn\": \"arn:aws:iam::222233334444:role/shepherd-compliance-reader\"}]}");
        sandbox.member("222233334444").load(Json.parse("""
                {"secretsmanager": {"secrets": [{"name": "staging/api-key", "value": "x", "rotationEnabled": false}]},
                 "ssm": {"parameters": [{"Name": "/shepherd/staging/routes", "Type": "String", "Value": "{}"}]}}"""));

        JsonNode report = invoke("schedules/compliance-daily.json");

        assertThat(results(report)).contains("FAIL secret-rotation 222233334444/eu-west-1/staging/api-key");
    }

    @Test
    void theNoticeReachesSlackWithEveryFailureAndNoSecretValue() throws IOException {
        try (Webhooks hooks = Webhooks.start().answer("/slack", Webhooks.Answer.of(200, "ok"))) {
            sandbox.fake(FakeSecretsManager.class).seedSecret("shepherd/dev/slack-compliance",
                    "{\"url\":\"" + hooks.url("/slack") + "\"}", null);
            ObjectNode ssm = Json.MAPPER.createObjectNode();
            ssm.putObject("ssm").putArray("parameters").addObject().put("Name", "/shepherd/dev/routes")
                    .put("Type", "String").put("Value", """
                            {"defaultSeverity": "medium",
                             "channels": {"slack": {"type": "slack", "secret": "shepherd/dev/slack-compliance"}},
                             "severities": {"high": {"notify": ["slack"]}, "medium": {"notify": ["slack"]}}}""");
            sandbox.load(ssm);
            env.put("HTTP_ALLOW_LOOPBACK", "true");

            JsonNode report = invoke("schedules/compliance-daily.json");

            assertThat(report.at("/deliveries/0/outcome").asText()).isEqualTo("DELIVERED");
            String body = hooks.received("/slack").getFirst().body();
            assertThat(body).contains("FAIL secret-rotation 123456789012/eu-west-1/rds/orders-reporting")
                    .doesNotContain("not-shown");
        }
    }

    @Test
    void aPolicyWithAnUnknownFieldStopsInitNamingIt() {
        policy("{\"target\": {}}");

        assertThatThrownBy(() -> invoke("schedules/manual.json")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("/shepherd/dev/compliance: target is not a policy field");
    }
}

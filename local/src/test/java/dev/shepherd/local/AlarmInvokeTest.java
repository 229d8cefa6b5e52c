package dev.shepherd.local;

import static dev.shepherd.local.InvokeCommandTest.REPO;
import static dev.shepherd.local.InvokeCommandTest.shepherd;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.local.InvokeCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./shepherd invoke AlarmResponderFunction <event> --scenario events/scenarios/alarm-orders-release.json} on
 * every sample event the responder can receive: each gets an answer (JSON with a {@code handled} entry per input),
 * exit code 0, never a stack trace, whatever the event is.
 */
class AlarmInvokeTest {
    static final String FUNCTION = "AlarmResponderFunction";
    static final Path SCENARIO = REPO.resolve("events/scenarios/alarm-orders-release.json");

    @TempDir
    Path tmp;

    static Stream<Path> alarmResponderEvents() throws IOException {
        List<Path> events = new ArrayList<>();
        for (String dir : List.of("events/cloudwatch", "events/sns", "events/eventbridge")) {
            try (Stream<Path> files = Files.list(REPO.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(events::add);
            }
        }
        assertThat(events).hasSizeGreaterThan(20);
        return events.stream();
    }

    static Run invoke(Path event, String... options) {
        List<String> args = new ArrayList<>(List.of("invoke", FUNCTION, event.toString(), "--scenario",
                SCENARIO.toString(), "--template", REPO.resolve("template.yaml").toString()));
        args.addAll(List.of(options));
        return shepherd(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarmResponderEvents")
    void everySampleEventGetsAJsonAnswerWithAHandledEntryPerInput(Path event) {
        Run run = invoke(event);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode handled = run.json().get("handled");
        assertThat(handled).isNotNull();
        assertThat(handled.isArray()).isTrue();
        assertThat(handled).isNotEmpty().allSatisfy(h -> assertThat(h.path("kind").asText())
                .isIn("change", "escalation", "rollup", "ignored", "refused", "unreadable"));
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ", "Caused by: ");
    }

    @Test
    void theAlarmStopsTheScenariosDeploymentWithRollbackAndPublishesToTheRoutesTopic() throws IOException {
        Path journal = tmp.resolve("calls.jsonl");

        Run run = invoke(REPO.resolve("events/cloudwatch/eventbridge-metric-alarm.json"), "--journal", journal.toString());

        JsonNode result = run.json().get("handled").get(0);
        assertThat(result.path("decision").asText()).isEqualTo("notify");
        assertThat(result.path("release").toString())
                .contains("Stopped CodeDeploy orders-app/orders-api-dg deployment d-4ZK8Q2W7N with rollback");
        assertThat(result.findValuesAsText("outcome")).containsExactly("DELIVERED");
        List<String> calls = Files.readAllLines(journal);
        assertThat(calls).anySatisfy(c -> assertThat(c).contains("\"operation\":\"StopDeployment\"")
                .contains("\"autoRollbackEnabled\":true"));
        assertThat(calls).anySatisfy(c -> assertThat(c).contains("\"operation\":\"CreateSchedule\"")
                .contains("shepherd-dev-escalations"));
    }

    @Test
    void snsRecordsAreTrustedOnlyFromTheScenariosAlarmTopic() {
        Run allowed = invoke(REPO.resolve("events/sns/alarm-one-record.json"));
        Run otherAccount = invoke(REPO.resolve("events/sns/topic-not-allowed.json"));
        Run otherRegion = invoke(REPO.resolve("events/cloudwatch/sns-metric-alarm.json"));

        assertThat(allowed.json().at("/handled/0/kind").asText()).isEqualTo("change");
        assertThat(otherAccount.json().at("/handled/0/kind").asText()).isEqualTo("refused");
        assertThat(otherRegion.json().at("/handled/0/kind").asText()).isEqualTo("refused");
    }

    @Test
    void envOptionsComeOnTopOfTheScenariosEnvironment() {
        Run run = invoke(REPO.resolve("events/cloudwatch/sns-metric-alarm.json"),
                "--env", "ALARM_TOPIC_ARNS=arn:aws:sns:us-east-1:111122223333:ops-alarms");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().at("/handled/0/kind").asText()).isEqualTo("change");
    }

    @Test
    void withoutTheScenarioTheTemplatesPlaceholdersStopInitWithOneClearMessage() {
        Run run = shepherd("invoke", FUNCTION, REPO.resolve("events/cloudwatch/eventbridge-metric-alarm.json").toString(),
                "--template", REPO.resolve("template.yaml").toString());

        assertThat(run.exit()).isEqualTo(Shepherd.FUNCTION_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("init of AlarmResponderHandler failed", "SCHEDULE_GROUP is '<AlarmEscalationGroup>'",
                "SCHEDULER_ROLE_ARN is '<AlarmSchedulerRole.Arn>'");
    }

    @Test
    void aScenarioEnvironmentForAFunctionTheTemplateLacksOrWithANonStringValueIsAUsageError() throws IOException {
        Path typo = Files.writeString(tmp.resolve("typo.json"),
                "{\"environment\": {\"AlarmResponder\": {\"INCIDENT_TABLE\": \"t\"}}}");
        Path number = Files.writeString(tmp.resolve("number.json"),
                "{\"environment\": {\"AlarmResponderFunction\": {\"FLAP_WINDOW_SECONDS\": 60, \"bad-name\": \"x\"}}}");
        Path event = REPO.resolve("events/cloudwatch/eventbridge-metric-alarm.json");
        String template = REPO.resolve("template.yaml").toString();

        Run unknown = shepherd("invoke", FUNCTION, event.toString(), "--scenario", typo.toString(), "--template", template);
        Run badValues = shepherd("invoke", FUNCTION, event.toString(), "--scenario", number.toString(), "--template", template);

        assertThat(unknown.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(unknown.err()).contains("names 'AlarmResponder', which is not a function of the template",
                "AlarmResponderFunction");
        assertThat(badValues.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(badValues.err()).contains("AlarmResponderFunction.FLAP_WINDOW_SECONDS must be a string",
                "'bad-name' is not a variable name");
    }
}

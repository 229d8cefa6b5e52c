package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Config;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeScheduler;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.core.notify.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** What {@link Escalations} asks EventBridge Scheduler for, as the sandbox journals it. */
class EscalationsTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:" + "a-very-long-alarm-name:".repeat(11);
    static final Instant OPENED = Instant.parse("2025-06-18T09:41:07.318Z");
    static final String ID = IncidentIds.incidentId(ARN, OPENED);

    final Sandbox sandbox = new Sandbox().load(Json.parse("{\"scheduler\": {\"groups\": [\"shepherd-dev\"]}}"));
    final Escalations escalations = new Escalations(sandbox.client(SchedulerClient.class), new Escalations.Settings(
            "shepherd-dev", "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-alarm-responder",
            "arn:aws:iam::111122223333:role/shepherd-scheduler"));

    @Test
    void aOneTimeScheduleInUtcThatDeletesItselfAndInvokesTheFunction() {
        assertThat(escalations.schedule(ARN, ID, 3, Severity.HIGH, Instant.parse("2025-06-18T09:56:07.001Z"))).isTrue();

        JsonNode request = Json.MAPPER.valueToTree(sandbox.journal().calls("scheduler", "CreateSchedule").getFirst().request());
        assertThat(request.path("Name").asText()).matches("shepherd-esc-[0-9a-f]{16}-1750239667318-3").hasSizeLessThanOrEqualTo(64);
        assertThat(request.path("GroupName").asText()).isEqualTo("shepherd-dev");
        assertThat(request.path("ScheduleExpression").asText()).as("rounded up to the second")
                .isEqualTo("at(2025-06-18T09:56:08)");
        assertThat(request.path("ScheduleExpressionTimezone").asText()).isEqualTo("UTC");
        assertThat(request.at("/FlexibleTimeWindow/Mode").asText()).isEqualTo("OFF");
        assertThat(request.path("ActionAfterCompletion").asText()).isEqualTo("DELETE");
        assertThat(request.at("/Target/Arn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:111122223333:function:shepherd-alarm-responder");
        assertThat(request.at("/Target/RoleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/shepherd-scheduler");
        assertThat(EscalationEvent.parse(Json.parse(request.at("/Target/Input").asText())))
                .isEqualTo(new EscalationEvent.Escalate(ARN, ID, 3, Severity.HIGH));
        assertThat(sandbox.fake(FakeScheduler.class).pending()).singleElement()
                .satisfies(p -> assertThat(p.at()).isEqualTo(Instant.parse("2025-06-18T09:56:08Z")));
    }

    @Test
    void aFlushIsNamedAfterItsAlarmAndSecondSoTheWindowGetsOne() {
        Instant end = OPENED.plusSeconds(600);
        assertThat(escalations.scheduleFlush(ARN, Severity.HIGH, end)).isTrue();
        assertThat(escalations.scheduleFlush(ARN, Severity.HIGH, end.plusMillis(100))).as("same second").isFalse();
        assertThat(escalations.scheduleFlush(ARN, Severity.HIGH, end.plusSeconds(600))).as("the next window").isTrue();

        assertThat(sandbox.fake(FakeScheduler.class).pending()).extracting(FakeScheduler.Pending::name)
                .allSatisfy(name -> assertThat(name).matches("shepherd-flush-[0-9a-f]{16}-\\d+").hasSizeLessThanOrEqualTo(64));
    }

    @Test
    void cancelTouchesOnlyThatIncidentsSchedules() {
        String other = IncidentIds.incidentId(ARN, OPENED.plusMillis(1));
        escalations.schedule(ARN, ID, 1, Severity.HIGH, OPENED.plusSeconds(900));
        escalations.schedule(ARN, other, 1, Severity.HIGH, OPENED.plusSeconds(900));

        assertThat(escalations.cancel(ARN, ID)).isOne();
        assertThat(sandbox.fake(FakeScheduler.class).pending()).extracting(FakeScheduler.Pending::input)
                .singleElement().asString().contains(other);
        assertThatThrownBy(() -> escalations.cancel(ARN.replace("alarm:a", "alarm:b"), ID))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> escalations.schedule(ARN, "i-nonsense", 1, Severity.HIGH, OPENED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsNameEveryProblemAtOnce() {
        Config config = new Config(new Platform(Map.of("SCHEDULE_GROUP", "bad group", "SCHEDULER_ROLE_ARN", "role",
                "FLAP_WINDOW_SECONDS", "-5"), sandbox, Clock.systemUTC()));
        Escalations.Settings.read(config);
        IncidentLedger.Settings.read(config);

        assertThatThrownBy(config::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SCHEDULE_GROUP").hasMessageContaining("SCHEDULER_ROLE_ARN")
                .hasMessageContaining("SELF_FUNCTION_ARN").hasMessageContaining("INCIDENT_TABLE")
                .hasMessageContaining("FLAP_WINDOW_SECONDS");
    }
}

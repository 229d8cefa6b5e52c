package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

class FakeSchedulerTest {
    final Sandbox sandbox = new Sandbox().load(Json.parse("{\"scheduler\": {\"groups\": [\"shepherd-dev\"]}}"));
    final SchedulerClient scheduler = sandbox.client(SchedulerClient.class);
    final FakeScheduler fake = sandbox.fake(FakeScheduler.class);

    static CreateScheduleRequest oneTime(String name, UnaryOperator<CreateScheduleRequest.Builder> change) {
        return change.apply(CreateScheduleRequest.builder().name(name).groupName("shepherd-dev")
                .scheduleExpression("at(2025-06-18T09:56:08)").flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn("arn:aws:lambda:eu-west-1:123456789012:function:f")
                        .roleArn("arn:aws:iam::123456789012:role/r").input("{\"n\":1}"))).build();
    }

    @Test
    void aScheduleWaitsUntilFiredThenDeletesItself() {
        scheduler.createSchedule(oneTime("a", b -> b.scheduleExpressionTimezone("Europe/Paris")));
        scheduler.createSchedule(oneTime("b", b -> b.actionAfterCompletion(ActionAfterCompletion.NONE)));

        assertThat(fake.pending()).extracting(FakeScheduler.Pending::name, FakeScheduler.Pending::at).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", Instant.parse("2025-06-18T07:56:08Z")),
                org.assertj.core.groups.Tuple.tuple("b", Instant.parse("2025-06-18T09:56:08Z")));
        assertThat(fake.fire("shepherd-dev", "a")).isEqualTo("{\"n\":1}");
        assertThat(fake.fire("shepherd-dev", "b")).isEqualTo("{\"n\":1}");
        assertThat(fake.pending()).extracting(FakeScheduler.Pending::name).containsExactly("b");
        assertThat(scheduler.getSchedule(r -> r.groupName("shepherd-dev").name("b")).scheduleExpressionTimezone()).isEqualTo("UTC");
    }

    @Test
    void errorsAsSchedulerReturnsThem() {
        scheduler.createSchedule(oneTime("a", b -> b));

        assertThat(thrown(() -> scheduler.createSchedule(oneTime("a", b -> b)))).isInstanceOf(ConflictException.class)
                .satisfies(e -> assertThat(e.statusCode()).isEqualTo(409));
        assertThat(thrown(() -> scheduler.createSchedule(oneTime("a", b -> b.groupName("nope")))))
                .isInstanceOf(ResourceNotFoundException.class).satisfies(e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThat(thrown(() -> scheduler.deleteSchedule(r -> r.groupName("shepherd-dev").name("zzz"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Schedule zzz does not exist.");
        assertThat(thrown(() -> scheduler.getSchedule(r -> r.name("a")))).as("default group, not shepherd-dev")
                .isInstanceOf(ResourceNotFoundException.class);
        scheduler.deleteSchedule(r -> r.groupName("shepherd-dev").name("a"));
        assertThat(fake.pending()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"name", "expression", "month", "zone", "window", "flexible", "role", "input"})
    void malformedRequestsAreValidationErrors(String what) {
        CreateScheduleRequest bad = oneTime("ok", b -> switch (what) {
            case "name" -> b.name("a/b");
            case "expression" -> b.scheduleExpression("at(2025-06-18 09:56:08)");
            case "month" -> b.scheduleExpression("at(2025-13-18T09:56:08)");
            case "zone" -> b.scheduleExpressionTimezone("Mars/Olympus");
            case "window" -> b.flexibleTimeWindow(w -> w.mode((String) null));
            case "flexible" -> b.flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.FLEXIBLE));
            case "role" -> b.target(t -> t.arn("arn:aws:lambda:eu-west-1:123456789012:function:f").roleArn("r"));
            default -> b.target(t -> t.arn("arn:aws:lambda:eu-west-1:123456789012:function:f")
                    .roleArn("arn:aws:iam::123456789012:role/r").input(""));
        });
        assertThat(thrown(() -> scheduler.createSchedule(bad))).isInstanceOf(ValidationException.class);
        assertThat(thrown(() -> scheduler.createSchedule(oneTime("x".repeat(65), b -> b)))).isInstanceOf(ValidationException.class);
    }

    @Test
    void recurringSchedulesAreNotImplemented() {
        assertThatThrownBy(() -> scheduler.createSchedule(oneTime("r", b -> b.scheduleExpression("rate(5 minutes)"))))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("at() schedules only");
    }

    @Test
    void listSchedulesByGroupAndPrefixInPages() {
        for (String name : new String[] {"esc-1-1", "esc-1-2", "esc-12-1", "flush-1"}) {
            scheduler.createSchedule(oneTime(name, b -> b));
        }
        var first = scheduler.listSchedules(r -> r.groupName("shepherd-dev").namePrefix("esc-1").maxResults(2));
        var second = scheduler.listSchedules(r -> r.groupName("shepherd-dev").namePrefix("esc-1").nextToken(first.nextToken()));

        assertThat(first.schedules()).extracting(s -> s.name()).containsExactly("esc-1-1", "esc-1-2");
        assertThat(second.schedules()).extracting(s -> s.name()).containsExactly("esc-12-1");
        assertThat(second.nextToken()).isNull();
        assertThat(scheduler.listSchedulesPaginator(r -> r.groupName("shepherd-dev").namePrefix("esc-1-")).schedules())
                .hasSize(2);
        assertThat(thrown(() -> scheduler.listSchedules(r -> r.maxResults(0)))).isInstanceOf(ValidationException.class);
    }

    @Test
    void scenarioGroupNamesAreChecked() {
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"scheduler\": {\"groups\": [\"bad group\"]}}")))
                .hasMessageContaining("scheduler.groups[0]");
    }

    private static AwsServiceException thrown(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("expected a service error");
    }
}

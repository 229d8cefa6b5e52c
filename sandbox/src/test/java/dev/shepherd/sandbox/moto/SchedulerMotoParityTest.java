package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * EventBridge Scheduler: the responder's one-time schedules in {@code FakeScheduler} and in moto. Moto deviates
 * from AWS where the fake follows AWS, so these are not compared: a duplicate name is ConflictException in both
 * but with status 400 in moto (AWS: 409); moto accepts any name and expression (AWS refuses a name outside
 * {@code [0-9a-zA-Z-_.]}, or a malformed {@code at()}, with ValidationException); CreateSchedule in an unknown
 * group is an internal error in moto (AWS: ResourceNotFoundException); ListSchedules of an unknown group is an
 * empty list in moto, ResourceNotFoundException in the fake (AWS lists that error for ListSchedules; that an unknown
 * group is its cause is unverified, and the responder only lists its own configured group).
 */
class SchedulerMotoParityTest extends MotoParityTest {
    static final String GROUP = "shepherd-dev";

    SchedulerClient fake;
    SchedulerClient real;

    @BeforeEach
    void seed() throws Exception {
        fake = new Sandbox().load(Json.parse("{\"scheduler\": {\"groups\": [\"shepherd-dev\"]}}")).client(SchedulerClient.class);
        moto.raw("scheduler", "POST", "/schedule-groups/" + GROUP, null, "{}");
        real = onMoto(SchedulerClient.class);
    }

    static CreateScheduleRequest escalation(String name) {
        return CreateScheduleRequest.builder().name(name).groupName(GROUP)
                .scheduleExpression("at(2025-06-18T09:56:08)").scheduleExpressionTimezone("UTC")
                .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                .actionAfterCompletion(ActionAfterCompletion.DELETE)
                .target(t -> t.arn("arn:aws:lambda:eu-west-1:123456789012:function:shepherd-alarm-responder")
                        .roleArn("arn:aws:iam::123456789012:role/shepherd-scheduler").input("{\"shepherd\":\"alarm-rollup\"}"))
                .build();
    }

    static List<Object> essentials(GetScheduleResponse s) {
        return List.of(s.name(), s.groupName(), s.scheduleExpression(), s.scheduleExpressionTimezone(),
                s.flexibleTimeWindow().modeAsString(), s.actionAfterCompletionAsString(), s.stateAsString(),
                s.target().arn(), s.target().roleArn(), s.target().input(), s.arn());
    }

    @Test
    void createGetAndAConflictOnTheSameName() {
        String arn = sameAnswer(fake, real, c -> c.createSchedule(escalation("shepherd-esc-0123456789abcdef-1-1")).scheduleArn());
        assertThat(arn).isEqualTo("arn:aws:scheduler:eu-west-1:123456789012:schedule/shepherd-dev/shepherd-esc-0123456789abcdef-1-1");
        sameAnswer(fake, real, c -> essentials(c.getSchedule(r -> r.groupName(GROUP).name("shepherd-esc-0123456789abcdef-1-1"))));
        sameError(fake, real, c -> c.createSchedule(escalation("shepherd-esc-0123456789abcdef-1-1")));
    }

    @Test
    void listByPrefixThenDelete() {
        for (String name : List.of("shepherd-esc-0123456789abcdef-1-1", "shepherd-esc-0123456789abcdef-1-2",
                "shepherd-esc-0123456789abcdef-12-1", "shepherd-flush-0123456789abcdef-9")) {
            sameAnswer(fake, real, c -> c.createSchedule(escalation(name)).scheduleArn());
        }
        var listed = sameAnswer(fake, real, c -> c.listSchedulesPaginator(r -> r.groupName(GROUP)
                .namePrefix("shepherd-esc-0123456789abcdef-1-")).schedules().stream().map(ScheduleSummary::name).sorted().toList());
        assertThat(listed).containsExactly("shepherd-esc-0123456789abcdef-1-1", "shepherd-esc-0123456789abcdef-1-2");

        fake.deleteSchedule(r -> r.groupName(GROUP).name("shepherd-esc-0123456789abcdef-1-1"));
        real.deleteSchedule(r -> r.groupName(GROUP).name("shepherd-esc-0123456789abcdef-1-1"));
        var left = sameAnswer(fake, real, c -> c.listSchedulesPaginator(r -> r.groupName(GROUP)).schedules().stream()
                .map(ScheduleSummary::name).sorted().toList());
        assertThat(left).hasSize(3).doesNotContain("shepherd-esc-0123456789abcdef-1-1");
        sameError(fake, real, c -> c.deleteSchedule(r -> r.groupName(GROUP).name("shepherd-esc-0123456789abcdef-1-1")));
        sameError(fake, real, c -> c.getSchedule(r -> r.groupName(GROUP).name("shepherd-esc-0123456789abcdef-1-1")));
    }
}

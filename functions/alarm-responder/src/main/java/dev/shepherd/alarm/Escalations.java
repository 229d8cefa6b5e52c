package dev.shepherd.alarm;

import dev.shepherd.core.Config;
import dev.shepherd.core.notify.Severity;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;

/**
 * CloudWatch notifies once per transition, so the responder schedules its own re-checks: one-time EventBridge
 * Scheduler schedules that invoke this function with an {@link EscalationEvent} (an escalation step of an incident,
 * or the flush of a flap window). Each schedule's name is derived from what it is for, so a retried or concurrent
 * {@code schedule} meets {@code ConflictException}, which means it is already scheduled; schedules delete
 * themselves after they ran ({@code ActionAfterCompletion DELETE}).
 *
 * <p>Names: {@code shepherd-esc-<alarm hash>-<incident millis>-<step>} and
 * {@code shepherd-flush-<alarm hash>-<epoch second>}, at most 52 characters of {@code [0-9a-z-]}.
 */
public final class Escalations {
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern GROUP = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final Pattern FUNCTION_ARN = Pattern.compile("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[\\w-]+(:[\\w$-]+)?");

    /**
     * @param group       the schedule group the responder's schedules live in
     * @param functionArn the responder's own ARN, the schedules' target
     * @param roleArn     the role Scheduler assumes to invoke it ({@code lambda:InvokeFunction} on the function)
     */
    public record Settings(String group, String functionArn, String roleArn) {
        public Settings {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(functionArn, "functionArn");
            Objects.requireNonNull(roleArn, "roleArn");
        }

        /**
         * {@code SCHEDULE_GROUP}, {@code SCHEDULER_ROLE_ARN} and {@code SELF_FUNCTION_ARN}, all required. The
         * function's ARN is not among the variables Lambda sets, and a template cannot {@code !GetAtt} a function
         * in its own environment (a circular dependency): {@code !Sub} it from the function's name.
         */
        public static Settings read(Config config) {
            String group = config.required("SCHEDULE_GROUP", "the EventBridge Scheduler group for escalations");
            String role = config.required("SCHEDULER_ROLE_ARN", "the role EventBridge Scheduler invokes the function with");
            String self = config.required("SELF_FUNCTION_ARN", "this function's ARN, the target of its escalations");
            if (group != null && !GROUP.matcher(group).matches()) {
                config.problem("SCHEDULE_GROUP is '" + group + "', expected 1 to 64 of [0-9a-zA-Z-_.]");
            }
            if (role != null && !ROLE_ARN.matcher(role).matches()) {
                config.problem("SCHEDULER_ROLE_ARN is '" + role + "', expected an IAM role ARN");
            }
            if (self != null && !FUNCTION_ARN.matcher(self).matches()) {
                config.problem("SELF_FUNCTION_ARN is '" + self + "', expected a Lambda function ARN");
            }
            return new Settings(Objects.requireNonNullElse(group, ""), Objects.requireNonNullElse(self, ""),
                    Objects.requireNonNullElse(role, ""));
        }
    }

    private final SchedulerClient scheduler;
    private final Settings settings;

    public Escalations(SchedulerClient scheduler, Settings settings) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Schedules escalation {@code step} of an incident at {@code at}; false when it was already scheduled. */
    public boolean schedule(String alarmArn, String incidentId, int step, Severity severity, Instant at) {
        var event = new EscalationEvent.Escalate(alarmArn, incidentId, step, severity);
        return create(escalationPrefix(incidentId) + step, at, event);
    }

    /** Schedules the flush of an alarm's flap window at {@code at}; false when it was already scheduled. */
    public boolean scheduleFlush(String alarmArn, Severity severity, Instant at) {
        Instant second = ceilingSecond(at);
        return create("shepherd-flush-" + IncidentIds.alarmHash(alarmArn) + "-" + second.getEpochSecond(), second,
                new EscalationEvent.Rollup(alarmArn, severity));
    }

    /**
     * Deletes an incident's pending escalations; one that is already gone (it ran, or another instance deleted
     * it) is fine. Returns how many this call deleted.
     */
    public int cancel(String alarmArn, String incidentId) {
        if (!IncidentIds.belongsTo(incidentId, alarmArn)) {
            throw new IllegalArgumentException("the incident id is not one of this alarm's");
        }
        int deleted = 0;
        for (ScheduleSummary pending : scheduler.listSchedulesPaginator(r -> r.groupName(settings.group())
                .namePrefix(escalationPrefix(incidentId))).schedules()) {
            try {
                scheduler.deleteSchedule(r -> r.groupName(settings.group()).name(pending.name()));
                deleted++;
            } catch (ResourceNotFoundException alreadyGone) {
                // ran or deleted meanwhile: what cancel wants
            }
        }
        return deleted;
    }

    private boolean create(String name, Instant at, EscalationEvent event) {
        try {
            scheduler.createSchedule(r -> r.groupName(settings.group()).name(name)
                    .scheduleExpression("at(" + AT.format(ceilingSecond(at)) + ")").scheduleExpressionTimezone("UTC")
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF))
                    .actionAfterCompletion(ActionAfterCompletion.DELETE)
                    .target(t -> t.arn(settings.functionArn()).roleArn(settings.roleArn()).input(event.toJson())));
            return true;
        } catch (ConflictException alreadyScheduled) {
            return false;
        }
    }

    /** {@code at()} takes whole seconds: round up, so a schedule never runs before the time asked for. */
    private static Instant ceilingSecond(Instant at) {
        Instant down = at.truncatedTo(ChronoUnit.SECONDS);
        return down.equals(at) ? at : down.plusSeconds(1);
    }

    private static String escalationPrefix(String incidentId) {
        return "shepherd-esc-" + incidentId.substring("i-".length()) + "-";
    }
}

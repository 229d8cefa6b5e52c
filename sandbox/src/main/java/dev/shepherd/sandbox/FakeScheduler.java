package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.ActionAfterCompletion;
import software.amazon.awssdk.services.scheduler.model.ConflictException;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.CreateScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.DeleteScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleRequest;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesRequest;
import software.amazon.awssdk.services.scheduler.model.ListSchedulesResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.ScheduleState;
import software.amazon.awssdk.services.scheduler.model.ScheduleSummary;
import software.amazon.awssdk.services.scheduler.model.SchedulerException;
import software.amazon.awssdk.services.scheduler.model.TargetSummary;
import software.amazon.awssdk.services.scheduler.model.ValidationException;

/**
 * In-memory EventBridge Scheduler: {@code CreateSchedule}, {@code GetSchedule}, {@code DeleteSchedule},
 * {@code ListSchedules} for one-time {@code at(yyyy-MM-ddTHH:mm:ss)} schedules. Rules: names and group names are
 * 1–64 of {@code [0-9a-zA-Z-_.]}; a name already in the group is {@code ConflictException} (409); an unknown group
 * or schedule is {@code ResourceNotFoundException} (404; for ListSchedules unverified, moto lists nothing); a
 * malformed name, expression, time zone, flexible window, role ARN or {@code ActionAfterCompletion} is
 * {@code ValidationException}. The group {@code default} always exists, as in AWS. {@code rate()} and
 * {@code cron()} schedules are not implemented and throw {@link UnsupportedOperationException};
 * {@code ClientToken} is ignored (nothing retries inside the sandbox).
 * Nothing fires by itself: tests list {@link #pending()} and {@link #fire} a schedule, which returns its
 * {@code Input} and, with {@code ActionAfterCompletion DELETE}, deletes it as Scheduler does after the run.
 *
 * <p>Scenario section {@code "scheduler"}: {@code {"groups": ["shepherd-dev"]}}.
 */
public final class FakeScheduler extends FakeService implements SchedulerClient {
    private static final String ARN_PREFIX = "arn:aws:scheduler:eu-west-1:123456789012:";
    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z\\-_.]{1,64}");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws(-[a-z]+)?:iam::\\d{12}:role/[\\w+=,.@/-]+");
    private static final DateTimeFormatter AT_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final int MAX_RESULTS = 100;

    /** group -> (schedule name -> schedule, in name order). */
    private final Map<String, Map<String, Stored>> groups = new LinkedHashMap<>();

    private record Stored(CreateScheduleRequest request, Instant at, Instant created) {
    }

    /** A schedule that has not fired, as tests see it. */
    public record Pending(String group, String name, Instant at, String targetArn, String roleArn, String input) {
    }

    public FakeScheduler(CallJournal journal) {
        super(journal, SchedulerClient.class);
        groups.put("default", new TreeMap<>());
    }

    @Override
    public String scenarioKey() {
        return "scheduler";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "groups");
        JsonNode list = section.path("groups");
        for (int i = 0; i < list.size(); i++) {
            String name = list.get(i).asText("");
            if (!list.get(i).isTextual() || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("scheduler.groups[" + i + "] must be a schedule group name "
                        + "(1-64 of [0-9a-zA-Z-_.])");
            }
            groups.putIfAbsent(name, new TreeMap<>());
        }
    }

    /** Every schedule not yet fired, earliest first. */
    public synchronized List<Pending> pending() {
        List<Pending> all = new ArrayList<>();
        groups.forEach((group, schedules) -> schedules.values().forEach(s -> all.add(new Pending(group,
                s.request().name(), s.at(), s.request().target().arn(), s.request().target().roleArn(),
                s.request().target().input()))));
        all.sort(Comparator.comparing(Pending::at).thenComparing(Pending::name));
        return all;
    }

    /** Runs a schedule as Scheduler would at its time: returns the Input its target receives. */
    public synchronized String fire(String group, String name) {
        Map<String, Stored> schedules = groups.get(group);
        Stored s = schedules == null ? null : schedules.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no pending schedule " + group + "/" + name);
        }
        if (s.request().actionAfterCompletion() == ActionAfterCompletion.DELETE) {
            schedules.remove(name);
        }
        return s.request().target().input();
    }

    @Override
    public CreateScheduleResponse createSchedule(CreateScheduleRequest request) {
        record(request);
        requireName(request.name(), "name");
        String group = request.groupName() == null ? "default" : request.groupName();
        requireName(group, "groupName");
        Instant at = at(request.scheduleExpression(), request.scheduleExpressionTimezone());
        validateWindowAndTarget(request);
        synchronized (this) {
            Map<String, Stored> schedules = group(group);
            if (schedules.containsKey(request.name())) {
                throw error(ConflictException.builder(), "ConflictException", 409,
                        "Schedule " + request.name() + " already exists.");
            }
            schedules.put(request.name(), new Stored(request, at, Instant.now()));
            return CreateScheduleResponse.builder().scheduleArn(arn(group, request.name())).build();
        }
    }

    @Override
    public GetScheduleResponse getSchedule(GetScheduleRequest request) {
        record(request);
        requireName(request.name(), "name");
        String group = request.groupName() == null ? "default" : request.groupName();
        synchronized (this) {
            Stored s = schedule(group, request.name());
            CreateScheduleRequest r = s.request();
            return GetScheduleResponse.builder().arn(arn(group, r.name())).name(r.name()).groupName(group)
                    .description(r.description()).scheduleExpression(r.scheduleExpression())
                    .scheduleExpressionTimezone(r.scheduleExpressionTimezone() == null ? "UTC"
                            : r.scheduleExpressionTimezone())
                    .flexibleTimeWindow(r.flexibleTimeWindow()).target(r.target()).state(state(r))
                    .actionAfterCompletion(r.actionAfterCompletion() == null ? ActionAfterCompletion.NONE
                            : r.actionAfterCompletion())
                    .startDate(r.startDate()).endDate(r.endDate()).kmsKeyArn(r.kmsKeyArn())
                    .creationDate(s.created()).lastModificationDate(s.created()).build();
        }
    }

    @Override
    public DeleteScheduleResponse deleteSchedule(DeleteScheduleRequest request) {
        record(request);
        requireName(request.name(), "name");
        String group = request.groupName() == null ? "default" : request.groupName();
        synchronized (this) {
            schedule(group, request.name());
            groups.get(group).remove(request.name());
            return DeleteScheduleResponse.builder().build();
        }
    }

    @Override
    public ListSchedulesResponse listSchedules(ListSchedulesRequest request) {
        record(request);
        int max = request.maxResults() == null ? MAX_RESULTS : request.maxResults();
        if (max < 1 || max > MAX_RESULTS) {
            throw validation("Value '" + max + "' at 'maxResults' failed to satisfy constraint: Member must have "
                    + "value between 1 and " + MAX_RESULTS);
        }
        int offset = pageOffset(request.nextToken(), () -> validation("Invalid NextToken"));
        List<ScheduleSummary> all = new ArrayList<>();
        synchronized (this) {
            Map<String, Map<String, Stored>> selected = request.groupName() == null ? groups
                    : Map.of(request.groupName(), group(request.groupName()));
            selected.forEach((group, schedules) -> schedules.values().stream()
                    .filter(s -> request.namePrefix() == null || s.request().name().startsWith(request.namePrefix()))
                    .filter(s -> request.state() == null || state(s.request()) == request.state())
                    .forEach(s -> all.add(ScheduleSummary.builder().arn(arn(group, s.request().name()))
                            .name(s.request().name()).groupName(group).state(state(s.request()))
                            .target(TargetSummary.builder().arn(s.request().target().arn()).build())
                            .creationDate(s.created()).lastModificationDate(s.created()).build())));
        }
        all.sort(Comparator.comparing(ScheduleSummary::groupName).thenComparing(ScheduleSummary::name));
        int end = Math.min(all.size(), offset + max);
        return ListSchedulesResponse.builder().schedules(offset >= all.size() ? List.of() : all.subList(offset, end))
                .nextToken(end < all.size() ? pageToken(end) : null).build();
    }

    private static ScheduleState state(CreateScheduleRequest r) {
        return r.state() == null ? ScheduleState.ENABLED : r.state();
    }

    private Map<String, Stored> group(String name) {
        Map<String, Stored> schedules = groups.get(name);
        if (schedules == null) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                    "Schedule group " + name + " does not exist.");
        }
        return schedules;
    }

    private Stored schedule(String group, String name) {
        Stored s = group(group).get(name);
        if (s == null) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                    "Schedule " + name + " does not exist.");
        }
        return s;
    }

    private static String arn(String group, String name) {
        return ARN_PREFIX + "schedule/" + group + "/" + name;
    }

    /** The instant an {@code at()} expression names in its time zone (UTC unless given). */
    private static Instant at(String expression, String timezone) {
        if (expression == null) {
            throw validation("1 validation error detected: Value null at 'scheduleExpression' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (expression.startsWith("rate(") || expression.startsWith("cron(")) {
            throw new UnsupportedOperationException("FakeScheduler implements one-time at() schedules only, not "
                    + expression);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(timezone == null ? "UTC" : timezone);
        } catch (DateTimeException e) {
            throw validation("Invalid time zone " + timezone + ".");
        }
        Matcher m = AT.matcher(expression);
        try {
            if (m.matches()) {
                return LocalDateTime.parse(m.group(1), AT_TIME).atZone(zone).toInstant();
            }
        } catch (DateTimeParseException e) {
            // falls through to Scheduler's error
        }
        throw validation("Invalid Schedule Expression " + expression + ".");
    }

    private static void validateWindowAndTarget(CreateScheduleRequest r) {
        var window = r.flexibleTimeWindow();
        if (window == null || window.mode() == null || window.mode() == FlexibleTimeWindowMode.UNKNOWN_TO_SDK_VERSION) {
            throw validation("1 validation error detected: Value at 'flexibleTimeWindow.mode' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]");
        }
        Integer minutes = window.maximumWindowInMinutes();
        if (window.mode() == FlexibleTimeWindowMode.FLEXIBLE ? minutes == null || minutes < 1 || minutes > 1440
                : minutes != null) {
            throw validation("MaximumWindowInMinutes is required, 1 to 1440, with mode FLEXIBLE, and not allowed with OFF.");
        }
        var target = r.target();
        if (target == null || target.arn() == null || target.arn().isEmpty() || target.arn().length() > 1600) {
            throw validation("1 validation error detected: Value at 'target.arn' failed to satisfy constraint: "
                    + "Member must have length between 1 and 1600");
        }
        if (target.roleArn() == null || !ROLE_ARN.matcher(target.roleArn()).matches()) {
            throw validation("1 validation error detected: Value at 'target.roleArn' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: " + ROLE_ARN.pattern());
        }
        if (target.input() != null && target.input().isEmpty()) {
            throw validation("1 validation error detected: Value at 'target.input' failed to satisfy constraint: "
                    + "Member must have length greater than or equal to 1");
        }
        if (r.actionAfterCompletion() == ActionAfterCompletion.UNKNOWN_TO_SDK_VERSION
                || r.state() == ScheduleState.UNKNOWN_TO_SDK_VERSION) {
            throw validation("1 validation error detected: ActionAfterCompletion must be NONE or DELETE and State "
                    + "ENABLED or DISABLED");
        }
    }

    private static void requireName(String name, String member) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw validation("1 validation error detected: Value '" + name + "' at '" + member + "' failed to "
                    + "satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$ and "
                    + "have length between 1 and 64");
        }
    }

    private static SchedulerException validation(String message) {
        return error(ValidationException.builder(), "ValidationException", 400, message);
    }
}

package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;

/** Named alarms (metric or composite) must be OK; INSUFFICIENT_DATA only where the plan allows it. */
final class AlarmsCheck implements HookCheck {
    /** DescribeAlarms accepts at most 100 names per request. */
    static final int BATCH = 100;

    private final CheckPlan.Alarms spec;
    private final CloudWatchClient cloudWatch;

    AlarmsCheck(CheckPlan.Alarms spec, CloudWatchClient cloudWatch) {
        this.spec = spec;
        this.cloudWatch = cloudWatch;
    }

    @Override
    public CheckPlan.Alarms spec() {
        return spec;
    }

    @Override
    public CheckResult run(Deadline deadline) throws CheckFailure {
        Map<String, String> states = new HashMap<>();
        List<String> names = spec.alarmNames();
        for (int from = 0; from < names.size(); from += BATCH) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + BATCH));
            String token = null;
            do {
                String pageToken = token;
                DescribeAlarmsResponse page = cloudWatch.describeAlarms(b -> b.alarmNames(batch).nextToken(pageToken)
                        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM).maxRecords(BATCH));
                page.metricAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
                page.compositeAlarms().forEach(a -> states.put(a.alarmName(), a.stateValueAsString()));
                token = page.nextToken();
            } while (token != null && !token.isEmpty());
        }
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            String state = states.get(name);
            if (state == null) {
                problems.add(name + " does not exist");
            } else if (state.equals("INSUFFICIENT_DATA") && !spec.allowInsufficientData()) {
                problems.add(name + " is INSUFFICIENT_DATA (not allowed by the plan)");
            } else if (!state.equals("OK") && !state.equals("INSUFFICIENT_DATA")) {
                problems.add(name + " is " + state);
            }
        }
        if (!problems.isEmpty()) {
            throw new CheckFailure(String.join("; ", problems));
        }
        return CheckResult.pass(spec.type(), spec.name(), names.size() + " alarm(s) OK");
    }
}

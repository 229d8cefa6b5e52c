package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DashboardNotFoundErrorException;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * In-memory CloudWatch alarms. {@code DescribeAlarms} behaves as the service does: names that do not exist
 * are simply absent from the answer, alarms come sorted by name, only metric alarms are returned unless
 * {@code AlarmTypes} asks for composite ones, {@code AlarmNames} and {@code AlarmNamePrefix} exclude each
 * other, and long answers are paged with {@code MaxRecords}/{@code NextToken}. {@code SetAlarmState} lets a
 * test or demo flip an alarm mid-run.
 *
 * <p>Scenario section {@code "cloudwatch"}: {@code {"metricAlarms": [MetricAlarm], "compositeAlarms": [CompositeAlarm]}},
 * in the API's own shape ({@code AlarmName}, {@code StateValue}, {@code Dimensions}, ...).
 */
public final class FakeCloudWatch extends FakeService implements CloudWatchClient {
    private static final int MAX_NAMES = 100;
    private static final int MAX_RECORDS = 100;
    /** The page size the service uses when MaxRecords is not given. */
    private static final int DEFAULT_RECORDS = 50;

    /** Sorted by name, as DescribeAlarms answers. */
    private final TreeMap<String, MetricAlarm> metricAlarms = new TreeMap<>();
    private final TreeMap<String, CompositeAlarm> compositeAlarms = new TreeMap<>();

    public FakeCloudWatch(CallJournal journal) {
        super(journal, CloudWatchClient.class);
    }

    @Override
    public String scenarioKey() {
        return "cloudwatch";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "metricAlarms", "compositeAlarms");
        JsonNode metric = section.path("metricAlarms");
        for (int i = 0; i < metric.size(); i++) {
            String path = "cloudwatch.metricAlarms[" + i + "]";
            MetricAlarm alarm = ScenarioJson.read(metric.get(i), MetricAlarm::builder, path);
            requireNameAndState(alarm.alarmName(), alarm.stateValue(), path);
            metricAlarms.put(alarm.alarmName(), alarm);
        }
        JsonNode composite = section.path("compositeAlarms");
        for (int i = 0; i < composite.size(); i++) {
            String path = "cloudwatch.compositeAlarms[" + i + "]";
            CompositeAlarm alarm = ScenarioJson.read(composite.get(i), CompositeAlarm::builder, path);
            requireNameAndState(alarm.alarmName(), alarm.stateValue(), path);
            compositeAlarms.put(alarm.alarmName(), alarm);
        }
    }

    private static void requireNameAndState(String name, StateValue state, String path) {
        if (name == null || state == null || state == StateValue.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException(path + " needs AlarmName and StateValue, one of " + StateValue.knownValues());
        }
    }

    @Override
    public DescribeAlarmsResponse describeAlarms(DescribeAlarmsRequest request) {
        record(request);
        if (request.childrenOfAlarmName() != null || request.parentsOfAlarmName() != null || request.actionPrefix() != null) {
            throw new UnsupportedOperationException(
                    "the sandbox's DescribeAlarms supports AlarmNames, AlarmNamePrefix, AlarmTypes, StateValue and paging only");
        }
        if (request.hasAlarmNames() && request.alarmNamePrefix() != null) {
            throw error(InvalidParameterCombinationException.builder(), "InvalidParameterCombination", 400,
                    "AlarmNames and AlarmNamePrefix cannot be specified together.");
        }
        if (request.alarmNames().size() > MAX_NAMES) {
            throw validation("The collection AlarmNames must not have more than " + MAX_NAMES + " members.");
        }
        int max = request.maxRecords() == null ? DEFAULT_RECORDS : request.maxRecords();
        if (max < 1 || max > MAX_RECORDS) {
            throw validation("The value " + max + " for parameter MaxRecords must be between 1 and " + MAX_RECORDS + ".");
        }
        int from = offset(request.nextToken());
        boolean metric = !request.hasAlarmTypes() || request.alarmTypes().contains(AlarmType.METRIC_ALARM);
        boolean composite = request.hasAlarmTypes() && request.alarmTypes().contains(AlarmType.COMPOSITE_ALARM);
        List<Object> matching = new ArrayList<>();
        synchronized (this) {
            if (metric) {
                metricAlarms.values().stream().filter(a -> matches(request, a.alarmName(), a.stateValue()))
                        .forEach(matching::add);
            }
            if (composite) {
                compositeAlarms.values().stream().filter(a -> matches(request, a.alarmName(), a.stateValue()))
                        .forEach(matching::add);
            }
        }
        List<Object> page = matching.subList(Math.min(from, matching.size()), Math.min(from + max, matching.size()));
        DescribeAlarmsResponse.Builder response = DescribeAlarmsResponse.builder()
                .metricAlarms(page.stream().filter(MetricAlarm.class::isInstance).map(MetricAlarm.class::cast).toList())
                .compositeAlarms(page.stream().filter(CompositeAlarm.class::isInstance).map(CompositeAlarm.class::cast).toList());
        if (from + max < matching.size()) {
            response.nextToken(pageToken(from + max));
        }
        return response.build();
    }

    @Override
    public SetAlarmStateResponse setAlarmState(SetAlarmStateRequest request) {
        record(request);
        StateValue state = request.stateValue();
        if (state == null || state == StateValue.UNKNOWN_TO_SDK_VERSION) {
            throw validation("StateValue must be one of " + StateValue.knownValues());
        }
        if (request.stateReason() == null) {
            throw error(CloudWatchException.builder(), "MissingParameter", 400, "StateReason is required.");
        }
        Instant now = Instant.now();
        synchronized (this) {
            String name = request.alarmName();
            if (metricAlarms.containsKey(name)) {
                metricAlarms.computeIfPresent(name, (k, a) -> a.toBuilder().stateValue(state)
                        .stateReason(request.stateReason()).stateUpdatedTimestamp(now).build());
            } else if (compositeAlarms.containsKey(name)) {
                compositeAlarms.computeIfPresent(name, (k, a) -> a.toBuilder().stateValue(state)
                        .stateReason(request.stateReason()).stateUpdatedTimestamp(now).build());
            } else {
                // The wire code is ResourceNotFound, which SDK v2 maps to DashboardNotFoundErrorException for every
                // CloudWatch operation; throw what the real client throws.
                throw error(DashboardNotFoundErrorException.builder(), "ResourceNotFound", 404, "Alarm " + name + " not found");
            }
        }
        return SetAlarmStateResponse.builder().build();
    }

    private static boolean matches(DescribeAlarmsRequest request, String name, StateValue state) {
        return (!request.hasAlarmNames() || request.alarmNames().contains(name))
                && (request.alarmNamePrefix() == null || name.startsWith(request.alarmNamePrefix()))
                && (request.stateValue() == null || request.stateValue() == state);
    }

    private static int offset(String token) {
        return pageOffset(token, () -> error(InvalidNextTokenException.builder(), "InvalidNextToken", 400,
                "The next token specified is invalid."));
    }

    private static CloudWatchException validation(String message) {
        return error(InvalidParameterValueException.builder(), "InvalidParameterValue", 400, message);
    }
}

package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
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
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateRequest;
import software.amazon.awssdk.services.cloudwatch.model.SetAlarmStateResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

/**
 * In-memory CloudWatch alarms. {@code DescribeAlarms} behaves as the service does: names that do not exist
 * are simply absent from the answer, alarms come sorted by name, only metric alarms are returned unless
 * {@code AlarmTypes} asks for composite ones, {@code AlarmNames} and {@code AlarmNamePrefix} exclude each
 * other, and long answers are paged with {@code MaxRecords}/{@code NextToken}. {@code SetAlarmState} lets a
 * test or demo flip an alarm mid-run. {@code ListTagsForResource} answers an alarm's tags, sorted by key; an
 * alarm ARN it does not know (neither tagged in the scenario nor a seeded alarm's {@code AlarmArn}) is
 * {@code ResourceNotFoundException} (HTTP 404), as for an alarm deleted meanwhile.
 *
 * <p>Scenario section {@code "cloudwatch"}: {@code {"metricAlarms": [MetricAlarm], "compositeAlarms": [CompositeAlarm],
 * "tags": {"<alarm ARN>": {"<key>": "<value>"}}}}, alarms in the API's own shape ({@code AlarmName}, {@code StateValue},
 * {@code Dimensions}, ...).
 */
public final class FakeCloudWatch extends FakeService implements CloudWatchClient {
    private static final int MAX_NAMES = 100;
    private static final int MAX_RECORDS = 100;
    /** The page size the service uses when MaxRecords is not given. */
    private static final int DEFAULT_RECORDS = 50;
    private static final int MAX_TAGS = 50;
    private static final Pattern ALARM_ARN = Pattern.compile("arn:aws[a-z-]*:cloudwatch:[a-z0-9-]+:\\d{12}:alarm:.+");

    /** Sorted by name, as DescribeAlarms answers. */
    private final TreeMap<String, MetricAlarm> metricAlarms = new TreeMap<>();
    private final TreeMap<String, CompositeAlarm> compositeAlarms = new TreeMap<>();
    /** By alarm ARN, each sorted by key. */
    private final Map<String, TreeMap<String, String>> tags = new HashMap<>();

    public FakeCloudWatch(CallJournal journal) {
        super(journal, CloudWatchClient.class);
    }

    @Override
    public String scenarioKey() {
        return "cloudwatch";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "metricAlarms", "compositeAlarms", "tags");
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
        seedTags(section.path("tags"));
    }

    private void seedTags(JsonNode section) {
        if (section.isMissingNode()) {
            return;
        }
        if (!section.isObject()) {
            throw new IllegalArgumentException("cloudwatch.tags must map alarm ARNs to objects of tags");
        }
        section.fields().forEachRemaining(entry -> {
            String path = "cloudwatch.tags." + entry.getKey();
            if (!ALARM_ARN.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException(path + ": the key must be an alarm ARN, "
                        + "arn:aws:cloudwatch:<region>:<account>:alarm:<name>");
            }
            if (!entry.getValue().isObject() || entry.getValue().size() > MAX_TAGS) {
                throw new IllegalArgumentException(path + " must be an object of at most " + MAX_TAGS + " tags");
            }
            TreeMap<String, String> alarmTags = new TreeMap<>();
            entry.getValue().fields().forEachRemaining(tag -> {
                if (!tag.getValue().isTextual() || tag.getKey().isEmpty() || tag.getKey().length() > 128
                        || tag.getValue().asText().length() > 256) {
                    throw new IllegalArgumentException(path + "." + tag.getKey()
                            + ": a tag is a key of 1-128 characters with a string value of at most 256");
                }
                alarmTags.put(tag.getKey(), tag.getValue().asText());
            });
            tags.put(entry.getKey(), alarmTags);
        });
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

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        record(request);
        String arn = request.resourceARN();
        if (arn == null || arn.isEmpty()) {
            throw error(CloudWatchException.builder(), "MissingParameter", 400,
                    "The request must contain the parameter ResourceARN.");
        }
        if (!arn.startsWith("arn:")) {
            throw validation("Invalid value for parameter ResourceARN: it is not an ARN.");
        }
        synchronized (this) {
            Map<String, String> found = tags.get(arn);
            if (found == null && !isAlarmArn(arn)) {
                throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                        "The specified resource does not exist: " + arn);
            }
            List<Tag> list = found == null ? List.of() : found.entrySet().stream()
                    .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
            return ListTagsForResourceResponse.builder().tags(list).build();
        }
    }

    private boolean isAlarmArn(String arn) {
        return metricAlarms.values().stream().anyMatch(a -> arn.equals(a.alarmArn()))
                || compositeAlarms.values().stream().anyMatch(a -> arn.equals(a.alarmArn()));
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

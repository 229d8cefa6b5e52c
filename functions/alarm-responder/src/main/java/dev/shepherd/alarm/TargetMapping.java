package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The platform team's alarm-to-target mapping, SSM parameter {@code /shepherd/<environment>/alarm-targets}: strict
 * JSON keyed by alarm name, each alarm an object with any of {@code codedeploy}, {@code ecs-service} and
 * {@code lambda-alias}, each a list of entries in the same syntax as the tags:
 * <pre>{"orders-5xx": {"codedeploy": ["orders/orders-dg"], "ecs-service": ["orders-cluster/orders-api"],
 *                 "lambda-alias": ["orders-fn:live"]}}</pre>
 * The mapping is refused as a whole when anything in it is wrong, with one message naming every problem: it is
 * configuration, and half of it silently applying would hide the other half's mistake.
 */
public final class TargetMapping {
    public static final TargetMapping EMPTY = new TargetMapping(Map.of());

    private final Map<String, List<Target>> byAlarm;

    private TargetMapping(Map<String, List<Target>> byAlarm) {
        this.byAlarm = byAlarm;
    }

    /** @throws IllegalArgumentException naming every problem in the document */
    public static TargetMapping parse(String json) {
        JsonNode root = Json.parse(json);
        List<String> problems = new ArrayList<>();
        Map<String, List<Target>> byAlarm = new LinkedHashMap<>();
        if (!root.isObject()) {
            throw new IllegalArgumentException("alarm-targets must be a JSON object keyed by alarm name");
        }
        root.fields().forEachRemaining(alarm -> {
            String where = "alarm-targets." + alarm.getKey();
            if (!alarm.getValue().isObject()) {
                problems.add(where + " must be an object with codedeploy, ecs-service and/or lambda-alias");
                return;
            }
            List<Target> targets = new ArrayList<>();
            alarm.getValue().fields().forEachRemaining(kind -> targets.addAll(
                    entries(where + "." + kind.getKey(), kind.getKey(), kind.getValue(), problems)));
            byAlarm.put(alarm.getKey(), List.copyOf(targets));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("alarm-targets refused: " + String.join("; ", problems));
        }
        return new TargetMapping(Map.copyOf(byAlarm));
    }

    private static List<Target> entries(String where, String key, JsonNode list, List<String> problems) {
        Target.Kind kind = Arrays.stream(Target.Kind.values()).filter(k -> k.mappingKey().equals(key)).findFirst()
                .orElse(null);
        if (kind == null) {
            problems.add(where + " is not one of codedeploy, ecs-service, lambda-alias");
            return List.of();
        }
        if (!list.isArray() || list.isEmpty()) {
            problems.add(where + " must be a non-empty list of strings");
            return List.of();
        }
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            Target target = entry.isTextual() ? kind.parse(entry.asText()) : null;
            if (target == null) {
                problems.add(entry.isTextual() ? kind.refusal(where + "[" + i + "]", entry.asText())
                        : where + "[" + i + "] must be a string");
            } else {
                targets.add(target);
            }
        }
        return targets;
    }

    /** The targets mapped to an alarm, by its name; empty when it has none. */
    public List<Target> targetsOf(String alarmName) {
        return alarmName == null ? List.of() : byAlarm.getOrDefault(alarmName, List.of());
    }
}

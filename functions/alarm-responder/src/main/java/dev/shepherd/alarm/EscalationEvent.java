package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import dev.shepherd.core.notify.Severity;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * The events the responder schedules for itself through EventBridge Scheduler (the schedule's {@code Input}):
 * <pre>
 * {"shepherd": "alarm-escalation", "alarmArn": "arn:aws:cloudwatch:...:alarm:x", "incidentId": "i-...", "step": 1,
 *  "severity": "high"}
 * {"shepherd": "alarm-rollup", "alarmArn": "arn:aws:cloudwatch:...:alarm:x", "severity": "high"}
 * </pre>
 * Anyone allowed to invoke the function can send one, so {@link #parse} is strict (exactly these keys, a
 * CloudWatch alarm ARN, an incident id of that alarm, a step of 1 to {@link #MAX_STEP}, a severity of the routes;
 * the severity picks the route, decided when the incident opened), and what such an event
 * may cause is bounded: the ledger is re-checked and, if it agrees, a notice is sent. It never stops a release.
 * Error messages name the field, never its value.
 */
public sealed interface EscalationEvent {
    String MARKER = "shepherd";
    int MAX_STEP = 20;

    /** Re-check an incident and escalate it one step if it is still open. */
    record Escalate(String alarmArn, String incidentId, int step, Severity severity) implements EscalationEvent {
        public Escalate {
            Objects.requireNonNull(severity, "severity");
            requireAlarmArn(alarmArn);
            if (incidentId == null || !IncidentIds.belongsTo(incidentId, alarmArn)) {
                throw new IllegalArgumentException("escalation event: incidentId is not an incident of alarmArn");
            }
            if (step < 1 || step > MAX_STEP) {
                throw new IllegalArgumentException("escalation event: step must be 1 to " + MAX_STEP);
            }
        }

        @Override
        public String toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode().put(MARKER, "alarm-escalation")
                    .put("alarmArn", alarmArn).put("incidentId", incidentId).put("step", step)
                    .put("severity", severity.wire());
            return Json.write(node);
        }
    }

    /** The flap window of an alarm ended: send the one notice that sums up what was rolled up. */
    record Rollup(String alarmArn, Severity severity) implements EscalationEvent {
        public Rollup {
            Objects.requireNonNull(severity, "severity");
            requireAlarmArn(alarmArn);
        }

        @Override
        public String toJson() {
            return Json.write(JsonNodeFactory.instance.objectNode().put(MARKER, "alarm-rollup").put("alarmArn", alarmArn)
                    .put("severity", severity.wire()));
        }
    }

    /** The schedule's {@code Input}. */
    String toJson();

    /** Whether an event is meant to be one of these (it carries the marker), so it is parsed here or refused. */
    static boolean marked(JsonNode event) {
        return event != null && event.isObject() && event.has(MARKER);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static EscalationEvent parse(JsonNode event) {
        if (!marked(event) || !event.get(MARKER).isTextual()) {
            throw new IllegalArgumentException("escalation event: not an object with a \"shepherd\" kind");
        }
        String kind = event.get(MARKER).asText();
        switch (kind) {
            case "alarm-escalation" -> {
                onlyKeys(event, Set.of(MARKER, "alarmArn", "incidentId", "step", "severity"));
                JsonNode step = event.get("step");
                if (step == null || !step.isIntegralNumber() || !step.canConvertToInt()) {
                    throw new IllegalArgumentException("escalation event: step must be a whole number");
                }
                return new Escalate(text(event, "alarmArn"), text(event, "incidentId"), step.intValue(), severity(event));
            }
            case "alarm-rollup" -> {
                onlyKeys(event, Set.of(MARKER, "alarmArn", "severity"));
                return new Rollup(text(event, "alarmArn"), severity(event));
            }
            default -> throw new IllegalArgumentException(
                    "escalation event: unknown kind; expected alarm-escalation or alarm-rollup");
        }
    }

    private static void onlyKeys(JsonNode event, Set<String> keys) {
        for (Iterator<String> it = event.fieldNames(); it.hasNext(); ) {
            if (!keys.contains(it.next())) {
                throw new IllegalArgumentException("escalation event: unexpected field; allowed: " + keys.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("escalation event: " + field + " must be a string");
        }
        return value.asText();
    }

    private static Severity severity(JsonNode event) {
        return Severity.fromWire(text(event, "severity")).orElseThrow(() -> new IllegalArgumentException(
                "escalation event: severity must be one of critical, high, medium, low"));
    }

    private static void requireAlarmArn(String alarmArn) {
        if (alarmArn == null || !IncidentIds.isAlarmArn(alarmArn)) {
            throw new IllegalArgumentException("escalation event: alarmArn is not a CloudWatch alarm ARN");
        }
    }
}

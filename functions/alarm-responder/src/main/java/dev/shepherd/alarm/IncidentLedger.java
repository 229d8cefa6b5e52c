package dev.shepherd.alarm;

import dev.shepherd.core.Config;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Noise control and incident state for alarm changes, in one DynamoDB table (partition key {@code pk} (S), TTL
 * attribute {@code expiresAt}). Many Lambda instances run at once and the same transition can arrive by two paths
 * and be retried, so every decision is one conditional write: nothing is read and then written.
 *
 * <p>Items. A <b>transition</b> ({@code pk = transition#<alarm ARN>#<state>#<state timestamp>}, kept
 * {@link #TRANSITION_TTL}) exists once a transition was taken up: its conditional Put is the dedup, whatever path
 * or delivery id brought it. The <b>alarm</b> ({@code pk = alarm#<alarm ARN>}, kept {@link #ALARM_TTL} after its
 * last change) holds {@code stateAt} (epoch millis of the newest state processed) and {@code state},
 * {@code incidentId} while an incident is open, {@code notifiedAt} (epoch millis of the last notice),
 * {@code rolledUp} (changes counted since then) and {@code escalatedStep} (the open incident's last escalation).
 *
 * <p>The fixed set of expressions (the sandbox fake implements exactly this grammar):
 * <pre>
 * transition Put       attribute_not_exists(pk)
 * change, notice       NEWER AND (attribute_not_exists(notifiedAt) OR notifiedAt &lt; :windowStart)
 * change, rolled up    NEWER AND notifiedAt &gt;= :windowStart
 * change, silent       NEWER AND attribute_not_exists(incidentId)
 *   where NEWER      = (attribute_not_exists(pk) OR stateAt &lt; :ts)
 *   update           = SET stateAt = :ts, #state = :state, expiresAt = :expires
 *                      [ALARM: , incidentId = if_not_exists(incidentId, :incident)]
 *                      [notice: , notifiedAt = :now, rolledUp = :zero]
 *                      [OK: REMOVE incidentId, escalatedStep]  [rolled up: ADD rolledUp :one]
 * flush                rolledUp &gt; :zero   SET rolledUp = :zero, notifiedAt = :now, expiresAt = :expires
 * escalation           incidentId = :incident AND (attribute_not_exists(escalatedStep) OR escalatedStep &lt; :step)
 *                      SET escalatedStep = :step
 * release              DeleteItem of a transition, unconditional
 * </pre>
 * A change's write returns the old item (ALL_OLD), and a failed one the current item
 * ({@code ReturnValuesOnConditionCheckFailure ALL_OLD}), which says why: stale, or the notice window moved, in which
 * case the fitting variant is tried next.
 *
 * <p>Failure: if the change's write fails after the transition was taken up, the transition is released so a
 * retry handles it again. If the process dies between the two writes, a retry finds the transition and reads as a
 * duplicate: that change is then lost, never doubled. A change write the SDK retries after a lost response reads
 * as stale: again at most once.
 */
public final class IncidentLedger {
    public static final Duration DEFAULT_FLAP_WINDOW = Duration.ofMinutes(10);
    /** At least a day: EventBridge retries a target for up to 24 hours, Lambda async retries up to 6. */
    static final Duration TRANSITION_TTL = Duration.ofHours(48);
    static final Duration ALARM_TTL = Duration.ofDays(30);
    /** Writes per change: each failed one returns the item, so the second normally fits; more means contention. */
    private static final int MAX_ATTEMPTS = 5;

    static final String NEW_TRANSITION = "attribute_not_exists(pk)";
    static final String NEWER = "(attribute_not_exists(pk) OR stateAt < :ts)";
    static final String NOTICE_CONDITION = NEWER + " AND (attribute_not_exists(notifiedAt) OR notifiedAt < :windowStart)";
    static final String ROLLUP_CONDITION = NEWER + " AND notifiedAt >= :windowStart";
    static final String SILENT_CONDITION = NEWER + " AND attribute_not_exists(incidentId)";
    static final String FLUSH_CONDITION = "rolledUp > :zero";
    static final String FLUSH_UPDATE = "SET rolledUp = :zero, notifiedAt = :now, expiresAt = :expires";
    static final String ESCALATION_CONDITION =
            "incidentId = :incident AND (attribute_not_exists(escalatedStep) OR escalatedStep < :step)";
    static final String ESCALATION_UPDATE = "SET escalatedStep = :step";

    private static final String STATE_AT = "stateAt";
    private static final String STATE = "state";
    private static final String INCIDENT = "incidentId";
    private static final String NOTIFIED_AT = "notifiedAt";
    private static final String ROLLED_UP = "rolledUp";

    /** How a change's write treats the notice slot. */
    private enum Mode { NOTICE, ROLLUP, SILENT }

    /**
     * @param table      the table's name
     * @param flapWindow after a notice, changes within this window are rolled up into one notice at its end
     */
    public record Settings(String table, Duration flapWindow) {
        public Settings {
            Objects.requireNonNull(table, "table");
            if (flapWindow.isNegative()) {
                throw new IllegalArgumentException("the flap window cannot be negative");
            }
        }

        /** {@code INCIDENT_TABLE} (required), {@code FLAP_WINDOW_SECONDS} (0 to 3600, default 600). */
        public static Settings read(Config config) {
            String table = config.required("INCIDENT_TABLE", "the DynamoDB table of the incident ledger");
            int window = config.integer("FLAP_WINDOW_SECONDS", (int) DEFAULT_FLAP_WINDOW.toSeconds(), 0, 3600);
            // out of range is already a problem that validate() reports; keep constructing
            return new Settings(table == null ? "" : table, Duration.ofSeconds(Math.max(window, 0)));
        }
    }

    /**
     * What a flush took: {@code count} changes rolled up since the last notice (0: nothing to send), and the alarm's
     * newest state with the incident open now (null when none).
     */
    public record Flush(int count, AlarmChange.Value state, Instant stateAt, String incidentId) {
        static final Flush NOTHING = new Flush(0, null, null, null);

        public boolean pending() {
            return count > 0;
        }
    }

    private final DynamoDbClient dynamo;
    private final Settings settings;

    public IncidentLedger(DynamoDbClient dynamo, Settings settings) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Records one alarm change and decides what the caller does.
     *
     * @throws IllegalArgumentException when the change has no state timestamp, which ordering and dedup need
     */
    public Decision record(AlarmChange change, Instant now) {
        Instant at = change.state().timestamp();
        if (at == null) {
            throw new IllegalArgumentException("the alarm change has no state timestamp");
        }
        String transition = "transition#" + change.alarmArn() + "#" + change.state().value() + "#" + at;
        try {
            dynamo.putItem(r -> r.tableName(settings.table()).conditionExpression(NEW_TRANSITION)
                    .item(Map.of("pk", s(transition), "expiresAt", epochSeconds(now.plus(TRANSITION_TTL)))));
        } catch (ConditionalCheckFailedException taken) {
            return new Decision.Duplicate();
        }
        try {
            return change(change, at, now);
        } catch (RuntimeException e) {
            try {
                dynamo.deleteItem(r -> r.tableName(settings.table()).key(Map.of("pk", s(transition))));
            } catch (RuntimeException release) {
                e.addSuppressed(release);
            }
            throw e;
        }
    }

    private Decision change(AlarmChange change, Instant at, Instant now) {
        AlarmChange.Value value = change.state().value();
        boolean silentCandidate = value == AlarmChange.Value.OK && change.previous() != null
                && change.previous().value() == AlarmChange.Value.INSUFFICIENT_DATA;
        long windowStart = now.minus(settings.flapWindow()).toEpochMilli();
        Mode mode = silentCandidate ? Mode.SILENT : Mode.NOTICE;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> old;
            try {
                old = write(change, at, now, mode, windowStart);
            } catch (ConditionalCheckFailedException failed) {
                Map<String, AttributeValue> current = failed.hasItem() ? failed.item() : Map.of();
                Long newest = number(current, STATE_AT);
                if (newest != null && newest >= at.toEpochMilli()) {
                    return new Decision.Stale(Instant.ofEpochMilli(newest));
                }
                Long notifiedAt = number(current, NOTIFIED_AT);
                mode = silentCandidate && !current.containsKey(INCIDENT) ? Mode.SILENT
                        : notifiedAt != null && notifiedAt >= windowStart ? Mode.ROLLUP : Mode.NOTICE;
                continue;
            }
            return decide(change, at, mode, old);
        }
        throw new IllegalStateException("the ledger item of alarm " + change.alarmArn() + " changed under each of "
                + MAX_ATTEMPTS + " conditional writes");
    }

    /** One conditional write of a change; returns the item before it. */
    private Map<String, AttributeValue> write(AlarmChange change, Instant at, Instant now, Mode mode, long windowStart) {
        AlarmChange.Value value = change.state().value();
        StringBuilder update = new StringBuilder("SET stateAt = :ts, #state = :state, expiresAt = :expires");
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":ts", n(at.toEpochMilli()));
        values.put(":state", s(value.name()));
        values.put(":expires", epochSeconds(now.plus(ALARM_TTL)));
        if (value == AlarmChange.Value.ALARM) {
            update.append(", incidentId = if_not_exists(incidentId, :incident)");
            values.put(":incident", s(IncidentIds.incidentId(change.alarmArn(), at)));
        }
        String condition = switch (mode) {
            case NOTICE -> {
                update.append(", notifiedAt = :now, rolledUp = :zero");
                values.put(":now", n(now.toEpochMilli()));
                values.put(":zero", n(0));
                values.put(":windowStart", n(windowStart));
                yield NOTICE_CONDITION;
            }
            case ROLLUP -> {
                values.put(":windowStart", n(windowStart));
                yield ROLLUP_CONDITION;
            }
            case SILENT -> SILENT_CONDITION;
        };
        if (value == AlarmChange.Value.OK) {
            update.append(" REMOVE incidentId, escalatedStep");
        }
        if (mode == Mode.ROLLUP) {
            update.append(" ADD rolledUp :one");
            values.put(":one", n(1));
        }
        return dynamo.updateItem(r -> r.tableName(settings.table()).key(alarmKey(change.alarmArn()))
                .updateExpression(update.toString()).conditionExpression(condition)
                .expressionAttributeNames(Map.of("#state", STATE)).expressionAttributeValues(values)
                .returnValues(ReturnValue.ALL_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).attributes();
    }

    private Decision decide(AlarmChange change, Instant at, Mode mode, Map<String, AttributeValue> old) {
        String open = string(old, INCIDENT);
        Decision.Incident incident;
        String incidentId = open;
        switch (change.state().value()) {
            case ALARM -> {
                incident = open == null ? Decision.Incident.OPENED : Decision.Incident.ONGOING;
                incidentId = open == null ? IncidentIds.incidentId(change.alarmArn(), at) : open;
            }
            case OK -> incident = open == null ? Decision.Incident.NONE : Decision.Incident.RESOLVED;
            default -> incident = open == null ? Decision.Incident.NONE : Decision.Incident.ONGOING;
        }
        long rolledUp = Objects.requireNonNullElse(number(old, ROLLED_UP), 0L);
        return switch (mode) {
            case SILENT -> new Decision.Silent();
            case NOTICE -> new Decision.Notify(incident, (int) rolledUp, incidentId);
            case ROLLUP -> new Decision.RolledUp((int) rolledUp + 1,
                    Instant.ofEpochMilli(number(old, NOTIFIED_AT)).plus(settings.flapWindow()), incident, incidentId);
        };
    }

    /**
     * Takes the changes rolled up since the last notice, atomically, and opens a new notice window: of several
     * flushes (a retried schedule, two instances) only one gets the count, the others {@link Flush#NOTHING}.
     */
    public Flush flushRollup(String alarmArn, Instant now) {
        Map<String, AttributeValue> old;
        try {
            old = dynamo.updateItem(r -> r.tableName(settings.table()).key(alarmKey(alarmArn))
                    .updateExpression(FLUSH_UPDATE).conditionExpression(FLUSH_CONDITION)
                    .expressionAttributeValues(Map.of(":zero", n(0), ":now", n(now.toEpochMilli()),
                            ":expires", epochSeconds(now.plus(ALARM_TTL))))
                    .returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException nothingPending) {
            return Flush.NOTHING;
        }
        return new Flush(number(old, ROLLED_UP).intValue(), AlarmChange.Value.valueOf(string(old, STATE)),
                Instant.ofEpochMilli(number(old, STATE_AT)), string(old, INCIDENT));
    }

    /**
     * Claims escalation {@code step} (1, 2, ...) of an incident: true once per incident and step; false when it
     * was claimed, a later step was, the incident is closed, or another incident is open for the alarm.
     */
    public boolean claimEscalation(String alarmArn, String incidentId, int step) {
        if (step < 1) {
            throw new IllegalArgumentException("escalation steps start at 1");
        }
        try {
            dynamo.updateItem(r -> r.tableName(settings.table()).key(alarmKey(alarmArn))
                    .updateExpression(ESCALATION_UPDATE).conditionExpression(ESCALATION_CONDITION)
                    .expressionAttributeValues(Map.of(":incident", s(incidentId), ":step", n(step))));
            return true;
        } catch (ConditionalCheckFailedException notNow) {
            return false;
        }
    }

    private static Map<String, AttributeValue> alarmKey(String alarmArn) {
        return Map.of("pk", s("alarm#" + alarmArn));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static AttributeValue epochSeconds(Instant at) {
        return n(at.getEpochSecond());
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static Long number(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.valueOf(v.n());
    }
}

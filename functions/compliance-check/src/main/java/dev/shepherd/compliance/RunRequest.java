package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Timestamps;
import dev.shepherd.core.event.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one invocation is asked to check, from any of the shapes a schedule delivers (decoded by core's envelope
 * decoder): an EventBridge rule's scheduled event ({@code detail} an object), EventBridge Scheduler's default
 * notification ({@code detail} the string {@code "{}"}), the Input of Shepherd's own schedules
 * ({@code {"run": "hourly", "scheduledTime": "<aws.scheduler.scheduled-time>"}}) or a manual {@code {}} from
 * {@code ./shepherd invoke}. A run without a {@code run} is a full (daily) run.
 *
 * @param scheduledTime the schedule's time, the run's identity: a retry or a second delivery of it is the same run
 *                      (null for a manual run, which is its own)
 */
record RunRequest(Cadence cadence, Instant scheduledTime) {
    enum Cadence {
        /** Recovery points only (RPO at home and in the DR Region), every hour. */
        HOURLY,
        /** Every check, once a day. */
        DAILY;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Set<String> INPUT_FIELDS = Set.of("run", "scheduledTime");

    /** A request the function cannot run; its message says why and holds nothing secret. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    boolean scheduled() {
        return scheduledTime != null;
    }

    static RunRequest of(List<Envelope> envelopes) {
        if (envelopes.size() != 1) {
            throw new Refused("expected one scheduled event, got " + envelopes.size() + " records");
        }
        return switch (envelopes.getFirst()) {
            case Envelope.EventBridgeEvent e when e.detailType().equals("Scheduled Event") ->
                    new RunRequest(cadence(e.detail().get("run")), e.time());
            case Envelope.EventBridgeEvent e -> throw new Refused("an EventBridge event of detail-type '"
                    + e.detailType() + "' is not a schedule");
            case Envelope.Other o -> input(o.event());
            case Envelope.Malformed m -> throw new Refused(m.reason());
            case Envelope.SnsNotification _, Envelope.Rejected _ -> throw new Refused("an SNS message is not a schedule");
            case Envelope.AlarmAction _ -> throw new Refused("an alarm action is not a schedule");
        };
    }

    private static RunRequest input(JsonNode input) {
        input.fieldNames().forEachRemaining(f -> {
            if (!INPUT_FIELDS.contains(f)) {
                throw new Refused("unknown field '" + f + "'; a run takes " + INPUT_FIELDS.stream().sorted().toList());
            }
        });
        JsonNode time = input.get("scheduledTime");
        Instant at = null;
        if (time != null) {
            if (!time.isTextual()) {
                throw new Refused("scheduledTime must be a timestamp string");
            }
            try {
                at = Timestamps.parse(time.asText());
            } catch (RuntimeException e) {
                throw new Refused("scheduledTime is not a timestamp such as 2026-12-14T02:00:00Z");
            }
        }
        return new RunRequest(cadence(input.get("run")), at);
    }

    private static Cadence cadence(JsonNode run) {
        if (run == null) {
            return Cadence.DAILY;
        }
        for (Cadence c : Cadence.values()) {
            if (run.isTextual() && c.wire().equals(run.asText())) {
                return c;
            }
        }
        throw new Refused("run must be \"hourly\" or \"daily\"");
    }
}

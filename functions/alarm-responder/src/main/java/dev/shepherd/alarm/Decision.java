package dev.shepherd.alarm;

import java.time.Instant;

/** What {@link IncidentLedger#record} decided about one alarm change; the caller acts on it and on nothing else. */
public sealed interface Decision {

    /** What the change did to the alarm's incident. */
    enum Incident {
        /** An ALARM with no incident open: a new one, with the id the decision carries. */
        OPENED,
        /** The incident stays open: ALARM again, or ALARM -> INSUFFICIENT_DATA (warn, do not resolve). */
        ONGOING,
        /** An OK closed the open incident: resolve it, cancel its escalations. */
        RESOLVED,
        /** No incident before or after. */
        NONE
    }

    /** The same transition (alarm, state, timestamp) was already recorded, by this path or another: do nothing. */
    record Duplicate() implements Decision {
    }

    /** Older than the newest state already processed for the alarm ({@code newest}): do nothing. */
    record Stale(Instant newest) implements Decision {
    }

    /** INSUFFICIENT_DATA -> OK with no incident open, a new alarm's first evaluation: recorded, no notice. */
    record Silent() implements Decision {
    }

    /**
     * The alarm is flapping: a notice went out within the flap window, so this change is counted ({@code pending}
     * changes since that notice) instead of notified, and no release is stopped again. The caller must make sure a
     * flush is scheduled at {@code flushAt}, when one notice sums the window up; the incident fields say what the
     * change did, so a RESOLVED one can have its escalations cancelled.
     */
    record RolledUp(int pending, Instant flushAt, Incident incident, String incidentId) implements Decision {
    }

    /**
     * Send a notice: this instance holds the notice slot for the flap window, no other will send one for this
     * alarm until the window ends. {@code rolledUpSince} counts changes that were rolled up and never flushed
     * (a lost flush), for the notice to mention; {@code incidentId} is null when {@code incident} is NONE.
     */
    record Notify(Incident incident, int rolledUpSince, String incidentId) implements Decision {
    }
}

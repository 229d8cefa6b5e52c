package dev.shepherd.core.notify;

/** Where a notice stands in an incident's life; PagerDuty triggers on the first three and resolves on RESOLVE. */
public enum Phase {
    /** An incident starts. */
    OPEN,
    /** More about an open incident. */
    UPDATE,
    /** An open incident is still open after a while: wider or louder routes. */
    ESCALATE,
    /** The incident is over. */
    RESOLVE,
    /** Information only, never paged. */
    INFO;

    /** What the title is prefixed with, so a reader sees the phase before the subject. */
    String label() {
        return switch (this) {
            case OPEN, INFO -> "";
            case UPDATE -> "Update: ";
            case ESCALATE -> "Escalated: ";
            case RESOLVE -> "Resolved: ";
        };
    }
}

package dev.shepherd.core.notify;

import dev.shepherd.core.Deadline;

/** One place notices go: a Slack or Teams webhook, a PagerDuty service, an SNS topic. */
public interface Channel {
    /** The name routes use for it, e.g. {@code ops-slack}. */
    String name();

    /** slack, teams, pagerduty or sns. */
    String type();

    /** Sends the notice by the deadline. Never throws: every failure is a {@link Delivery} saying why. */
    Delivery send(Notice notice, Deadline deadline);
}

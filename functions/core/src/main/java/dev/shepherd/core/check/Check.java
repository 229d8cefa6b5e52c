package dev.shepherd.core.check;

import dev.shepherd.core.Deadline;
import java.time.Duration;

/**
 * One check: a deployment validation, a compliance rule over one kind of resource. Runs on its own virtual thread;
 * {@code deadline} is its own {@link #timeout()} within the invocation's.
 */
public interface Check {
    /** What kind of check it is (http, alarms, rds-backup...): the metric dimension and the report's grouping. */
    String type();

    /** Which one it is, as the person reading the log knows it. */
    String name();

    Duration timeout();

    /** @throws CheckFailure when the check cannot pass; any other exception also counts as a failure */
    CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException;
}

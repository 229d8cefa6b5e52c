package dev.shepherd.hook;

import dev.shepherd.core.Deadline;

/** One validation. Runs on its own virtual thread; {@code deadline} is its own timeout within the invocation's. */
public interface Check {
    CheckPlan.CheckSpec spec();

    /** @throws CheckFailure when the check cannot pass; any other exception also counts as a failure */
    CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException;
}

package dev.shepherd.hook;

import dev.shepherd.core.check.Check;
import java.time.Duration;

/** A deployment validation: a check whose type, name and timeout come from its entry in the check plan. */
public interface HookCheck extends Check {
    CheckPlan.CheckSpec spec();

    @Override
    default String type() {
        return spec().type();
    }

    @Override
    default String name() {
        return spec().name();
    }

    @Override
    default Duration timeout() {
        return spec().timeout();
    }
}

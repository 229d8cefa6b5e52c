package dev.shepherd.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The time a piece of work must finish by: the Lambda deadline minus a reserve for reporting. */
public final class Deadline {
    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    /** From the invocation's remaining time, keeping {@code reserve} back. */
    public static Deadline of(Clock clock, long remainingMillis, Duration reserve) {
        return new Deadline(clock, clock.instant().plusMillis(remainingMillis).minus(reserve));
    }

    public Instant at() {
        return at;
    }

    /** Time left, never negative. */
    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean expired() {
        return !clock.instant().isBefore(at);
    }

    /** The smaller of {@code limit} and the time left. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return limit.compareTo(left) < 0 ? limit : left;
    }
}

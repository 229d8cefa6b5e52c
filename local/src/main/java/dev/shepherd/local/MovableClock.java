package dev.shepherd.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that starts at a given instant, runs at the real rate, and can be moved forward: a demo act shows
 * what happens fifteen minutes later without waiting for it, while timeouts inside a step still run down.
 */
final class MovableClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private volatile Duration moved = Duration.ZERO;

    MovableClock(Instant start) {
        this.start = start;
    }

    void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, not by " + by);
        }
        moved = moved.plus(by);
    }

    @Override
    public Instant instant() {
        return start.plus(moved).plusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone.normalized())) {
            throw new UnsupportedOperationException("a demo clock is UTC, not " + zone);
        }
        return this;
    }
}

package dev.shepherd.alarm;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Alarm changes and a platform for the tests: an account-111122223333 function in eu-west-1 against the sandbox. */
final class Alarms {
    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-west-1";
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:";

    private Alarms() {
    }

    /** An OK to ALARM change of a metric alarm in our account and region; {@code tags} null = not in the payload. */
    static AlarmChange alarm(String name, Map<String, String> tags) {
        return change(ACCOUNT, REGION, name, AlarmChange.Value.ALARM, tags, null);
    }

    static AlarmChange change(String account, String region, String name, AlarmChange.Value value,
            Map<String, String> tags, String suppressedBy) {
        Instant at = Instant.parse("2026-11-26T10:00:00Z");
        return new AlarmChange(AlarmChange.Path.EVENTBRIDGE, "delivery-1", account, region,
                "arn:aws:cloudwatch:" + region + ":" + account + ":alarm:" + name, name, AlarmChange.Kind.METRIC,
                new AlarmChange.State(value, "Threshold Crossed", null, at),
                new AlarmChange.State(AlarmChange.Value.OK, "ok", null, at.minusSeconds(300)), null, tags,
                suppressedBy, suppressedBy == null ? null : "suppressed by orders-maintenance", null, null, null, null);
    }

    static Platform platform(Sandbox sandbox, Clock clock) {
        return new Platform(Map.of("AWS_REGION", REGION), sandbox, clock);
    }

    static Deadline deadline(Clock clock) {
        return Deadline.of(clock, 60_000, Duration.ofSeconds(5));
    }
}

package dev.shepherd.compliance;

import dev.shepherd.core.check.CheckResult.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One secret's rotation judged from one view of it. A failure names each signal that fired: rotation not enabled
 * or never configured; {@code AWSPENDING} on a version other than {@code AWSCURRENT}'s (a rotation that did not
 * finish, which makes every later one fail); the last rotation (or, never rotated, the creation) older than its
 * schedule allows; {@code NextRotationDate} past (AWS: "if rotation is unsuccessful, this date may be in the
 * past"). Lateness is measured against the close of the rotation window plus the grace of the targets. A rotation
 * running at the very moment of the check also shows {@code AWSPENDING} elsewhere; the next run tells them apart.
 */
record RotationVerdict(Status status, String reason) {
    static RotationVerdict judge(SecretState s, Instant now, Duration grace) {
        String owner = s.owningService() == null ? ""
                : "; managed by " + s.owningService() + " (OwningService): the fix goes through " + s.owningService()
                        + ", which owns this secret's rotation";
        if (s.rotationEnabled() == null) {
            return new RotationVerdict(Status.FAIL, "rotation never configured (RotationEnabled absent), "
                    + rotated(s) + owner);
        }
        if (!s.rotationEnabled()) {
            return new RotationVerdict(Status.FAIL, "rotation not enabled (it was turned off), " + rotated(s) + owner);
        }
        List<String> signals = new ArrayList<>();
        Optional<String> pending = s.versionWith(SecretState.PENDING);
        Optional<String> current = s.versionWith(SecretState.CURRENT);
        if (pending.isPresent() && !pending.equals(current)) {
            signals.add("rotation stuck: AWSPENDING is on version " + pending.get() + ", AWSCURRENT on "
                    + current.orElse("no version") + "; every later rotation fails until that is resolved");
        }
        RotationSchedule schedule;
        try {
            schedule = RotationSchedule.of(s.rules());
        } catch (IllegalArgumentException e) {
            return signals.isEmpty()
                    ? new RotationVerdict(Status.CANNOT_TELL, "rotation schedule not understood: " + e.getMessage() + owner)
                    : new RotationVerdict(Status.FAIL, String.join("; ", signals) + "; schedule not understood: "
                            + e.getMessage() + owner);
        }
        Instant since = s.lastRotated() != null ? s.lastRotated() : s.created();
        if (since == null) {
            return new RotationVerdict(Status.CANNOT_TELL, "neither LastRotatedDate nor CreatedDate is known" + owner);
        }
        Optional<Instant> due = schedule.dueBy(since);
        if (due.isEmpty()) {
            return new RotationVerdict(Status.CANNOT_TELL, "schedule " + schedule + " opens no rotation window within "
                    + RotationSchedule.CRON_HORIZON_DAYS + " days of " + since + owner);
        }
        String graceText = " + " + grace.toHours() + " h grace";
        if (now.isAfter(due.get().plus(grace))) {
            signals.add(s.lastRotated() == null
                    ? "never rotated: created " + s.created() + ", the first rotation under " + schedule
                            + " was due by " + due.get() + graceText
                    : "rotation overdue: last rotated " + s.lastRotated() + ", the next under " + schedule
                            + " was due by " + due.get() + graceText);
        }
        if (s.nextRotation() != null && now.isAfter(schedule.windowEnd(s.nextRotation()).plus(grace))) {
            signals.add("NextRotationDate " + s.nextRotation() + " has passed (window closed "
                    + schedule.windowEnd(s.nextRotation()) + graceText + "): the scheduled rotation failed or did not run");
        }
        if (!signals.isEmpty()) {
            return new RotationVerdict(Status.FAIL, String.join("; ", signals) + owner);
        }
        return new RotationVerdict(Status.PASS, "rotates " + schedule + "; " + rotated(s) + ", next due by " + due.get()
                + owner);
    }

    private static String rotated(SecretState s) {
        return s.lastRotated() != null ? "last rotated " + s.lastRotated() : "never rotated (created " + s.created() + ")";
    }

    boolean passed() {
        return status == Status.PASS;
    }
}

package dev.shepherd.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/**
 * When a secret must have rotated by, from its {@code RotationRules} (UTC throughout). The {@code ScheduleExpression}
 * decides when there is one: AWS fills in {@code AutomaticallyAfterDays} next to it, computed, so that is read only
 * without an expression. A rotation window is {@code Duration} ({@code "3h"}) when set, else an hour for a schedule
 * in hours and the rest of the UTC day for a schedule in days.
 */
sealed interface RotationSchedule {
    Pattern RATE = Pattern.compile("rate\\((\\d{1,4}) (hour|hours|day|days)\\)");
    Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    Pattern WINDOW = Pattern.compile("(\\d{1,2})h");
    /** How far ahead a cron's next window is looked for; Secrets Manager allows no schedule more than a year apart. */
    int CRON_HORIZON_DAYS = 4 * 366;

    /** @throws IllegalArgumentException saying what is not understood (the rules hold no secret value) */
    static RotationSchedule of(RotationRulesType rules) {
        if (rules == null) {
            throw new IllegalArgumentException("rotation is enabled but RotationRules is absent");
        }
        Duration window = window(rules.duration());
        String expression = rules.scheduleExpression();
        if (expression != null && !expression.isBlank()) {
            String text = expression.strip();
            Matcher rate = RATE.matcher(text);
            if (rate.matches()) {
                long n = Long.parseLong(rate.group(1));
                boolean hours = rate.group(2).startsWith("hour");
                if (n < 1 || (!hours && n > 1000)) {
                    throw new IllegalArgumentException("ScheduleExpression " + text + " is out of range");
                }
                return new Rate(hours ? Duration.ofHours(n) : Duration.ofDays(n), hours, window, text);
            }
            Matcher cron = CRON.matcher(text);
            if (cron.matches()) {
                try {
                    return new Cron(RotationCron.parse(cron.group(1)), window, text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("ScheduleExpression " + text + ": " + e.getMessage());
                }
            }
            throw new IllegalArgumentException("ScheduleExpression " + text + " is neither rate(N hours|days) nor cron(...)");
        }
        Long days = rules.automaticallyAfterDays();
        if (days == null || days < 1 || days > 1000) {
            throw new IllegalArgumentException("RotationRules has neither a ScheduleExpression nor AutomaticallyAfterDays 1-1000");
        }
        return new Rate(Duration.ofDays(days), false, window, "every " + days + " days (AutomaticallyAfterDays)");
    }

    private static Duration window(String duration) {
        if (duration == null) {
            return null;
        }
        Matcher m = WINDOW.matcher(duration.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 24) {
            throw new IllegalArgumentException("rotation window Duration " + duration + " is not 1h to 24h");
        }
        return Duration.ofHours(Integer.parseInt(m.group(1)));
    }

    /** When the first rotation due after {@code last} must have finished; empty when no window opens after it. */
    Optional<Instant> dueBy(Instant last);

    /** When the window that opens at {@code opens} closes. */
    Instant windowEnd(Instant opens);

    private static Instant nextMidnight(Instant t) {
        return t.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /**
     * {@code rate(N hours|days)} or {@code AutomaticallyAfterDays}. In days, the windows start at midnight, so the
     * due window is on the N-th UTC day after the last rotation's day. In hours the windows open on the hour;
     * {@code last + N hours + window} bounds the close of the next window from above (the last rotation happened
     * inside an earlier window), so a rotation on time is never called late.
     *
     * @param window {@code Duration}, or null for the default
     */
    record Rate(Duration every, boolean inHours, Duration window, String text) implements RotationSchedule {
        @Override
        public Optional<Instant> dueBy(Instant last) {
            if (inHours) {
                return Optional.of(last.plus(every).plus(window == null ? Duration.ofHours(1) : window));
            }
            Instant due = last.truncatedTo(ChronoUnit.DAYS).plus(every);
            return Optional.of(window == null ? nextMidnight(due) : due.plus(window));
        }

        @Override
        public Instant windowEnd(Instant opens) {
            if (window != null) {
                return opens.plus(window);
            }
            return inHours ? opens.plus(Duration.ofHours(1)) : nextMidnight(opens);
        }

        @Override
        public String toString() {
            return text + (window == null ? "" : ", window " + window.toHours() + "h");
        }
    }

    /** A {@code cron(...)}: the next window is the cron's first opening after the last rotation. */
    record Cron(RotationCron cron, Duration window, String text) implements RotationSchedule {
        @Override
        public Optional<Instant> dueBy(Instant last) {
            return cron.firstAfter(last, CRON_HORIZON_DAYS).map(this::windowEnd);
        }

        @Override
        public Instant windowEnd(Instant opens) {
            if (window != null) {
                return opens.plus(window);
            }
            return cron.severalADay() ? opens.plus(Duration.ofHours(1)) : nextMidnight(opens);
        }

        @Override
        public String toString() {
            return text + (window == null ? "" : ", window " + window.toHours() + "h");
        }
    }
}

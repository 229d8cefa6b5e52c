package dev.shepherd.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Secrets Manager rotation {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} in UTC, with the
 * grammar the Secrets Manager user guide allows: minutes {@code 0} (windows open on the hour), hours 0–23, day of
 * month 1–31 or {@code L}, month 1–12 or JAN–DEC, day of week 1–7 (1 is Sunday) or SUN–SAT, {@code n#k} (the k-th
 * such weekday of the month) or {@code nL} (the last one), year {@code *}; lists, ranges and {@code /} steps, which
 * restart every day (or month); exactly one of the two day fields is {@code ?}. Anything else is refused rather
 * than guessed at, so a schedule this class cannot read is "cannot tell", never a pass.
 */
final class RotationCron {
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP",
            "OCT", "NOV", "DEC");
    private static final List<String> WEEKDAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private final BitSet hours;
    private final BitSet months;
    private final Predicate<LocalDate> day;

    private RotationCron(BitSet hours, BitSet months, Predicate<LocalDate> day) {
        this.hours = hours;
        this.months = months;
        this.day = day;
    }

    /** @param fields what is inside {@code cron(...)} */
    static RotationCron parse(String fields) {
        String[] f = fields.trim().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("a cron has six fields (minutes hours day-of-month month day-of-week year)");
        }
        if (!f[0].equals("0")) {
            throw new IllegalArgumentException("the minutes field must be 0: rotation windows open on the hour");
        }
        if (!f[5].equals("*")) {
            throw new IllegalArgumentException("the year field must be *");
        }
        BitSet hours = values(f[1], 0, 23, List.of(), "hours");
        BitSet months = values(f[3], 1, 12, MONTHS, "month");
        boolean anyDom = f[2].equals("?");
        boolean anyDow = f[4].equals("?");
        if (anyDom == anyDow) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?");
        }
        return new RotationCron(hours, months, anyDom ? dayOfWeek(f[4]) : dayOfMonth(f[2]));
    }

    /** A schedule "in hours" (more than one window a day): its default window closes after an hour. */
    boolean severalADay() {
        return hours.cardinality() > 1;
    }

    /** The first window opening strictly after {@code after}, looking {@code days} days ahead at most. */
    Optional<Instant> firstAfter(Instant after, int days) {
        LocalDate start = LocalDate.ofInstant(after, ZoneOffset.UTC);
        for (LocalDate d = start; !d.isAfter(start.plusDays(days)); d = d.plusDays(1)) {
            if (!months.get(d.getMonthValue()) || !day.test(d)) {
                continue;
            }
            for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                Instant opens = d.atTime(h, 0).toInstant(ZoneOffset.UTC);
                if (opens.isAfter(after)) {
                    return Optional.of(opens);
                }
            }
        }
        return Optional.empty();
    }

    private static Predicate<LocalDate> dayOfMonth(String field) {
        if (field.equals("L")) {
            return d -> d.getDayOfMonth() == d.lengthOfMonth();
        }
        BitSet days = values(field, 1, 31, List.of(), "day-of-month");
        return d -> days.get(d.getDayOfMonth());
    }

    private static Predicate<LocalDate> dayOfWeek(String field) {
        if (field.equals("L")) {
            return d -> d.getDayOfWeek() == DayOfWeek.SATURDAY;
        }
        if (field.matches("[^,]+#[1-5]")) {
            DayOfWeek weekday = weekday(field.substring(0, field.indexOf('#')));
            int nth = Integer.parseInt(field.substring(field.indexOf('#') + 1));
            // In a month with only four such weekdays, the fifth falls in the next month and so matches no day here.
            return d -> d.equals(d.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday)));
        }
        if (field.matches("[^,]+L")) {
            DayOfWeek weekday = weekday(field.substring(0, field.length() - 1));
            return d -> d.equals(d.with(TemporalAdjusters.lastInMonth(weekday)));
        }
        BitSet days = values(field, 1, 7, WEEKDAYS, "day-of-week");
        return d -> days.get(d.getDayOfWeek().getValue() % 7 + 1);
    }

    private static DayOfWeek weekday(String text) {
        int cron = value(text, 1, 7, WEEKDAYS, "day-of-week");
        return DayOfWeek.of((cron + 5) % 7 + 1);
    }

    /** A list of {@code *}, {@code n}, {@code a-b}, each optionally {@code /step}, as the set of values it names. */
    private static BitSet values(String field, int min, int max, List<String> names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            String[] stepped = item.split("/", -1);
            if (stepped.length > 2) {
                throw new IllegalArgumentException("the " + what + " field has a malformed item");
            }
            int from;
            int to;
            if (stepped[0].equals("*")) {
                from = min;
                to = max;
            } else if (stepped[0].contains("-")) {
                String[] range = stepped[0].split("-", -1);
                if (range.length != 2) {
                    throw new IllegalArgumentException("the " + what + " field has a malformed range");
                }
                from = value(range[0], min, max, names, what);
                to = value(range[1], min, max, names, what);
                if (from > to) {
                    throw new IllegalArgumentException("the " + what + " field has a range that runs backwards");
                }
            } else {
                from = value(stepped[0], min, max, names, what);
                to = stepped.length == 2 ? max : from;
            }
            int step = stepped.length == 2 ? value(stepped[1], 1, max, List.of(), what + " step") : 1;
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int value(String text, int min, int max, List<String> names, String what) {
        int named = names.indexOf(text.toUpperCase(Locale.ROOT));
        if (named >= 0) {
            return named + min;
        }
        if (!text.matches("\\d{1,2}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("the " + what + " field takes " + min + " to " + max
                    + (names.isEmpty() ? "" : " or " + names.getFirst() + " to " + names.getLast()));
        }
        return Integer.parseInt(text);
    }
}

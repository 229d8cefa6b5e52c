package dev.shepherd.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Daily spend as a row of block characters (U+2581 to U+2588), lowest day to highest: a trend read at a glance in
 * Slack, Teams and email, which all render these characters in plain text. Scaled from the lowest day to the
 * highest, so a rise reads as a rise even when every day costs something; the notice states both figures beside it.
 */
public final class Sparkline {
    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    /** A month at most; older days are dropped from the front. */
    static final int MAX_DAYS = 31;

    private Sparkline() {
    }

    public static String of(List<BigDecimal> days) {
        List<BigDecimal> shown = days.size() > MAX_DAYS ? days.subList(days.size() - MAX_DAYS, days.size()) : days;
        if (shown.isEmpty()) {
            return "";
        }
        BigDecimal low = shown.stream().reduce(BigDecimal::min).orElseThrow();
        BigDecimal high = shown.stream().reduce(BigDecimal::max).orElseThrow();
        BigDecimal range = high.subtract(low);
        StringBuilder line = new StringBuilder(shown.size());
        for (BigDecimal day : shown) {
            int bar = range.signum() == 0 ? BARS.length / 2 - 1 : day.subtract(low).multiply(BigDecimal.valueOf(BARS.length - 1))
                    .divide(range, 0, RoundingMode.HALF_UP).intValue();
            line.append(BARS[bar]);
        }
        return line.toString();
    }
}

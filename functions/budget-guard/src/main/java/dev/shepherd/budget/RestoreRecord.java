package dev.shepherd.budget;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service looked like before Shepherd scaled it to zero, kept in the service's own tag
 * {@value ScaleToZero#RESTORE_TAG} so that the record lives and dies with the service and needs no table.
 *
 * <p>The value is {@code v1 desired=3} or, with an auto-scaling target, {@code v1 desired=3 min=2 max=6 suspend=-}
 * ({@code suspend} lists the flags that were already suspended: {@code i} dynamic scale-in, {@code o} dynamic
 * scale-out, {@code s} scheduled; {@code -} for none). Not JSON: ECS tag values may hold only letters, numbers,
 * spaces and {@code + - = . _ : / @}. Anyone who may tag the service writes this value, so it is parsed strictly:
 * anything else is refused rather than restored from.
 */
public record RestoreRecord(int desiredCount, Scaling scaling) {
    private static final Pattern FORM = Pattern.compile(
            "v1 desired=(\\d{1,9})(?: min=(\\d{1,9}) max=(\\d{1,9}) suspend=(-|i?o?s?))?");

    /** An auto-scaling target's limits and suspended flags. */
    public record Scaling(int min, int max, boolean scaleInSuspended, boolean scaleOutSuspended,
            boolean scheduledSuspended) {
        public Scaling {
            if (min < 0 || min > max) {
                throw new IllegalArgumentException("scaling limits need 0 <= min <= max, not " + min + ".." + max);
            }
        }

        String flags() {
            String f = (scaleInSuspended ? "i" : "") + (scaleOutSuspended ? "o" : "") + (scheduledSuspended ? "s" : "");
            return f.isEmpty() ? "-" : f;
        }
    }

    public RestoreRecord {
        if (desiredCount < 0) {
            throw new IllegalArgumentException("desired count must be at least 0, not " + desiredCount);
        }
    }

    public String encode() {
        return "v1 desired=" + desiredCount + (scaling == null ? ""
                : " min=" + scaling.min() + " max=" + scaling.max() + " suspend=" + scaling.flags());
    }

    /** The record a tag value holds; IllegalArgumentException (not quoting the value) when it is not one. */
    public static RestoreRecord decode(String value) {
        Matcher m = value == null ? null : FORM.matcher(value);
        if (m == null || !m.matches() || m.group(4) != null && m.group(4).isEmpty()) {
            throw new IllegalArgumentException("the restore record is not of the form 'v1 desired=N[ min=N max=N "
                    + "suspend=-|ios]'");
        }
        // At most nine digits: every number fits an int.
        Scaling scaling = m.group(2) == null ? null : new Scaling(Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), m.group(4).contains("i"), m.group(4).contains("o"),
                m.group(4).contains("s"));
        return new RestoreRecord(Integer.parseInt(m.group(1)), scaling);
    }
}

package dev.shepherd.core.notify;

import java.util.Locale;
import java.util.Optional;

/** How urgent a notice is; routes pick channels by it. */
public enum Severity {
    CRITICAL("critical"),
    HIGH("error"),
    MEDIUM("warning"),
    LOW("info");

    private final String pagerDuty;

    Severity(String pagerDuty) {
        this.pagerDuty = pagerDuty;
    }

    /** The name in route files, tags and SNS message attributes: {@code critical}, {@code high}, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** PagerDuty Events API v2 {@code payload.severity}: critical, error, warning or info. */
    public String pagerDuty() {
        return pagerDuty;
    }

    /** The severity a wire name (any case, surrounding blanks ignored) stands for. */
    public static Optional<Severity> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (Severity s : values()) {
            if (s.wire().equals(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}

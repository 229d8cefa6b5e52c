package dev.shepherd.alarm;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.chrono.IsoChronology;

/**
 * CloudWatch's two timestamp spellings: {@code 2025-06-18T09:41:07.318+0000} (state timestamps, offset without a
 * colon, which {@link Instant#parse} refuses) and ISO {@code 2025-06-18T09:41:07Z} / {@code +00:00}.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendPattern("[XXX][XX]")
            .toFormatter()
            .withChronology(IsoChronology.INSTANCE)
            .withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /** @return the instant, or null when the text is not a timestamp with an offset */
    static Instant parse(String text) {
        if (text == null || text.length() > 64) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, FORMAT).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

package dev.shepherd.core;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The two timestamp forms AWS event payloads use, each parsed with its own explicit pattern: ISO instants ending in
 * {@code Z} (EventBridge {@code time}, the SNS {@code Timestamp}) and CloudWatch's millisecond form with a colon-less
 * offset, {@code 2023-08-04T12:36:15.490+0000} (alarm state timestamps, the alarm action's {@code time}), which
 * {@link Instant#parse} refuses.
 */
public final class Timestamps {
    /** {@code yyyy-MM-dd'T'HH:mm:ss.SSSZ}, strict: a 30 February is an error, not the 28th. */
    private static final DateTimeFormatter CLOUDWATCH =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSZ").withResolverStyle(ResolverStyle.STRICT);

    private Timestamps() {
    }

    /**
     * @throws IllegalArgumentException when the text is in neither form; the message never quotes the text
     */
    public static Instant parse(String text) {
        try {
            return text.endsWith("Z") ? Instant.parse(text) : OffsetDateTime.parse(text, CLOUDWATCH).toInstant();
        } catch (DateTimeParseException e) {
            // The JDK's message quotes the text.
            throw new IllegalArgumentException("not a timestamp of the form 2019-10-02T17:04:40Z or"
                    + " 2023-08-04T12:36:15.490+0000");
        }
    }
}

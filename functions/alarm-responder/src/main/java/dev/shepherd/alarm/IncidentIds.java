package dev.shepherd.alarm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic, short names for alarms and their incidents: an alarm ARN can be 300+ characters of any text,
 * too long and too free in its characters for a schedule name (64 of {@code [0-9a-zA-Z-_.]}).
 * An incident is {@code i-<alarm hash>-<epoch millis of the ALARM that opened it>}, so every retry and every
 * delivery path of that ALARM derives the same id.
 */
final class IncidentIds {
    /** 16 hex digits of SHA-256: 64 bits, no collision among any realistic number of alarms. */
    private static final int HASH_HEX = 16;
    private static final Pattern INCIDENT = Pattern.compile("i-([0-9a-f]{16})-([0-9]{1,19})");
    /** Partition, region, 12-digit account, then the alarm name: 1 to 255 characters, no control characters. */
    private static final Pattern ALARM_ARN = Pattern.compile(
            "arn:aws[a-z-]{0,20}:cloudwatch:[a-z0-9-]{1,30}:\\d{12}:alarm:[^\\p{Cntrl}]{1,255}");

    private IncidentIds() {
    }

    static String alarmHash(String alarmArn) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(alarmArn.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String incidentId(String alarmArn, Instant openedAt) {
        return "i-" + alarmHash(alarmArn) + "-" + openedAt.toEpochMilli();
    }

    /** When the incident opened: the state timestamp of the ALARM its id was derived from. */
    static Instant openedAt(String incidentId) {
        Matcher m = INCIDENT.matcher(incidentId);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an incident id");
        }
        return Instant.ofEpochMilli(Long.parseLong(m.group(2)));
    }

    static boolean isAlarmArn(String text) {
        return ALARM_ARN.matcher(text).matches();
    }

    /** Whether the text is an incident id of that alarm (well formed, with the alarm's hash). */
    static boolean belongsTo(String incidentId, String alarmArn) {
        Matcher m = INCIDENT.matcher(incidentId);
        return m.matches() && m.group(1).equals(alarmHash(alarmArn));
    }
}

package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.alarm.AlarmChange.Value;
import dev.shepherd.core.Timestamps;
import java.time.Instant;

/**
 * Typed reads from an alarm payload, each naming its field by path ({@code state.timestamp}) so that a problem can
 * be reported without quoting the payload. A JSON null reads as absent ({@code AlarmDescription} may be null).
 * Caps are far above CloudWatch's own limits: they only stop absurd input.
 */
final class Fields {
    /** Names, ids, namespaces, dimension values, expressions (CloudWatch allows at most 2048 for expressions). */
    static final int MAX_TOKEN = 2048;
    /** Prose shown to people (description: 1024 allowed; reason: 1023): longer text is cut, not refused. */
    static final int MAX_PROSE = 4096;

    private Fields() {
    }

    /** Why a payload cannot be parsed; the message names fields only. */
    static final class Malformed extends RuntimeException {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    static JsonNode field(JsonNode obj, String name) {
        JsonNode v = obj == null ? null : obj.get(name);
        return v == null || v.isNull() ? null : v;
    }

    static String text(JsonNode obj, String name, String path) {
        JsonNode v = field(obj, name);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new Malformed(path + " is not a string");
        }
        return v.textValue();
    }

    /** An identifier-like string: over {@link #MAX_TOKEN} is refused, since a cut name would name something else. */
    static String token(JsonNode obj, String name, String path) {
        return capped(text(obj, name, path), MAX_TOKEN, path);
    }

    static String capped(String s, int max, String path) {
        if (s != null && s.length() > max) {
            throw new Malformed(path + " is over " + max + " characters");
        }
        return s;
    }

    static String required(JsonNode obj, String name, String path) {
        String s = token(obj, name, path);
        if (s == null || s.isEmpty()) {
            throw new Malformed(path + " is missing");
        }
        return s;
    }

    /** Text for people: kept verbatim up to {@link #MAX_PROSE}, cut beyond. */
    static String prose(JsonNode obj, String name, String path) {
        String s = text(obj, name, path);
        if (s == null || s.length() <= MAX_PROSE) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(MAX_PROSE - 1)) ? MAX_PROSE - 1 : MAX_PROSE;
        return s.substring(0, end) + "…";
    }

    static Integer integer(JsonNode obj, String name, String path) {
        JsonNode v = field(obj, name);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new Malformed(path + " is not an integer");
        }
        return v.intValue();
    }

    static Boolean bool(JsonNode obj, String name, String path) {
        JsonNode v = field(obj, name);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new Malformed(path + " is not a boolean");
        }
        return v.booleanValue();
    }

    static JsonNode object(JsonNode obj, String name, String path) {
        JsonNode v = field(obj, name);
        if (v != null && !v.isObject()) {
            throw new Malformed(path + " is not an object");
        }
        return v;
    }

    static JsonNode requiredObject(JsonNode obj, String name, String path) {
        JsonNode v = object(obj, name, path);
        if (v == null) {
            throw new Malformed(path + " is missing");
        }
        return v;
    }

    static JsonNode array(JsonNode obj, String name, String path, int max) {
        return list(field(obj, name), path, max);
    }

    /** @return the node when it is a list of at most {@code max} entries; null for null */
    static JsonNode list(JsonNode v, String path, int max) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new Malformed(path + " is not a list");
        }
        if (v.size() > max) {
            throw new Malformed(path + " has more than " + max + " entries");
        }
        return v;
    }

    static Instant instant(JsonNode obj, String name, String path) {
        String s = text(obj, name, path);
        if (s == null) {
            return null;
        }
        try {
            return Timestamps.parse(s);
        } catch (IllegalArgumentException e) {
            throw new Malformed(path + " is not a timestamp");
        }
    }

    static Instant requiredInstant(JsonNode obj, String name, String path) {
        Instant t = instant(obj, name, path);
        if (t == null) {
            throw new Malformed(path + " is missing");
        }
        return t;
    }

    static Value stateValue(JsonNode obj, String name, String path) {
        String s = text(obj, name, path);
        if (s == null) {
            throw new Malformed(path + " is missing");
        }
        return switch (s) {
            case "OK" -> Value.OK;
            case "ALARM" -> Value.ALARM;
            case "INSUFFICIENT_DATA" -> Value.INSUFFICIENT_DATA;
            default -> throw new Malformed(path + " is not OK, ALARM or INSUFFICIENT_DATA");
        };
    }
}

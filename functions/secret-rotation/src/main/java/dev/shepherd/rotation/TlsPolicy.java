package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * How to connect, from the secret's {@code ssl} key, with the meaning AWS's rotation functions give it: a JSON
 * boolean or the string "true"/"false" (any case) is obeyed exactly; absent or anything else means try TLS
 * first and fall back to a plain connection, which is logged as a warning.
 */
public enum TlsPolicy {
    REQUIRED(List.of(true)), DISABLED(List.of(false)), PREFERRED(List.of(true, false));

    private final List<Boolean> attempts;

    TlsPolicy(List<Boolean> attempts) {
        this.attempts = attempts;
    }

    /** Whether each connection attempt, in order, uses TLS. */
    public List<Boolean> attempts() {
        return attempts;
    }

    public static TlsPolicy of(JsonNode ssl) {
        if (ssl == null || ssl.isNull()) {
            return PREFERRED;
        }
        if (ssl.isBoolean()) {
            return ssl.booleanValue() ? REQUIRED : DISABLED;
        }
        if (ssl.isTextual()) {
            return switch (ssl.textValue().toLowerCase(Locale.ROOT)) {
                case "true" -> REQUIRED;
                case "false" -> DISABLED;
                default -> PREFERRED;
            };
        }
        return PREFERRED;
    }
}

package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How to connect, from the secret's {@code ssl} key, with the meaning AWS's rotation functions give it: a JSON
 * boolean or the string "true"/"false" (any case) is obeyed exactly; absent or anything else means try TLS
 * first and fall back to a plain connection only if the server refuses TLS (see {@link DatabaseLogin#open}).
 */
public enum TlsPolicy {
    REQUIRED, DISABLED, PREFERRED;

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

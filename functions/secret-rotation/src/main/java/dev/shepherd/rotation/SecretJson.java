package dev.shepherd.rotation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.util.Optional;

/**
 * Reads a secret value meant as a JSON object. A value that starts with {@code {} is taken to be one, so a typo
 * (a trailing comma) fails the step instead of turning the secret into a plain string. Jackson's messages can
 * quote the input (an unrecognised token may be part of a password), so errors give only the kind and position.
 */
final class SecretJson {
    private SecretJson() {
    }

    /** The value as a JSON object; empty when it does not start with {@code {} (after whitespace). */
    static Optional<ObjectNode> object(String value, String what) {
        if (!value.stripLeading().startsWith("{")) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) Json.MAPPER.readTree(value));
        } catch (JsonProcessingException e) {
            throw new RotationException(what + " starts with '{' but is not valid JSON (" + Json.problem(e)
                    + "); nothing was changed");
        }
    }
}

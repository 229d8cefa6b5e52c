package dev.shepherd.rotation;

import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated rotation call. The rotation token is kept out of {@link #toString()} (and so out of logs): it
 * proves where the request came from and Secrets Manager treats it as sensitive.
 */
public record RotationRequest(String secretId, String token, Step step, Optional<String> rotationToken) {
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[ -~]+");

    /**
     * The event as Secrets Manager sends it, read strictly (a duplicate key or a field of the wrong type is an
     * error, not coerced); fields it may add later are ignored. Errors never quote the event: it may carry the
     * RotationToken.
     */
    public static RotationRequest parse(byte[] raw) {
        JsonNode event;
        try {
            event = Json.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new RotationException("The rotation event is not one valid JSON document (" + e.getMessage() + ")");
        }
        if (!event.isObject()) {
            throw new RotationException("The rotation event is not a JSON object");
        }
        String secretId = required("SecretId", text(event, "SecretId"));
        String token = required("ClientRequestToken", text(event, "ClientRequestToken"));
        Step step = Step.fromWire(required("Step", text(event, "Step")));
        String rotationToken = text(event, "RotationToken");
        return new RotationRequest(secretId, token, step,
                rotationToken == null || rotationToken.isBlank() ? Optional.empty() : Optional.of(rotationToken));
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RotationException("The rotation event's " + field + " is not a string");
        }
        return value.textValue();
    }

    /** An event built in-process (the local demo, tests), checked like one that arrived. */
    public static RotationRequest of(SecretsManagerRotationEvent event) {
        if (event == null) {
            throw new RotationException("The rotation event is empty");
        }
        String secretId = required("SecretId", event.getSecretId());
        String token = required("ClientRequestToken", event.getClientRequestToken());
        Step step = Step.fromWire(required("Step", event.getStep()));
        String rotationToken = event.getRotationToken();
        return new RotationRequest(secretId, token, step,
                rotationToken == null || rotationToken.isBlank() ? Optional.empty() : Optional.of(rotationToken));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RotationException("The rotation event has no " + field);
        }
        if (!PRINTABLE_ASCII.matcher(value).matches()) {
            throw new RotationException("The rotation event's " + field + " contains characters other than printable ASCII");
        }
        return value;
    }

    @Override
    public String toString() {
        return "RotationRequest[secretId=" + secretId + ", token=" + token + ", step=" + step.wire()
                + ", rotationToken=" + (rotationToken.isPresent() ? "present" : "absent") + "]";
    }
}

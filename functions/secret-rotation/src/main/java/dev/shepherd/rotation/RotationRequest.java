package dev.shepherd.rotation;

import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One validated rotation call. The rotation token is kept out of {@link #toString()} (and so out of logs): it
 * proves where the request came from and Secrets Manager treats it as sensitive.
 */
public record RotationRequest(String secretId, String token, Step step, Optional<String> rotationToken) {
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[ -~]+");

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

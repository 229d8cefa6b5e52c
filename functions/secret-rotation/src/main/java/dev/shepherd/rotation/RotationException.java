package dev.shepherd.rotation;

/**
 * A rotation step that cannot succeed. Thrown, never returned: Secrets Manager counts only a thrown error as a
 * failed step. Messages name the secret, version, user or host involved, never a secret value.
 */
public final class RotationException extends RuntimeException {
    public RotationException(String message) {
        super(message);
    }
}

package dev.shepherd.local;

/** The function itself failed: its init or handler threw, its event did not deserialise, or it timed out. */
public final class FunctionError extends Exception {
    public FunctionError(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.shepherd.core.notify;

/** A channel's secret cannot be read or is malformed; the message names the secret id, never its value. */
final class SecretProblem extends Exception {
    SecretProblem(String message) {
        super(message);
    }
}

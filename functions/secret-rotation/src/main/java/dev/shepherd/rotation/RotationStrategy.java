package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;

/**
 * What differs between kinds of secret. Every method may run again for the same token (Secrets Manager retries
 * the whole rotation), so each must be safe to repeat. Each returns its decision in plain words, for the log.
 */
interface RotationStrategy {
    /** The value for the new pending version, derived from the current one. */
    String newValue(String current);

    /** Checks a pending value written by an earlier attempt before it is reused. */
    void checkPending(String pending);

    /** Makes the pending value valid where it is used (the database). */
    String set(String secretId, String current, String pending, Deadline deadline);

    /** Proves the pending value works. */
    String test(String secretId, String pending, Deadline deadline);
}

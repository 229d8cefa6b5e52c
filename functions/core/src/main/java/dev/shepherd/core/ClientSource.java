package dev.shepherd.core;

import software.amazon.awssdk.core.SdkClient;

/** Where a function gets its AWS clients: the real SDK in Lambda, the sandbox locally and in tests. */
public interface ClientSource {
    <T extends SdkClient> T client(Class<T> type);

    /**
     * A client whose SDK sends each call once and never retries it, for calls that are not idempotent (Lambda
     * Invoke). A source that cannot promise that refuses.
     */
    default <T extends SdkClient> T clientWithoutRetries(Class<T> type) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " builds no clients without retries");
    }
}

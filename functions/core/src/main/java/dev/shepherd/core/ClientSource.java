package dev.shepherd.core;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/** Where a function gets its AWS clients: the real SDK in Lambda, the sandbox locally and in tests. */
public interface ClientSource {
    <T extends SdkClient> T client(Class<T> type);

    /**
     * A client for {@code region} rather than the function's own (a check of the DR Region's copies). A global
     * service's client is the same whatever the Region. A source that keeps one Region only refuses.
     */
    default <T extends SdkClient> T client(Class<T> type, Region region) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " builds no clients for other Regions");
    }

    /**
     * Clients signed as {@code roleArn}, a role in another account that trusts this function's: what a check of
     * member accounts reads with. A source that cannot assume roles refuses.
     *
     * @param sessionName names the session in the member account's CloudTrail
     */
    default ClientSource assumingRole(String roleArn, String sessionName) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " assumes no roles");
    }

    /**
     * A client whose SDK sends each call once and never retries it, for calls that are not idempotent (Lambda
     * Invoke). A source that cannot promise that refuses.
     */
    default <T extends SdkClient> T clientWithoutRetries(Class<T> type) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " builds no clients without retries");
    }
}

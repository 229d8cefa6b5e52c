package dev.shepherd.core;

import software.amazon.awssdk.core.SdkClient;

/** Where a function gets its AWS clients: the real SDK in Lambda, the sandbox locally and in tests. */
public interface ClientSource {
    <T extends SdkClient> T client(Class<T> type);
}

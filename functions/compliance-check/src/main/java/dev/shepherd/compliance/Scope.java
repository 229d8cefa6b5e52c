package dev.shepherd.compliance;

import dev.shepherd.core.ClientSource;
import java.util.Objects;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where one family of checks looks: an account (the function's, or a member account reached through its read-only
 * role), one of its home Regions, and the DR Region its copies must reach.
 *
 * @param environment the environment the account holds (dev, staging, prod), for the report and the parity check
 * @param clients     clients signed for {@code account}
 */
record Scope(String account, String environment, Region region, Region drRegion, ClientSource clients) {
    Scope {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(drRegion, "drRegion");
        Objects.requireNonNull(clients, "clients");
    }

    /** A client in the home Region. */
    <T extends SdkClient> T client(Class<T> type) {
        return clients.client(type, region);
    }

    /** A client in the DR Region. */
    <T extends SdkClient> T drClient(Class<T> type) {
        return clients.client(type, drRegion);
    }

    /** How results name this scope: {@code 111122223333/eu-west-1}. */
    String label() {
        return account + "/" + region.id();
    }

    /** How results name a resource here: {@code 111122223333/eu-west-1/orders-db}. */
    String resource(String id) {
        return label() + "/" + id;
    }
}

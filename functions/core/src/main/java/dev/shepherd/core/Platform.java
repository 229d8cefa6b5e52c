package dev.shepherd.core;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a function reads from outside itself: environment variables, AWS clients and time.
 * In Lambda it is the process environment and real SDK clients; the local runner, the benchmark
 * and tests {@link #install} their own before constructing a handler, so the handler's no-argument
 * constructor runs unchanged everywhere.
 */
public final class Platform {
    private static volatile Platform installed;

    private final Map<String, String> env;
    private final ClientSource clients;
    private final Clock clock;

    public Platform(Map<String, String> env, ClientSource clients, Clock clock) {
        this.env = Map.copyOf(env);
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The installed platform, or the real one built from the process environment. */
    public static Platform current() {
        Platform p = installed;
        if (p == null) {
            synchronized (Platform.class) {
                if (installed == null) {
                    installed = new Platform(System.getenv(), new AwsClients(System.getenv(), CallJournal.discarding()),
                            Clock.systemUTC());
                }
                p = installed;
            }
        }
        return p;
    }

    /** Replaces the platform handlers see; returns the previous one (null if none was built yet). */
    public static synchronized Platform install(Platform platform) {
        Platform previous = installed;
        installed = platform;
        return previous;
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /** Running in Lambda (or a faithful emulation of it): the Runtime API, which listens on loopback, is there. */
    public boolean inLambda() {
        return env("AWS_LAMBDA_RUNTIME_API") != null;
    }

    public Map<String, String> env() {
        return env;
    }

    public <T extends software.amazon.awssdk.core.SdkClient> T client(Class<T> type) {
        return clients.client(type);
    }

    /** See {@link ClientSource#client(Class, software.amazon.awssdk.regions.Region)}. */
    public <T extends software.amazon.awssdk.core.SdkClient> T client(Class<T> type,
            software.amazon.awssdk.regions.Region region) {
        return clients.client(type, region);
    }

    /** See {@link ClientSource#clientWithoutRetries}. */
    public <T extends software.amazon.awssdk.core.SdkClient> T clientWithoutRetries(Class<T> type) {
        return clients.clientWithoutRetries(type);
    }

    /** Where the clients come from, for code that needs other Regions' or other accounts' clients. */
    public ClientSource clients() {
        return clients;
    }

    public Clock clock() {
        return clock;
    }
}

package dev.shepherd.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A resolver for tests (installed through META-INF/services in the core test jar, so every module whose tests use
 * that jar gets it): names under {@code .shepherd.test} answer what a test scripted, one answer per lookup, the
 * last one repeating; every other name goes to the system resolver. It lets a test be a DNS server that changes its
 * answer between two lookups (rebinding) without leaving the machine.
 */
public final class TestDns extends InetAddressResolverProvider {
    private static final Map<String, Deque<String>> ANSWERS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> LOOKUPS = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DELAYS = new ConcurrentHashMap<>();

    /** Scripts {@code name}'s answers: the i-th lookup gets {@code addresses[i]}, later ones the last. */
    public static void answer(String name, String... addresses) {
        if (!name.endsWith(".shepherd.test")) {
            throw new IllegalArgumentException("test names end in .shepherd.test");
        }
        ANSWERS.put(name, new ArrayDeque<>(List.of(addresses)));
        LOOKUPS.put(name, new AtomicInteger());
    }

    /** Makes every lookup of {@code name} wait {@code delay} before answering, like a name server that stalls. */
    public static void stall(String name, Duration delay, String address) {
        answer(name, address);
        DELAYS.put(name, delay);
    }

    public static int lookups(String name) {
        AtomicInteger n = LOOKUPS.get(name);
        return n == null ? 0 : n.get();
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                Deque<String> answers = ANSWERS.get(host);
                if (answers == null) {
                    if (host.endsWith(".shepherd.test")) {
                        throw new UnknownHostException(host);
                    }
                    return system.lookupByName(host, policy);
                }
                LOOKUPS.get(host).incrementAndGet();
                Duration delay = DELAYS.get(host);
                if (delay != null) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UnknownHostException(host);
                    }
                }
                String next;
                synchronized (answers) {
                    next = answers.size() > 1 ? answers.poll() : answers.peek();
                }
                return Stream.of(InetAddress.getByAddress(host, InetAddress.getByName(next).getAddress()));
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return system.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "shepherd-test-dns";
    }
}

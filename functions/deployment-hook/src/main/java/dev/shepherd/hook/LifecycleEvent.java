package dev.shepherd.hook;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/** The CodeDeploy lifecycle events a validation hook can serve, and the compute platforms that have them. */
public enum LifecycleEvent {
    BeforeInstall(Set.of("ECS")),
    AfterInstall(Set.of("ECS")),
    AfterAllowTestTraffic(Set.of("ECS")),
    BeforeAllowTraffic(Set.of("ECS", "Lambda")),
    AfterAllowTraffic(Set.of("ECS", "Lambda"));

    private final Set<String> platforms;

    LifecycleEvent(Set<String> platforms) {
        this.platforms = platforms;
    }

    public boolean validFor(String computePlatform) {
        return platforms.contains(computePlatform);
    }

    /** Before test traffic reaches the replacement, the test listener still routes to the original task set. */
    public boolean testTrafficOnReplacement() {
        return compareTo(AfterAllowTestTraffic) >= 0;
    }

    public static Optional<LifecycleEvent> parse(String name) {
        return Arrays.stream(values()).filter(e -> e.name().equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.toString(values());
    }
}

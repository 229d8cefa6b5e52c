package dev.shepherd.hook;

import java.util.Arrays;
import java.util.Optional;

/** The ECS native blue/green lifecycle stages that can invoke a Lambda hook, in deployment order. */
public enum EcsStage {
    RECONCILE_SERVICE,
    PRE_SCALE_UP,
    POST_SCALE_UP,
    TEST_TRAFFIC_SHIFT,
    POST_TEST_TRAFFIC_SHIFT,
    PRE_PRODUCTION_TRAFFIC_SHIFT,
    PRODUCTION_TRAFFIC_SHIFT,
    POST_PRODUCTION_TRAFFIC_SHIFT;

    /** Only once test traffic has fully shifted does the test listener rule reach the green revision. */
    public boolean testTrafficOnGreen() {
        return compareTo(POST_TEST_TRAFFIC_SHIFT) >= 0;
    }

    /** SCALE_UP, BAKE_TIME and CLEAN_UP exist but cannot invoke a hook, so they parse as unknown. */
    public static Optional<EcsStage> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}

package dev.shepherd.hook;

import dev.shepherd.core.Config;
import dev.shepherd.core.Platform;
import java.time.Duration;
import java.util.Optional;

/**
 * The hook's environment, validated at init with every problem in one message.
 *
 * @param hookEvent     the CodeDeploy lifecycle event this function serves ({@code HOOK_EVENT}); optional
 *                      because an ECS native hook reads its stage from the event, but a CodeDeploy
 *                      invocation without it fails closed
 * @param reportReserve time kept back from the Lambda deadline for reporting ({@code REPORT_RESERVE_SECONDS}),
 *                      less than the function's timeout ({@code FUNCTION_TIMEOUT_SECONDS}) when that is given
 * @param allowLoopback lets HTTP checks reach 127.0.0.0/8 and ::1 ({@code HTTP_ALLOW_LOOPBACK}); for local
 *                      sandbox runs only, refused in Lambda, where the Runtime API listens on loopback
 */
public record HookConfig(String environment, Optional<LifecycleEvent> hookEvent, Duration reportReserve,
        boolean allowLoopback) {

    /** The function's Timeout in seconds, as template.yaml passes it. */
    static final String TIMEOUT = "FUNCTION_TIMEOUT_SECONDS";

    public static HookConfig load(Platform platform) {
        Config config = new Config(platform);
        String environment = config.environment();
        String eventName = platform.env("HOOK_EVENT");
        Optional<LifecycleEvent> hookEvent = Optional.empty();
        if (eventName != null) {
            hookEvent = LifecycleEvent.parse(eventName);
            if (hookEvent.isEmpty()) {
                config.problem("HOOK_EVENT is '" + eventName + "', expected one of " + LifecycleEvent.names());
            }
        }
        int reserve = config.integer("REPORT_RESERVE_SECONDS", 30, 1, 600);
        // Lambda passes no timeout variable; template.yaml sets this to the function's Timeout.
        if (platform.env(TIMEOUT) != null) {
            int timeout = config.integer(TIMEOUT, 0, 1, 900);
            if (timeout >= 1 && timeout <= 900 && reserve >= timeout) {
                config.problem("REPORT_RESERVE_SECONDS is " + reserve + ", which leaves no time for validation within"
                        + " the function's " + timeout + " s timeout (" + TIMEOUT + ")");
            }
        }
        boolean loopback = config.loopbackAllowed();
        config.validate();
        return new HookConfig(environment, hookEvent, Duration.ofSeconds(reserve), loopback);
    }
}

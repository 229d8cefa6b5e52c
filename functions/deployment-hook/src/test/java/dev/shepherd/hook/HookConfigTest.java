package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookConfigTest {
    static HookConfig load(Map<String, String> env) {
        return HookConfig.load(new Platform(env, new Sandbox(), Clock.systemUTC()));
    }

    @Test
    void defaults() {
        HookConfig config = load(Map.of("SHEPHERD_ENVIRONMENT", "prod", "HOOK_EVENT", "BeforeAllowTraffic"));

        assertThat(config.hookEvent()).contains(LifecycleEvent.BeforeAllowTraffic);
        assertThat(config.reportReserve()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.allowLoopback()).isFalse();
    }

    @Test
    void everyProblemIsNamedInOneMessageAtInit() {
        HookHarness h = HookHarness.scenario("hook-ecs-codedeploy.json").env("SHEPHERD_ENVIRONMENT", "qa")
                .env("HOOK_EVENT", "Install").env("REPORT_RESERVE_SECONDS", "soon").env("HTTP_ALLOW_LOOPBACK", "yes");

        assertThatThrownBy(h::construct).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(4);
            assertThat(e.getMessage()).contains("SHEPHERD_ENVIRONMENT is 'qa'", "HOOK_EVENT is 'Install'",
                    "REPORT_RESERVE_SECONDS is 'soon'", "HTTP_ALLOW_LOOPBACK is 'yes'");
        });
    }

    @Test
    void aReserveOutOfRangeIsAProblem() {
        assertThatThrownBy(() -> load(Map.of("SHEPHERD_ENVIRONMENT", "dev", "REPORT_RESERVE_SECONDS", "0")))
                .hasMessageContaining("REPORT_RESERVE_SECONDS is 0, expected 1 to 600");
    }
}

package dev.shepherd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static Config config(Map<String, String> env) {
        ClientSource none = new ClientSource() {
            @Override
            public <T extends software.amazon.awssdk.core.SdkClient> T client(Class<T> type) {
                throw new UnsupportedOperationException(type.getSimpleName());
            }
        };
        return new Config(new Platform(env, none, Clock.systemUTC()));
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        Config config = config(Map.of("SHEPHERD_ENVIRONMENT", "qa", "TIMEOUT", "soon"));
        config.environment();
        config.required("HOOK_EVENT", "the lifecycle event this function serves");
        config.seconds("TIMEOUT", Duration.ofSeconds(1));

        assertThatThrownBy(config::validate).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(3);
            assertThat(e.getMessage()).contains("SHEPHERD_ENVIRONMENT is 'qa'", "HOOK_EVENT is not set", "TIMEOUT is 'soon'");
        });
    }

    @Test
    void validConfigurationPasses() {
        Config config = config(Map.of("SHEPHERD_ENVIRONMENT", "prod", "TIMEOUT", "30"));
        assertThat(config.environment()).isEqualTo("prod");
        assertThat(config.seconds("TIMEOUT", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.integer("ATTEMPTS", 3, 1, 10)).isEqualTo(3);
        config.validate();
    }
}

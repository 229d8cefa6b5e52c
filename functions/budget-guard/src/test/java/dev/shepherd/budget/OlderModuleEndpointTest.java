package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;

/**
 * Application Auto Scaling is a service module older than the SDK core: core's factory gives it its standard regional
 * endpoint ({@code application-autoscaling.<region>}) so that building it loads no metadata of every service.
 */
class OlderModuleEndpointTest {
    private static URI endpoint(Map<String, String> env) {
        return new AwsClients(env, CallJournal.discarding()).client(ApplicationAutoScalingClient.class)
                .serviceClientConfiguration().endpointOverride().orElse(null);
    }

    @Test
    void applicationAutoScalingGetsItsStandardRegionalEndpoint() {
        assertThat(ApplicationAutoScalingClient.SERVICE_METADATA_ID).isEqualTo("application-autoscaling");
        assertThat(endpoint(Map.of("AWS_REGION", "eu-west-1")))
                .isEqualTo(URI.create("https://application-autoscaling.eu-west-1.amazonaws.com"));
        assertThat(endpoint(Map.of("AWS_REGION", "cn-north-1")))
                .isEqualTo(URI.create("https://application-autoscaling.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void theSdksOwnSettingForThisServiceStillWins() {
        assertThat(endpoint(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING",
                "http://127.0.0.1:1"))).isNotEqualTo(URI.create("https://application-autoscaling.eu-west-1.amazonaws.com"));
    }
}

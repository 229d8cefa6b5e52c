package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * CodeDeploy and CloudWatch come from service modules older than the SDK core; core's factory gives them their
 * standard endpoint so that building them loads no metadata of every service (LambdaPackageTest proves the classes).
 */
class OlderModuleEndpointTest {
    private static AwsClients clients(Map<String, String> env) {
        return new AwsClients(env, CallJournal.discarding());
    }

    @Test
    void olderModulesGetTheirStandardRegionalEndpoint() {
        AwsClients clients = clients(Map.of("AWS_REGION", "eu-west-1"));
        assertThat(clients.client(CodeDeployClient.class).serviceClientConfiguration().endpointOverride())
                .contains(URI.create("https://codedeploy.eu-west-1.amazonaws.com"));
        assertThat(clients.client(CloudWatchClient.class).serviceClientConfiguration().endpointOverride())
                .contains(URI.create("https://monitoring.eu-west-1.amazonaws.com"));
        assertThat(clients(Map.of("AWS_REGION", "cn-north-1")).client(CodeDeployClient.class)
                .serviceClientConfiguration().endpointOverride())
                .contains(URI.create("https://codedeploy.cn-north-1.amazonaws.com.cn"));
    }

    @Test
    void theSdksOwnEndpointSettingsStillWinAndCurrentModulesAreLeftAlone() {
        assertThat(clients(Map.of("AWS_REGION", "eu-west-1", "AWS_ENDPOINT_URL_CODEDEPLOY", "http://127.0.0.1:1"))
                .client(CodeDeployClient.class).serviceClientConfiguration().endpointOverride()
                .map(URI::getHost)).isNotEqualTo(java.util.Optional.of("codedeploy.eu-west-1.amazonaws.com"));
        assertThat(clients(Map.of("AWS_REGION", "eu-west-1")).client(EcsClient.class).serviceClientConfiguration()
                .endpointOverride()).isEmpty();
        for (String variant : java.util.List.of("AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT")) {
            assertThat(clients(Map.of("AWS_REGION", "us-east-1", variant, "true")).client(CodeDeployClient.class)
                    .serviceClientConfiguration().endpointOverride()).as(variant).isEmpty();
        }
    }
}

package dev.shepherd.core;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Credentials chosen from what Lambda sets: the container endpoint (SnapStart) served by a real loopback server,
 * the access-key variables (on demand), and nothing at all; each call signed and sent to a wire-level SSM stub.
 */
class LambdaCredentialsTest {
    private static final String TOKEN = "container-authorization-token";
    static WireMockServer ssm;
    HttpServer endpoint;
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        ssm = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(ssm);
    }

    @BeforeEach
    void stubSsm() throws IOException {
        ssm.resetAll();
        ssm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"Parameter\":{\"Name\":\"/shepherd/dev/x\",\"Type\":\"String\",\"Value\":\"42\"}}")));
        // The container credentials endpoint as Lambda runs it: a token-checked GET answering the role's keys.
        endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/2018-06-01/credentials", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(String.valueOf(authorization));
            byte[] body = TOKEN.equals(authorization)
                    ? ("{\"AccessKeyId\":\"ASIASERVEDBYCONTAINER\",\"SecretAccessKey\":\"served-secret\","
                            + "\"Token\":\"served-session-token\",\"Expiration\":\""
                            + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                            .getBytes(StandardCharsets.UTF_8)
                    : "{\"message\":\"bad token\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(TOKEN.equals(authorization) ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.stop(0);
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
    }

    private String fullUri() {
        return "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/2018-06-01/credentials";
    }

    private static Map<String, String> lambda(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "eu-west-1",
                "AWS_LAMBDA_FUNCTION_NAME", "shepherd-test"));
        env.putAll(extra);
        return env;
    }

    private static String getParameter(Map<String, String> env) {
        Platform platform = new Platform(env, new AwsClients(env, CallJournal.recording()), Clock.systemUTC());
        return new Parameters(platform).find("/shepherd/dev/x").orElseThrow();
    }

    @Test
    void underSnapStartTheContainerEndpointsKeysSignTheCall() {
        // The SDK reads the endpoint and token from the process: its system properties stand in for the variables.
        System.setProperty("aws.containerCredentialsFullUri", fullUri());
        System.setProperty("aws.containerAuthorizationToken", TOKEN);
        Map<String, String> env = lambda(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN));

        assertThat(getParameter(env)).isEqualTo("42");

        assertThat(authorizations).containsOnly(TOKEN).isNotEmpty();
        ssm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", matching(".*Credential=ASIASERVEDBYCONTAINER/.*"))
                .withHeader("X-Amz-Security-Token", matching("served-session-token")));
    }

    @Test
    void onDemandTheAccessKeyVariablesSignTheCall() {
        Map<String, String> env = lambda(Map.of("AWS_ACCESS_KEY_ID", "ASIAFROMVARIABLES",
                "AWS_SECRET_ACCESS_KEY", "variable-secret", "AWS_SESSION_TOKEN", "variable-session-token"));

        assertThat(getParameter(env)).isEqualTo("42");

        assertThat(authorizations).isEmpty();
        ssm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", matching(".*Credential=ASIAFROMVARIABLES/.*"))
                .withHeader("X-Amz-Security-Token", matching("variable-session-token")));
    }

    @Test
    void withNeitherInitFailsNamingBoth() {
        assertThatThrownBy(() -> new AwsClients(lambda(Map.of()), CallJournal.recording()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("AWS_CONTAINER_CREDENTIALS_FULL_URI")
                .hasMessageContaining("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void aContainerEndpointWithoutTokenFailsAtInit() {
        System.setProperty("aws.containerCredentialsFullUri", fullUri());
        assertThatThrownBy(() -> new AwsClients(lambda(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri())),
                CallJournal.recording()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    }

    @Test
    void aPlatformEndpointTheSdkWouldNotUseFailsAtInit() {
        Map<String, String> env = lambda(Map.of("AWS_CONTAINER_CREDENTIALS_FULL_URI", fullUri(),
                "AWS_CONTAINER_AUTHORIZATION_TOKEN", TOKEN));
        assertThatThrownBy(() -> new AwsClients(env, CallJournal.recording()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("process environment");
    }

    @Test
    void outsideLambdaTheDefaultChainSignsTheCall() {
        assertThat(getParameter(Map.of("AWS_REGION", "eu-west-1"))).isEqualTo("42");
        ssm.verify(1, postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", matching(".*Credential=AKIDEXAMPLE/.*")));
    }
}

package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP check against real loopback servers: what is retried, what fails at once, where it may go. */
class HttpCheckTest {
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

    static CheckPlan.Http spec(String json) {
        String plan = """
                {"allowedHosts": ["127.0.0.1", "*.example.internal"], "stages": {"S": {"checks": [%s]}}}""".formatted(json);
        return (CheckPlan.Http) CheckPlan.parse(plan, "test").stage("S").orElseThrow().checks().getFirst();
    }

    static CheckResult run(String json) throws Exception {
        return run(json, true, null);
    }

    static CheckResult run(String json, boolean allowLoopback, URI testEndpoint) throws Exception {
        CheckPlan.Http spec = spec(json);
        Deployment deployment = new Deployment() {
            public String greenTargetGroupArn() throws CheckFailure {
                throw new CheckFailure("none");
            }

            public URI testEndpoint() throws CheckFailure {
                if (testEndpoint == null) {
                    throw new CheckFailure("no test endpoint");
                }
                return testEndpoint;
            }

            public FunctionVersion newFunctionVersion() throws CheckFailure {
                throw new CheckFailure("none");
            }
        };
        HttpCheck check = new HttpCheck(spec, deployment,
                new AddressGuard(List.of("127.0.0.1", "*.example.internal", "169.254.169.254", "localhost"), allowLoopback),
                CLIENT);
        return check.run(Deadline.of(Clock.systemUTC(), spec.timeout().toMillis(), Duration.ZERO));
    }

    @Test
    void aHealthyAnswerPasses() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            CheckResult result = run("{\"type\": \"http\", \"url\": \"%s\", \"bodyContains\": \"UP\"}".formatted(server.url("/health")));

            assertThat(result.passed()).isTrue();
            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("GET");
                assertThat(r.path()).isEqualTo("/health");
            });
        }
    }

    @Test
    void aPathIsResolvedOnTheDeploymentsTestEndpoint() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            CheckResult result = run("{\"type\": \"http\", \"path\": \"/ready\", \"method\": \"POST\", \"body\": \"{}\"}",
                    true, URI.create("http://127.0.0.1:" + server.port()));

            assertThat(result.passed()).isTrue();
            assertThat(server.received()).singleElement().satisfies(r -> {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/ready");
            });
        }
    }

    @Test
    void a503FailsAtOnceWithoutRetrying() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"attempts\": 5, \"intervalMillis\": 10}"
                    .formatted(server.url("/health"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("HTTP 503, expected 200");
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aWrongVersionFailsNamingBothValues() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(200, "{\"version\": \"1.4.1\"}"))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"jsonPointer\": \"/version\", \"jsonEquals\": \"1.4.2\"}"
                    .formatted(server.url("/version"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("/version is '1.4.1', expected '1.4.2'");
        }
    }

    @Test
    void aBodyWithoutTheExpectedTextFails() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(200, "maintenance"))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"bodyContains\": \"UP\"}"
                    .formatted(server.url("/health"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("body does not contain 'UP'")
                    .hasMessageNotContaining("maintenance");
        }
    }

    @Test
    void aSlowAnswerFailsOnTheLatencyLimitWithoutRetry() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(200, "{}").after(Duration.ofSeconds(2)))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"maxLatencyMillis\": 300, \"attempts\": 3}"
                    .formatted(server.url("/ready"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("no answer within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aFlappingServerFailsTheConsecutiveSuccessRule() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(200, "{}"), TestServer.Answer.of(500, "{}"),
                TestServer.Answer.of(200, "{}"))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"consecutiveSuccesses\": 3, \"intervalMillis\": 10}"
                    .formatted(server.url("/health"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("HTTP 500");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void consecutiveSuccessesAreCounted() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            CheckResult result = run("{\"type\": \"http\", \"url\": \"%s\", \"consecutiveSuccesses\": 3, \"intervalMillis\": 10}"
                    .formatted(server.url("/health")));

            assertThat(result.passed()).isTrue();
            assertThat(server.received()).hasSize(3);
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (TestServer elsewhere = TestServer.healthy();
                TestServer server = TestServer.answering(new TestServer.Answer(302, "", Duration.ZERO,
                        Map.of("Location", elsewhere.url("/health"))))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\"}".formatted(server.url("/"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("HTTP 302, expected 200");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void resetConnectionsAreRetriedThenTheAnswerCounts() throws Exception {
        // The JDK client itself retries an idempotent request once on a dropped connection, so four resets
        // can only be got through if the check retries too.
        try (ResettingServer server = new ResettingServer(4)) {
            CheckResult result = run("{\"type\": \"http\", \"url\": \"http://127.0.0.1:%d/health\", \"attempts\": 5, \"intervalMillis\": 10}"
                    .formatted(server.port()));

            assertThat(result.passed()).isTrue();
            assertThat(result.reason()).containsPattern("after [1-4] transport error");
            assertThat(server.connections()).isEqualTo(5);
        }
    }

    @Test
    void aTlsHandshakeThatNeverCompletesIsATransportErrorRetriedThenFailed() throws Exception {
        // The JDK client counts the handshake as part of connecting, so it is retried like a refused connection.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        silent.accept(); // accepts TCP, never speaks TLS
                    }
                } catch (IOException e) {
                    // closed by the test
                }
            });
            long started = System.nanoTime();
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"https://127.0.0.1:%d/health\", \"maxLatencyMillis\": 500, \"attempts\": 2, \"intervalMillis\": 10}"
                    .formatted(silent.getLocalPort())))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("transport error on all 2 attempt(s)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
        }
    }

    @Test
    void refusedConnectionsFailAfterTheAttempts() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://127.0.0.1:%d/health\", \"attempts\": 3, \"intervalMillis\": 10}"
                .formatted(closedPort)))
                .isInstanceOf(CheckFailure.class).hasMessageContaining("transport error on all 3 attempt(s)");
    }

    @Test
    void aHostNotOnTheAllowListIsRefusedBeforeAnyConnection() {
        assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://orders.elsewhere.example.com/health\"}"))
                .isInstanceOf(CheckFailure.class).hasMessageContaining("is not in the plan's allowedHosts");
    }

    @Test
    void theMetadataServiceIsRefusedEvenWhenListed() {
        assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://169.254.169.254/latest/meta-data/\"}"))
                .isInstanceOf(CheckFailure.class).hasMessageContaining("link-local");
    }

    @Test
    void loopbackIsRefusedUnlessAllowed() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\"}".formatted(server.url("/")), false, null))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("loopback");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void aPathWithoutATestEndpointFailsWithTheDeploymentsReason() {
        assertThatThrownBy(() -> run("{\"type\": \"http\", \"path\": \"/health\"}", true, null))
                .isInstanceOf(CheckFailure.class).hasMessage("no test endpoint");
    }

    /** Accepts TCP connections; closes the first N without a byte (a reset), then answers 200. */
    static final class ResettingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger connections = new AtomicInteger();

        ResettingServer(int resets) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        if (connections.incrementAndGet() <= resets) {
                            s.setSoLinger(true, 0);
                            continue;
                        }
                        InputStream in = s.getInputStream();
                        byte[] buf = new byte[4096];
                        StringBuilder head = new StringBuilder();
                        while (!head.toString().contains("\r\n\r\n")) {
                            int n = in.read(buf);
                            if (n < 0) {
                                break;
                            }
                            head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        }
                        OutputStream out = s.getOutputStream();
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                    } catch (IOException e) {
                        // socket closed by the test, or the client went away
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.http.RawServer;
import dev.shepherd.core.http.TestDns;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP check against real loopback servers: what is retried, what fails at once, where it may go. */
class HttpCheckTest {
    static final String HOSTS = """
            ["127.0.0.1", "*.example.internal", "169.254.169.254", "localhost", "*.shepherd.test",
             "[::ffff:169.254.169.254]", "[64:ff9b::a9fe:a9fe]", "[::127.0.0.1]"]""";

    static CheckPlan plan(String json) {
        return CheckPlan.parse("""
                {"allowedHosts": %s, "plainHttpHosts": %s, "stages": {"S": {"checks": [%s]}}}"""
                .formatted(HOSTS, HOSTS, json), "test");
    }

    static CheckResult run(String json) throws Exception {
        return run(json, true, null);
    }

    static CheckResult run(String json, boolean allowLoopback, URI testEndpoint) throws Exception {
        CheckPlan plan = plan(json);
        CheckPlan.Http spec = (CheckPlan.Http) plan.stage("S").orElseThrow().checks().getFirst();
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
        HttpCheck check = new HttpCheck(spec, deployment, plan, new GuardedHttp(new AddressGuard(allowLoopback)));
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
        // A handshake that never completes counts as part of connecting, so it is retried like a refused connection.
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

    @Test
    void item8_anEndlessBodyIsReadOnlyUpToTheCapWithinTheCheck() throws Exception {
        try (RawServer server = new RawServer(endless())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"bodyContains\": \"UP\", \"timeoutSeconds\": 5}"
                    .formatted(server.url("/health"))))
                    .isInstanceOf(CheckFailure.class)
                    .hasMessageContaining("body does not contain 'UP' (in its first " + GuardedHttp.MAX_BODY_BYTES + " bytes)");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void item8_aCheckWithoutBodyRulesReadsNoBody() throws Exception {
        try (RawServer server = new RawServer(endless())) {
            CheckResult result = run("{\"type\": \"http\", \"url\": \"%s\", \"timeoutSeconds\": 5}".formatted(server.url("/")));

            assertThat(result.passed()).isTrue();
        }
    }

    @Test
    void item8_aJsonBodyOverTheCapCannotBeRead() throws Exception {
        try (RawServer server = new RawServer(endless())) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\", \"jsonPointer\": \"/v\", \"jsonEquals\": \"1\"}"
                    .formatted(server.url("/"))))
                    .hasMessageContaining("body is larger than " + GuardedHttp.MAX_BODY_BYTES + " bytes");
        }
    }

    /** 200 and then body bytes without end (bounded for the test's sake at ~6 GB). */
    static RawServer.Behaviour endless() {
        return (head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 100_000; i++) {
                out.write(chunk);
            }
        };
    }

    @Test
    void item9_aNameThatRebindsToLoopbackIsNeverReached() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            // The guard's lookup sees a harmless address; any later lookup would see loopback, where the server is.
            TestDns.answer("green.shepherd.test", "198.51.100.7", "127.0.0.1");
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://green.shepherd.test:%d/health\", \"attempts\": 1, \"maxLatencyMillis\": 1000, \"timeoutSeconds\": 3}"
                    .formatted(server.port()), false, null)).isInstanceOf(CheckFailure.class);
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void item10_aDoubleSlashPathCannotChangeTheHost() {
        assertThatThrownBy(() -> plan("{\"type\": \"http\", \"path\": \"//198.51.100.9:8080/x\"}"))
                .isInstanceOf(CheckPlan.PlanException.class).hasMessageContaining("must be a path on the test endpoint");
        assertThatThrownBy(() -> plan("{\"type\": \"http\", \"path\": \"/ok#frag\"}"))
                .isInstanceOf(CheckPlan.PlanException.class);
    }

    @Test
    void item10_aResolvedPathKeepsTheDeploymentsHost() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            CheckResult result = run("{\"type\": \"http\", \"path\": \"/ready?next=//198.51.100.9/x\"}", true,
                    URI.create("http://127.0.0.1:" + server.port()));

            assertThat(result.passed()).isTrue();
            assertThat(result.reason()).startsWith("http://127.0.0.1:" + server.port() + "/ready answered 200");
            assertThat(server.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/ready"));
        }
    }

    @Test
    void item11_ipv6FormsCarryingTheMetadataAddressAreRefused() {
        for (String host : List.of("[::ffff:169.254.169.254]", "[64:ff9b::a9fe:a9fe]")) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://%s/latest/meta-data/\"}".formatted(host)))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("link-local");
        }
        assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"http://[::127.0.0.1]:9001/\"}", false, null))
                .isInstanceOf(CheckFailure.class).hasMessageContaining("loopback");
    }

    @Test
    void plainHttpToAnExplicitHostNeedsThePlansPermission() throws Exception {
        try (TestServer server = TestServer.healthy()) {
            CheckPlan plan = CheckPlan.parse("""
                    {"allowedHosts": ["127.0.0.1"], "stages": {"S": {"checks": [{"type": "http", "url": "%s"}]}}}"""
                    .formatted(server.url("/health")), "test");
            HttpCheck check = new HttpCheck((CheckPlan.Http) plan.stage("S").orElseThrow().checks().getFirst(), null, plan,
                    new GuardedHttp(new AddressGuard(true)));

            assertThatThrownBy(() -> check.run(Deadline.of(Clock.systemUTC(), 5000, Duration.ZERO)))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("only https");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void wildcardEntriesMatchSubdomainsOnly() {
        CheckPlan plan = plan("{\"type\": \"alarms\", \"alarmNames\": [\"a\"]}");
        assertThat(plan.allowsHost("green.example.internal")).isTrue();
        assertThat(plan.allowsHost("example.internal.attacker.test")).isFalse();
        assertThat(plan.allowsHost("10.1.2.4")).isFalse();
    }

    @Test
    void queryStringsStayOutOfMessages() throws Exception {
        try (TestServer server = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            assertThatThrownBy(() -> run("{\"type\": \"http\", \"url\": \"%s\"}".formatted(server.url("/health?token=s3cr3t"))))
                    .isInstanceOf(CheckFailure.class).hasMessageContaining("HTTP 503").hasMessageNotContaining("s3cr3t");
        }
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

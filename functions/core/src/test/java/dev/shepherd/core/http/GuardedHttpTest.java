package dev.shepherd.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guarded client against real loopback servers that answer well, badly, endlessly or not at all. */
class GuardedHttpTest {
    static final Duration FIVE_SECONDS = Duration.ofSeconds(5);
    final GuardedHttp http = new GuardedHttp(new AddressGuard(true));

    static GuardedHttp.Request get(String url, int maxBody) {
        return GuardedHttp.Request.get(URI.create(url)).readingAtMost(maxBody);
    }

    static HttpFailure.Kind kindOf(Throwable e) {
        return ((HttpFailure) e).kind();
    }

    @Test
    void aWellFormedAnswerIsReadWhole() throws Exception {
        try (RawServer server = new RawServer(RawServer.ok("{\"status\":\"UP\"}"))) {
            GuardedHttp.Response r = http.send(get(server.url("/health?x=1"), 1024)
                    .withHeaders(Map.of("X-Check", "yes")), FIVE_SECONDS);

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(r.truncated()).isFalse();
            assertThat(server.received()).singleElement().satisfies(head -> assertThat(head)
                    .startsWith("GET /health?x=1 HTTP/1.1\r\n").contains("Host: 127.0.0.1:" + server.port() + "\r\n")
                    .contains("X-Check: yes\r\n").contains("Connection: close\r\n"));
        }
    }

    @Test
    void item8_anEndlessBodyIsReadOnlyUpToTheCap() throws Exception {
        RawServer.Behaviour endless = (head, out) -> {
            out.write("HTTP/1.1 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < 100_000; i++) { // 6 GB if nobody stops reading: bounded, but far past any cap
                out.write(chunk);
            }
        };
        try (RawServer server = new RawServer(endless)) {
            GuardedHttp.Response r = http.send(get(server.url("/"), 4096), FIVE_SECONDS);

            assertThat(r.body()).hasSize(4096);
            assertThat(r.truncated()).isTrue();
        }
    }

    @Test
    void item8_anEndlessChunkedBodyIsReadOnlyUpToTheCap() throws Exception {
        RawServer.Behaviour endless = (head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < 400_000; i++) {
                out.write(chunk);
            }
        };
        try (RawServer server = new RawServer(endless)) {
            GuardedHttp.Response r = http.send(get(server.url("/"), GuardedHttp.MAX_BODY_BYTES), FIVE_SECONDS);

            assertThat(r.body()).hasSize(GuardedHttp.MAX_BODY_BYTES);
            assertThat(r.truncated()).isTrue();
        }
    }

    @Test
    void item8_aHugeDeclaredLengthIsNotAllocated() throws Exception {
        RawServer.Behaviour huge = (head, out) -> out.write(
                "HTTP/1.1 200 OK\r\nContent-Length: 999999999999\r\n\r\nUP".getBytes(StandardCharsets.ISO_8859_1));
        try (RawServer server = new RawServer(huge)) {
            assertThatThrownBy(() -> http.send(get(server.url("/"), 1024), FIVE_SECONDS))
                    .isInstanceOf(HttpFailure.class).satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.BROKEN));
            GuardedHttp.Response none = http.send(get(server.url("/"), 0), FIVE_SECONDS);
            assertThat(none.body()).isEmpty();
            assertThat(none.truncated()).isTrue();
        }
    }

    @Test
    void item8_aDrippingBodyIsBoundedByTheTimeout() throws Exception {
        RawServer.Behaviour drip = (head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(100);
            }
        };
        try (RawServer server = new RawServer(drip)) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(get(server.url("/"), 100_000), Duration.ofMillis(800)))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (RawServer server = new RawServer((head, out) -> Thread.sleep(10_000))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(get(server.url("/"), 0), Duration.ofMillis(500)))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void aNameServerThatNeverAnswersIsBoundedByTheTimeout() {
        TestDns.stall("stalled.shepherd.test", Duration.ofSeconds(20), "127.0.0.1");
        long started = System.nanoTime();
        assertThatThrownBy(() -> http.send(get("http://stalled.shepherd.test/", 0), Duration.ofMillis(500)))
                .hasMessageContaining("did not resolve in time")
                .satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
    }

    @Test
    void anEndlessHeadIsAProtocolError() throws Exception {
        RawServer.Behaviour endlessHead = (head, out) -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
            for (int i = 0; i < 100_000; i++) {
                out.write(("X-Filler-" + i + ": y\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        };
        try (RawServer server = new RawServer(endlessHead)) {
            assertThatThrownBy(() -> http.send(get(server.url("/"), 0), FIVE_SECONDS))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.PROTOCOL));
        }
    }

    @Test
    void redirectsAreReturnedNotFollowed() throws Exception {
        try (RawServer target = new RawServer(RawServer.ok("secret place"));
             RawServer redirect = new RawServer((head, out) -> out.write(("HTTP/1.1 302 Found\r\nLocation: "
                     + target.url("/") + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)))) {
            GuardedHttp.Response r = http.send(get(redirect.url("/"), 1024), FIVE_SECONDS);

            assertThat(r.status()).isEqualTo(302);
            assertThat(target.received()).isEmpty();
        }
    }

    @Test
    void item9_theAddressVettedIsTheAddressConnected() throws Exception {
        try (RawServer server = new RawServer(RawServer.ok("UP"))) {
            // The first answer is vetted and used; a later lookup would give metadata.
            TestDns.answer("once.shepherd.test", "127.0.0.1", "169.254.169.254");
            GuardedHttp.Response r = http.send(get("http://once.shepherd.test:" + server.port() + "/", 16), FIVE_SECONDS);

            assertThat(r.text()).isEqualTo("UP");
            assertThat(TestDns.lookups("once.shepherd.test")).isEqualTo(1);
            assertThat(server.received().getFirst()).contains("Host: once.shepherd.test:" + server.port());
        }
    }

    @Test
    void item9_aNameThatRebindsToLoopbackIsNeverConnected() throws Exception {
        GuardedHttp strict = new GuardedHttp(new AddressGuard(false));
        try (RawServer server = new RawServer(RawServer.ok("UP"))) {
            TestDns.answer("rebind.shepherd.test", "198.51.100.7", "127.0.0.1");
            String url = "http://rebind.shepherd.test:" + server.port() + "/";
            // Vetted 198.51.100.7 (nothing listens there) and connected only to it, never to loopback.
            assertThatThrownBy(() -> strict.send(get(url, 16), Duration.ofMillis(500))).isInstanceOf(HttpFailure.class);
            // The next attempt resolves afresh, and the loopback answer is refused before any connection.
            assertThatThrownBy(() -> strict.send(get(url, 16), Duration.ofMillis(500)))
                    .satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.REFUSED));
            assertThat(server.received()).isEmpty();
            assertThat(TestDns.lookups("rebind.shepherd.test")).isEqualTo(2);
        }
    }

    @Test
    void httpsOnlyRefusesPlainHttpBeforeConnecting() throws Exception {
        try (RawServer server = new RawServer(RawServer.ok("UP"))) {
            assertThatThrownBy(() -> http.send(get(server.url("/"), 0).httpsRequired(true), FIVE_SECONDS))
                    .hasMessageContaining("only https").satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.REFUSED));
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void userInfoAndHeaderInjectionAreRefused() throws Exception {
        try (RawServer server = new RawServer(RawServer.ok("UP"))) {
            assertThatThrownBy(() -> http.send(get("http://u:p@127.0.0.1:" + server.port() + "/", 0), FIVE_SECONDS))
                    .hasMessageContaining("user info").hasMessageNotContaining("u:p");
            assertThatThrownBy(() -> http.send(get(server.url("/"), 0)
                    .withHeaders(Map.of("X-A", "v\r\nX-Injected: 1")), FIVE_SECONDS))
                    .hasMessageContaining("control").hasMessageNotContaining("Injected");
            assertThatThrownBy(() -> http.send(get(server.url("/"), 0)
                    .withHeaders(Map.of("Transfer-Encoding", "chunked")), FIVE_SECONDS)).hasMessageContaining("set by Shepherd");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void redactedUrlsShowNoQueryOrUserInfo() {
        assertThat(GuardedHttp.redact(URI.create("https://user:pw@api.example.com:8443/v1/check?key=s3cr3t#f")))
                .isEqualTo("https://api.example.com:8443/v1/check");
    }

    /** A server certificate for "localhost" and 127.0.0.1, made with the JDK's keytool. */
    static KeyStore keyStore;
    static char[] password = "changeit".toCharArray();

    @BeforeAll
    static void certificate(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        keyStore = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            keyStore.load(in, password);
        }
    }

    static SSLContext tls(boolean server) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        if (server) {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore, password);
            context.init(keys.getKeyManagers(), null, null);
        } else {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore);
            context.init(null, trust.getTrustManagers(), null);
        }
        return context;
    }

    @Test
    void httpsVerifiesTheUrlsHostNotTheAddress() throws Exception {
        GuardedHttp client = new GuardedHttp(new AddressGuard(true), tls(false).getSocketFactory());
        try (RawServer server = new RawServer(tls(true).getServerSocketFactory(), RawServer.ok("UP"))) {
            assertThat(client.send(get("https://127.0.0.1:" + server.port() + "/", 16), FIVE_SECONDS).text()).isEqualTo("UP");

            TestDns.answer("wrong.shepherd.test", "127.0.0.1");
            assertThatThrownBy(() -> client.send(get("https://wrong.shepherd.test:" + server.port() + "/", 16), FIVE_SECONDS))
                    .hasMessageContaining("TLS failed").satisfies(e -> assertThat(kindOf(e)).isEqualTo(HttpFailure.Kind.CONNECT));
            // One request only: the one whose certificate verified.
            assertThat(server.received()).hasSize(1);
        }
    }
}

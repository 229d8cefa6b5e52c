package dev.shepherd.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.http.RawServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Item 4: a generic secret's {@code testUrl} receives the new credentials, so it is called only through the guarded
 * client: no metadata or link-local address, no loopback in Lambda, https in Lambda, no redirect, and the URL is
 * logged without its query or user info.
 */
class GenericTestUrlTest {
    private static final String SECRET = """
            {"username": "shepherd", "apiKey": "initial-key", "rotatedKeys": ["apiKey"], "testUrl": "%s"}""";
    /** Local runs may call a loopback test server. */
    private final Harness local = new Harness(Map.of("HTTP_ALLOW_LOOPBACK", "true"));

    private static RawServer answering(int status) throws Exception {
        return new RawServer((head, out) -> out.write(("HTTP/1.1 " + status + " X\r\nContent-Length: 0\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Runs create and set, then returns what test says (or throws). */
    private static String testStep(Harness h, String url) {
        String arn = h.seed(SECRET.formatted(url));
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        h.step(arn, token, Step.SET);
        return h.step(arn, token, Step.TEST);
    }

    @Test
    void testUrlMustAcceptThePendingCredentials() throws Exception {
        try (RawServer ok = answering(204); RawServer no = answering(401)) {
            String arn = local.seed(SECRET.formatted(ok.url("/ok")));
            local.rotate(arn);
            String key = Harness.field(local.current(arn), "apiKey");
            assertThat(ok.received()).singleElement().satisfies(head -> assertThat(head).contains("Authorization: Basic "
                    + Base64.getEncoder().encodeToString(("shepherd:" + key).getBytes(StandardCharsets.UTF_8))));

            assertThatThrownBy(() -> testStep(local, no.url("/no"))).hasMessageContaining("HTTP 401");
        }
    }

    @Test
    void item4_theUrlIsLoggedWithoutItsQueryOrUserInfo() throws Exception {
        try (RawServer ok = answering(200); CapturedLogs logs = new CapturedLogs()) {
            String url = "http://partner:hunter2@127.0.0.1:" + ok.port() + "/check?key=k3y-in-query";
            assertThatThrownBy(() -> testStep(local, url)).hasMessageContaining("user info")
                    .message().doesNotContain("hunter2").doesNotContain("k3y-in-query");
            String decision = testStep(local, ok.url("/check?key=k3y-in-query"));

            assertThat(decision).contains("http://127.0.0.1:" + ok.port() + "/check accepted").doesNotContain("k3y-in-query");
            assertThat(logs.everything()).doesNotContain("k3y-in-query").doesNotContain("hunter2");
        }
    }

    @Test
    void item4_metadataAndLinkLocalAddressesAreNeverCalled() {
        assertThatThrownBy(() -> testStep(local, "http://169.254.169.254/latest/meta-data/iam/"))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> testStep(local, "http://[::ffff:169.254.170.2]/v2/credentials"))
                .hasMessageContaining("link-local");
    }

    @Test
    void item4_loopbackIsRefusedUnlessAllowedForALocalRun() throws Exception {
        try (RawServer runtimeApi = answering(200)) {
            assertThatThrownBy(() -> testStep(new Harness(), runtimeApi.url("/2018-06-01/runtime/invocation/next")))
                    .hasMessageContaining("loopback");
            assertThat(runtimeApi.received()).isEmpty();
        }
    }

    @Test
    void item4_inLambdaOnlyHttpsIsUsedAndLoopbackCannotBeAllowed() throws Exception {
        Map<String, String> lambda = Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        assertThatThrownBy(() -> new Harness(Map.of("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001", "HTTP_ALLOW_LOOPBACK", "true")))
                .hasMessageContaining("HTTP_ALLOW_LOOPBACK is true in Lambda");
        try (RawServer plain = answering(200)) {
            assertThatThrownBy(() -> testStep(new Harness(lambda), "http://198.51.100.7:" + plain.port() + "/check"))
                    .hasMessageContaining("only https");
            assertThat(plain.received()).isEmpty();
        }
    }

    @Test
    void item4_aRedirectIsNotFollowedWithTheCredentials() throws Exception {
        try (RawServer elsewhere = answering(200);
             RawServer redirect = new RawServer((head, out) -> out.write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: "
                     + elsewhere.url("/steal") + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1)))) {
            assertThatThrownBy(() -> testStep(local, redirect.url("/check"))).hasMessageContaining("HTTP 307");
            assertThat(elsewhere.received()).isEmpty();
        }
    }

    @Test
    void item4_aServerThatNeverAnswersIsBoundedByTheDeadline() throws Exception {
        try (RawServer silent = new RawServer((head, out) -> Thread.sleep(30_000))) {
            String arn = local.seed(SECRET.formatted(silent.url("/check")));
            String token = local.begin(arn);
            local.step(arn, token, Step.CREATE);
            long started = System.nanoTime();
            // 4 s left, of which the handler keeps 2 s back.
            assertThatThrownBy(() -> local.step(arn, token, Step.TEST, 4_000)).hasMessageContaining("in time");
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(3_500);
        }
    }
}

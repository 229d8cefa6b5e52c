package dev.shepherd.sandbox.moto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code moto_server} on a free loopback port, started by a test class and stopped after it. Where
 * moto is not installed (not on PATH nor in {@code ~/.pyenv/shims}), or cannot start, the class is
 * skipped with a message saying so. Public, in the sandbox's test jar, for function modules whose tests run their
 * AWS calls against moto too.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts moto; aborts (skips) the caller with the reason where moto is absent or cannot start. Tests
     * call this from {@code @BeforeEach} through {@link MotoParityTest}, so each skipped test shows the reason.
     */
    public static MotoServer start() throws IOException, InterruptedException {
        Optional<Path> exe = executable();
        Assumptions.assumeTrue(exe.isPresent(),
                "moto_server is not on PATH or in ~/.pyenv/shims: the moto parity tests are skipped");
        int port = freePort();
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder(exe.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                Assumptions.abort("moto_server exited at startup (code " + process.exitValue()
                        + "), the moto parity tests are skipped: " + Files.readString(log).strip());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new MotoServer(process, port);
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        process.destroyForcibly();
        return fail("moto_server did not listen on port " + port + " within " + STARTUP + ": " + Files.readString(log));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Forgets every resource, so each test starts from an empty account. */
    public void reset() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(endpoint() + "/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            fail("moto reset failed: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A query-protocol call to a service Shepherd has no SDK client for (EC2, to find moto's default
     * subnets); moto routes it by the credential scope, and does not check the signature.
     */
    String query(String service, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = send(service, "application/x-www-form-urlencoded", null, form);
        if (response.statusCode() != 200) {
            fail(service + " " + form + " failed on moto: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /**
     * Makes moto load a service's backend before a test times the SDK against it: the first call to some
     * backends (SSM loads its public parameters) takes seconds, longer than the clients' attempt timeout.
     * The answer does not matter.
     */
    void warmUp(String service, String contentType, String target, String body) throws IOException, InterruptedException {
        send(service, contentType, target, body);
    }

    /**
     * A call without an SDK client, to seed moto (create a table) or look into it, so that test set-up stays out of
     * the operations file the IAM check reads; fails on any status but 2xx.
     */
    public String raw(String service, String method, String path, String target, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = send(service, method, path, "application/x-amz-json-1.0", target, body);
        if (response.statusCode() / 100 != 2) {
            fail(service + " " + method + " " + path + " failed on moto: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private HttpResponse<String> send(String service, String contentType, String target, String body)
            throws IOException, InterruptedException {
        return send(service, "POST", "/", contentType, target, body);
    }

    private HttpResponse<String> send(String service, String method, String path, String contentType, String target,
            String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint() + path))
                .header("Content-Type", contentType)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).timeout(Duration.ofSeconds(60));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Optional<Path> executable() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.add(System.getProperty("user.home") + "/.pyenv/shims");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "moto_server"))
                .filter(Files::isExecutable).findFirst();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

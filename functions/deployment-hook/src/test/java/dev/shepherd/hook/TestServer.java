package dev.shepherd.hook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback that answers from a script (the last answer repeats) and records every
 * request it received.
 */
final class TestServer implements AutoCloseable {
    record Answer(int status, String body, Duration delay, Map<String, String> headers) {
        static Answer of(int status, String body) {
            return new Answer(status, body, Duration.ZERO, Map.of());
        }

        Answer after(Duration delay) {
            return new Answer(status, body, delay, headers);
        }
    }

    record Received(String method, String path, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Answer> script;
    private final AtomicInteger next = new AtomicInteger();
    private final List<Received> received = new ArrayList<>();

    private TestServer(List<Answer> script) throws IOException {
        this.script = script;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            synchronized (received) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders())));
            }
            Answer answer = script.get(Math.min(next.getAndIncrement(), script.size() - 1));
            try {
                Thread.sleep(answer.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try (OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
                out.write(body);
            } catch (IOException e) {
                // the client gave up (timeout); nothing to answer
            }
        });
        server.start();
    }

    static TestServer answering(Answer... script) throws IOException {
        return new TestServer(List.of(script));
    }

    static TestServer healthy() throws IOException {
        return answering(Answer.of(200, "{\"status\":\"UP\",\"version\":\"1.4.2\"}"));
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

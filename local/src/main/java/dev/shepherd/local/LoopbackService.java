package dev.shepherd.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HTTP server on loopback standing in for a service of a demo (the green task set of a release, a Slack
 * webhook, PagerDuty's Events API): every request gets the same status and body, and is remembered so the demo
 * can show what the function sent.
 */
final class LoopbackService implements AutoCloseable {
    /** One request as received. */
    record Request(String method, String path, String body) {
    }

    private final HttpServer server;
    private final List<Request> received = new ArrayList<>();

    private LoopbackService(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            String requestBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (received) {
                received.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), requestBody));
            }
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /** Answers every request with {@code status} and the JSON {@code body}. */
    static LoopbackService answering(int status, String body) throws IOException {
        return new LoopbackService(status, "application/json", body);
    }

    /** Answers every request with {@code status} and the plain-text {@code body} (Slack's webhooks answer "ok"). */
    static LoopbackService answeringText(int status, String body) throws IOException {
        return new LoopbackService(status, "text/plain", body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** "METHOD path" of each request, in order. */
    List<String> received() {
        return requests().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Each request with its body, in order. */
    List<Request> requests() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

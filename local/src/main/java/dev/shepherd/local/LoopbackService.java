package dev.shepherd.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HTTP server on loopback standing in for the green task set of a demo release: every request gets
 * the same status and JSON body, and is remembered so the demo can show what the hook asked.
 */
final class LoopbackService implements AutoCloseable {
    private final HttpServer server;
    private final List<String> received = new ArrayList<>();

    private LoopbackService(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            synchronized (received) {
                received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            }
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    static LoopbackService answering(int status, String body) throws IOException {
        return new LoopbackService(status, body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

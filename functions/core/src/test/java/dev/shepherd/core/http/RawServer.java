package dev.shepherd.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ServerSocketFactory;

/**
 * A loopback TCP server that answers each connection with a scripted behaviour (well-formed, endless, huge,
 * silent, malformed) and records every request head it received. For tests of the guarded client and its users.
 */
public final class RawServer implements AutoCloseable {
    @FunctionalInterface
    public interface Behaviour {
        void answer(String requestHead, OutputStream out) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public RawServer(Behaviour behaviour) throws IOException {
        this(ServerSocketFactory.getDefault(), behaviour);
    }

    public RawServer(ServerSocketFactory factory, Behaviour behaviour) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread.ofVirtual().start(() -> serve(socket, behaviour));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket socket, Behaviour behaviour) {
        try (socket) {
            String head = head(socket.getInputStream());
            received.add(head);
            behaviour.answer(head, socket.getOutputStream());
            socket.getOutputStream().flush();
        } catch (IOException | InterruptedException e) {
            // The client went away (as a bounded client does on an endless answer).
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            last4 = (last4 << 8) | c;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public int port() {
        return server.getLocalPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public List<String> received() {
        return List.copyOf(received);
    }

    public static Behaviour ok(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (head, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(bytes);
        };
    }

    @Override
    public void close() throws IOException {
        server.close();
        acceptor.interrupt();
    }
}

package dev.shepherd.rotation;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder in front of a database, to take the database "down" for fault tests: while down,
 * open connections are cut and new ones are accepted and closed at once (as a crashed server's port would).
 * It records every byte clients send. In front of PostgreSQL it also records how each connection opens (an
 * SSLRequest or a plain startup) and can answer SSLRequest with 'N' itself, acting as a server without TLS.
 */
final class TcpProxy implements AutoCloseable {
    /** PostgreSQL's SSLRequest: length 8, code 80877103. */
    private static final byte[] SSL_REQUEST = ByteBuffer.allocate(8).putInt(8).putInt(80877103).array();

    private final ServerSocket server;
    private final int targetPort;
    private final boolean postgres;
    private final boolean refuseTls;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> openings = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private volatile boolean down;

    TcpProxy(int targetPort) throws IOException {
        this(targetPort, false, false);
    }

    private TcpProxy(int targetPort, boolean postgres, boolean refuseTls) throws IOException {
        this.targetPort = targetPort;
        this.postgres = postgres;
        this.refuseTls = refuseTls;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    /** In front of PostgreSQL: records "ssl-request" or "startup" per opening; {@code refuseTls} answers 'N'. */
    static TcpProxy postgres(int targetPort, boolean refuseTls) throws IOException {
        return new TcpProxy(targetPort, true, refuseTls);
    }

    int port() {
        return server.getLocalPort();
    }

    List<String> openings() {
        return List.copyOf(openings);
    }

    /** Everything clients sent, as ISO-8859-1 text (so any byte sequence can be searched for). */
    String sent() {
        synchronized (sent) {
            return sent.toString(StandardCharsets.ISO_8859_1);
        }
    }

    void down() {
        down = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    void up() {
        down = false;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                open.add(client);
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                // Closed: stop accepting.
            }
        }
    }

    private void serve(Socket client) {
        try {
            byte[] first = new byte[0];
            if (postgres) {
                DataInputStream in = new DataInputStream(client.getInputStream());
                first = in.readNBytes(8);
                record(first);
                boolean sslRequest = Arrays.equals(first, SSL_REQUEST);
                openings.add(sslRequest ? "ssl-request" : "startup");
                if (sslRequest && refuseTls) {
                    client.getOutputStream().write('N');
                    client.getOutputStream().flush();
                    first = in.readNBytes(8);
                    record(first);
                    openings.add("startup");
                }
            }
            Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(target);
            target.getOutputStream().write(first);
            Thread.ofVirtual().start(() -> pump(target, client, false));
            pump(client, target, true);
        } catch (IOException e) {
            closeQuietly(client); // the target refused, or the client went away
        }
    }

    private void record(byte[] bytes) {
        synchronized (sent) {
            sent.writeBytes(bytes);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (fromClient) {
                    synchronized (sent) {
                        sent.write(buffer, 0, n);
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side went away; close both below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        down();
        server.close();
    }
}

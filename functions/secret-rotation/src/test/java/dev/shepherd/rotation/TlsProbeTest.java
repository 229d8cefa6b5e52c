package dev.shepherd.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The TLS question asked before any credential is sent, against loopback servers that answer it one way or the other. */
class TlsProbeTest {
    /** Serves one connection: optionally reads the client's first 8 bytes, then writes {@code answer} and closes. */
    private static ServerSocket serveOnce(boolean readFirst, byte[] answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                if (readFirst) {
                    s.getInputStream().readNBytes(8);
                }
                out.write(answer);
                out.flush();
            } catch (IOException ignored) {
                // the probe went away
            }
        });
        return server;
    }

    /** A MySQL-protocol initial handshake (protocol 10) with the given lower capability flags. */
    private static byte[] greeting(int capabilities) {
        ByteBuffer payload = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        payload.put((byte) 10).put("11.4.2-MariaDB".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        payload.putInt(42).put(new byte[8]).put((byte) 0).putShort((short) capabilities);
        int length = payload.position();
        ByteBuffer packet = ByteBuffer.allocate(4 + length).order(ByteOrder.LITTLE_ENDIAN);
        packet.put((byte) length).put((byte) 0).put((byte) 0).put((byte) 0).put(payload.array(), 0, length);
        return packet.array();
    }

    private static TlsProbe.Offer ask(Engine engine, ServerSocket server) throws IOException {
        try (server) {
            return TlsProbe.offer(engine, "127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5));
        }
    }

    @Test
    void item3_postgresAnswersTheSslRequest() throws IOException {
        assertThat(ask(Engine.POSTGRES, serveOnce(true, new byte[] {'S'}))).isEqualTo(TlsProbe.Offer.OFFERED);
        assertThat(ask(Engine.POSTGRES, serveOnce(true, new byte[] {'N'}))).isEqualTo(TlsProbe.Offer.REFUSED);
        assertThat(ask(Engine.POSTGRES, serveOnce(true, new byte[] {'E'}))).isEqualTo(TlsProbe.Offer.UNKNOWN);
    }

    @Test
    void item3_mariadbSaysItInItsGreeting() throws IOException {
        assertThat(ask(Engine.MARIADB, serveOnce(false, greeting(0xFFFF)))).isEqualTo(TlsProbe.Offer.OFFERED);
        assertThat(ask(Engine.MARIADB, serveOnce(false, greeting(0xFFFF & ~0x0800)))).isEqualTo(TlsProbe.Offer.REFUSED);
        byte[] error = {5, 0, 0, 0, (byte) 0xFF, 0x13, 0x04, 'x', 'y'};
        assertThat(ask(Engine.MARIADB, serveOnce(false, error))).isEqualTo(TlsProbe.Offer.UNKNOWN);
    }

    @Test
    void item3_aRealMariaDbIsAskedWithoutError() throws IOException {
        assertThat(TlsProbe.offer(Engine.MARIADB, "localhost", Databases.mariadb(), Duration.ofSeconds(5)))
                .isNotEqualTo(TlsProbe.Offer.UNKNOWN);
    }
}

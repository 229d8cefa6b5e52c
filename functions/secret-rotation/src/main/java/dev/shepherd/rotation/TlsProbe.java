package dev.shepherd.rotation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * Asks a database server, before any credential is sent, whether it offers TLS at all: PostgreSQL answers an
 * SSLRequest with 'S' or 'N'; MariaDB/MySQL set the SSL capability in their greeting. Only a server that refuses
 * TLS justifies a plain connection when TLS is merely preferred; a TLS login that failed against a server that
 * offers TLS (a certificate or host-name mismatch, which an attacker in the path can cause) does not.
 */
final class TlsProbe {
    enum Offer { OFFERED, REFUSED, UNKNOWN }

    /** PostgreSQL's SSLRequest code (1234 << 16 | 5679). */
    private static final int SSL_REQUEST = 80877103;
    /** CLIENT_SSL in the lower capability flags of the MySQL protocol's initial handshake. */
    private static final int CLIENT_SSL = 0x0800;

    private TlsProbe() {
    }

    static Offer offer(Engine engine, String host, int port, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), millis);
            s.setSoTimeout(millis);
            DataInputStream in = new DataInputStream(s.getInputStream());
            return engine == Engine.POSTGRES ? postgres(in, new DataOutputStream(s.getOutputStream())) : mysql(in);
        } catch (IOException e) {
            return Offer.UNKNOWN;
        }
    }

    private static Offer postgres(DataInputStream in, DataOutputStream out) throws IOException {
        out.writeInt(8);
        out.writeInt(SSL_REQUEST);
        out.flush();
        return switch (in.read()) {
            case 'S' -> Offer.OFFERED;
            case 'N' -> Offer.REFUSED;
            default -> Offer.UNKNOWN;
        };
    }

    /** The greeting: 4-byte header, protocol 10, version string, thread id (4), scramble (8), filler, capabilities. */
    private static Offer mysql(DataInputStream in) throws IOException {
        in.skipNBytes(4);
        if (in.readUnsignedByte() != 10) {
            return Offer.UNKNOWN; // an error packet (0xFF) or an older protocol
        }
        int b;
        do {
            b = in.read();
        } while (b > 0);
        if (b < 0) {
            return Offer.UNKNOWN;
        }
        in.skipNBytes(4 + 8 + 1);
        int capabilities = in.readUnsignedByte() | in.readUnsignedByte() << 8;
        return (capabilities & CLIENT_SSL) != 0 ? Offer.OFFERED : Offer.REFUSED;
    }
}

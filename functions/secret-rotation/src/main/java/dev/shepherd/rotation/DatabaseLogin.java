package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.mariadb.jdbc.Configuration;
import org.mariadb.jdbc.HostAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs into a database with a secret's credentials, honouring its TLS policy. TLS means full verification: the
 * certificate chain (against {@code DB_CA_BUNDLE}, else the JVM trust store) and the host name. A failed attempt
 * (network, TLS or authentication) is logged with its SQLState and TLS mode and counts as "no login"; every
 * attempt is bounded by the Lambda deadline.
 */
public final class DatabaseLogin {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseLogin.class);
    /** Per connection attempt, as AWS's functions; less when the deadline is nearer. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Below this, an attempt could not finish before Lambda stops the function. */
    static final Duration MINIMUM = Duration.ofSeconds(1);
    private static final String MARIADB_BASE = "jdbc:mariadb://localhost/";

    private final Optional<Path> caBundle;

    public DatabaseLogin(Optional<Path> caBundle) {
        this.caBundle = caBundle;
    }

    /**
     * A connection as {@code secret}'s user, or empty when every attempt its TLS policy allows fails. With
     * {@code ssl} absent (PREFERRED) a plain connection follows a failed TLS login only when the server refuses
     * TLS; never after a certificate or host-name failure, which an attacker in the path can cause.
     */
    public Optional<Connection> open(DatabaseSecret secret, Deadline deadline) {
        if (secret.tls() == TlsPolicy.DISABLED) {
            LOG.warn("Connecting to {} WITHOUT TLS (the secret sets ssl=false)", secret);
            return attempt(secret, false, deadline);
        }
        Optional<Connection> c = attempt(secret, true, deadline);
        if (c.isPresent() || secret.tls() == TlsPolicy.REQUIRED) {
            return c;
        }
        TlsProbe.Offer offer = TlsProbe.offer(secret.engine(), secret.host(), secret.port(),
                deadline.cap(CONNECT_TIMEOUT));
        if (offer != TlsProbe.Offer.REFUSED) {
            LOG.warn("No plain connection to {} after the failed TLS login: the server {} TLS, so the failure"
                    + " (certificate, host name or credentials) is no reason to send credentials in the clear", secret,
                    offer == TlsProbe.Offer.OFFERED ? "offers" : "did not say whether it offers");
            return Optional.empty();
        }
        LOG.warn("Connecting to {} WITHOUT TLS: the server refuses TLS and the secret does not require it"
                + " (no 'ssl' key)", secret);
        return attempt(secret, false, deadline);
    }

    private Optional<Connection> attempt(DatabaseSecret secret, boolean tls, Deadline deadline) {
        Duration left = deadline.remaining();
        if (left.compareTo(MINIMUM) < 0) {
            throw new RotationException("Lambda deadline reached before logging into " + secret
                    + (tls ? " over TLS" : " without TLS") + "; no database change was attempted");
        }
        try {
            Connection c = secret.engine() == Engine.POSTGRES
                    ? postgres(secret, tls, left) : mariadb(secret, tls, left);
            LOG.info("Logged into {} over {}", secret, tls ? "TLS (verify-full)" : "a plain connection");
            return Optional.of(c);
        } catch (SQLException e) {
            LOG.info("Login to {} {} failed: SQLState {}, {}", secret, tls ? "over TLS" : "without TLS",
                    e.getSQLState(), describe(e));
            return Optional.empty();
        }
    }

    /**
     * Host and port go in as properties, not into the URL. pgjdbc takes the database only from the URL in this
     * form ({@code jdbc:postgresql:<database>}), so it is percent-encoded there: no character of it can start a
     * URL parameter.
     */
    private Connection postgres(DatabaseSecret s, boolean tls, Duration left) throws SQLException {
        long connect = seconds(CONNECT_TIMEOUT.compareTo(left) < 0 ? CONNECT_TIMEOUT : left);
        Properties p = new Properties();
        p.setProperty("PGHOST", s.host());
        p.setProperty("PGPORT", Integer.toString(s.port()));
        p.setProperty("user", s.username());
        p.setProperty("password", s.password());
        p.setProperty("sslmode", tls ? "verify-full" : "disable");
        if (tls) {
            caBundle.ifPresentOrElse(ca -> p.setProperty("sslrootcert", ca.toString()),
                    () -> p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
        }
        p.setProperty("connectTimeout", Long.toString(connect));
        p.setProperty("loginTimeout", Long.toString(connect));
        p.setProperty("socketTimeout", Long.toString(seconds(left)));
        p.setProperty("ApplicationName", "shepherd-secret-rotation");
        Connection c = new org.postgresql.Driver().connect("jdbc:postgresql:"
                + URLEncoder.encode(s.dbname().orElseThrow(), StandardCharsets.UTF_8), p);
        if (c == null) {
            throw new SQLException("the PostgreSQL driver refused its URL");
        }
        return c;
    }

    /**
     * Connector/J's builder takes each setting separately. A bare builder leaves the driver's option table unset
     * (a NullPointerException at connect in 3.5), so it starts from a constant URL and replaces the address.
     * Redirects are refused: a server could otherwise send the client, with its credentials, to another host.
     */
    private Connection mariadb(DatabaseSecret s, boolean tls, Duration left) throws SQLException {
        Duration connect = CONNECT_TIMEOUT.compareTo(left) < 0 ? CONNECT_TIMEOUT : left;
        Configuration.Builder b = Configuration.parse(MARIADB_BASE, new Properties()).toBuilder()
                .addresses(HostAddress.from(s.host(), s.port()))
                .user(s.username()).password(s.password())
                .sslMode(tls ? "verify-full" : "disable")
                .connectTimeout((int) connect.toMillis()).socketTimeout((int) left.toMillis())
                .permitRedirect(false).allowLocalInfile(false);
        s.dbname().ifPresent(b::database);
        caBundle.filter(ca -> tls).ifPresent(ca -> b.serverSslCert(ca.toString()));
        return org.mariadb.jdbc.Driver.connect(b.build());
    }

    private static long seconds(Duration d) {
        return Math.max(1, d.toSeconds());
    }

    /** The driver's message, which names host and user but not the password (drivers never echo it). */
    private static String describe(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}

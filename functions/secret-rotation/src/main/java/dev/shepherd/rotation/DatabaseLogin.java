package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
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

    private final Optional<Path> caBundle;

    public DatabaseLogin(Optional<Path> caBundle) {
        this.caBundle = caBundle;
    }

    /** A connection as {@code secret}'s user, or empty when every attempt its TLS policy allows fails. */
    public Optional<Connection> open(DatabaseSecret secret, Deadline deadline) {
        for (boolean tls : secret.tls().attempts()) {
            Duration left = deadline.remaining();
            if (left.compareTo(MINIMUM) < 0) {
                throw new RotationException("Lambda deadline reached before logging into " + secret
                        + (tls ? " over TLS" : " without TLS") + "; no database change was attempted");
            }
            if (!tls) {
                LOG.warn("Connecting to {} WITHOUT TLS ({})", secret,
                        secret.tls() == TlsPolicy.DISABLED ? "the secret sets ssl=false" : "TLS attempt failed");
            }
            try {
                Connection c = connect(secret, tls, left);
                LOG.info("Logged into {} over {}", secret, tls ? "TLS (verify-full)" : "a plain connection");
                return Optional.of(c);
            } catch (SQLException e) {
                LOG.info("Login to {} {} failed: SQLState {}, {}", secret, tls ? "over TLS" : "without TLS",
                        e.getSQLState(), describe(e));
            }
        }
        return Optional.empty();
    }

    private Connection connect(DatabaseSecret s, boolean tls, Duration left) throws SQLException {
        Duration connect = CONNECT_TIMEOUT.compareTo(left) < 0 ? CONNECT_TIMEOUT : left;
        Properties p = new Properties();
        p.setProperty("user", s.username());
        p.setProperty("password", s.password());
        String db = s.dbname().map(d -> URLEncoder.encode(d, StandardCharsets.UTF_8)).orElse("");
        Driver driver;
        String url;
        if (s.engine() == Engine.POSTGRES) {
            driver = new org.postgresql.Driver();
            url = "jdbc:postgresql://" + s.host() + ":" + s.port() + "/" + db;
            p.setProperty("sslmode", tls ? "verify-full" : "disable");
            if (tls) {
                caBundle.ifPresentOrElse(ca -> p.setProperty("sslrootcert", ca.toString()),
                        () -> p.setProperty("sslfactory", "org.postgresql.ssl.DefaultJavaSSLFactory"));
            }
            p.setProperty("connectTimeout", Long.toString(Math.max(1, connect.toSeconds())));
            p.setProperty("loginTimeout", Long.toString(Math.max(1, connect.toSeconds())));
            p.setProperty("socketTimeout", Long.toString(Math.max(1, left.toSeconds())));
            p.setProperty("ApplicationName", "shepherd-secret-rotation");
        } else {
            driver = new org.mariadb.jdbc.Driver();
            url = "jdbc:mariadb://" + s.host() + ":" + s.port() + "/" + db;
            p.setProperty("sslMode", tls ? "verify-full" : "disable");
            caBundle.filter(ca -> tls).ifPresent(ca -> p.setProperty("serverSslCert", ca.toString()));
            p.setProperty("connectTimeout", Long.toString(connect.toMillis()));
            p.setProperty("socketTimeout", Long.toString(left.toMillis()));
        }
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("driver refused URL for " + s.engine());
        }
        return c;
    }

    /** The driver's message, which names host and user but not the password (drivers never echo it). */
    private static String describe(SQLException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}

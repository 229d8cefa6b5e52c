package dev.shepherd.rotation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * PostgreSQL: passwords are set with pgjdbc's {@code alterUserPassword}, which hashes them (SCRAM-SHA-256) on the
 * client, so the plaintext never reaches the server or its statement log. DDL takes no bind parameters, so role
 * names are quoted by the server with {@code format('%I', ?)} and the resulting text run as is.
 */
final class PostgresAccounts implements Accounts {
    private static final String HASH = "scram-sha-256";

    @Override
    public void changeOwnPassword(Connection c, String user, String newPassword) {
        Accounts.withPassword("Setting the password of PostgreSQL role " + user,
                () -> c.unwrap(PGConnection.class).alterUserPassword(user, newPassword.toCharArray(), HASH));
    }

    @Override
    public void upsertUser(Connection c, String templateUser, String user, String password) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!roleExists(c, user)) {
                // Membership in the template role gives the clone its privileges, as AWS's function does.
                execute(c, quoted(c, "CREATE ROLE %I WITH LOGIN", user));
                execute(c, quoted(c, "GRANT %I TO %I", templateUser, user));
            }
            Accounts.withPassword("Setting the password of PostgreSQL role " + user,
                    () -> c.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), HASH));
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static boolean roleExists(Connection c, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            ps.setString(1, role);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Server-side quoting: {@code format(template, names...)} with every name as a bind parameter. */
    static String quoted(Connection c, String template, String... names) throws SQLException {
        StringBuilder call = new StringBuilder("SELECT format(?");
        for (int i = 0; i < names.length; i++) {
            call.append(", ?");
        }
        try (PreparedStatement ps = c.prepareStatement(call.append(")").toString())) {
            ps.setString(1, template);
            for (int i = 0; i < names.length; i++) {
                ps.setString(i + 2, names[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

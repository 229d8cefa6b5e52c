package dev.shepherd.rotation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB. User names and passwords are bind parameters; MariaDB Connector/J substitutes them as
 * escaped string literals on the client (its default), which is what account statements need since the server
 * cannot prepare them. Users are {@code 'name'@'%'}, as with AWS's functions.
 */
final class MysqlAccounts implements Accounts {
    private static final String ANY_HOST = "@'%'";

    @Override
    public void changeOwnPassword(Connection c, String user, String newPassword) throws SQLException {
        String sql = nativeSetPassword(c) ? "SET PASSWORD = ?" : "SET PASSWORD = PASSWORD(?)";
        Accounts.withPassword("Setting the password of " + user, () -> update(c, sql, newPassword));
    }

    @Override
    public void upsertUser(Connection c, String templateUser, String user, String password) throws SQLException {
        if (userExists(c, user)) {
            Accounts.withPassword("Setting the password of " + user,
                    () -> update(c, "ALTER USER ?" + ANY_HOST + " IDENTIFIED BY ?", user, password));
        } else {
            Accounts.withPassword("Creating user " + user,
                    () -> update(c, "CREATE USER ?" + ANY_HOST + " IDENTIFIED BY ?", user, password));
        }
        // Grants are re-applied on every run (additive), so a rotation repairs a half-copied user.
        for (String grant : grantsOf(c, templateUser)) {
            update(c, grant + " TO ?" + ANY_HOST, user);
        }
        copyTlsRequirement(c, templateUser, user);
    }

    /** MySQL 8+ hashes {@code SET PASSWORD = 'x'} itself and has no PASSWORD(); MariaDB and MySQL 5.x need it. */
    private static boolean nativeSetPassword(Connection c) throws SQLException {
        String version = c.getMetaData().getDatabaseProductVersion();
        return !version.contains("MariaDB") && c.getMetaData().getDatabaseMajorVersion() >= 8;
    }

    private static boolean userExists(Connection c, String user) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM mysql.user WHERE User = ? AND Host = '%'")) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The template user's grants as the server prints them, each cut before its grantee; the server's own text
     * is trusted SQL. {@code WITH GRANT OPTION} is not carried over (the clone needs no power to grant).
     */
    private static List<String> grantsOf(Connection c, String user) throws SQLException {
        List<String> grants = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SHOW GRANTS FOR ?" + ANY_HOST)) {
            ps.setString(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String row = rs.getString(1);
                    int to = row.indexOf(" TO ");
                    if (to > 0 && row.startsWith("GRANT ") && !row.startsWith("GRANT PROXY")) {
                        grants.add(row.substring(0, to));
                    }
                }
            }
        }
        return grants;
    }

    private static void copyTlsRequirement(Connection c, String from, String to) throws SQLException {
        String type;
        List<String> values = new ArrayList<>();
        StringBuilder require = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT ssl_type, ssl_cipher, x509_issuer, x509_subject FROM mysql.user WHERE User = ? AND Host = '%'")) {
            ps.setString(1, from);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RotationException("User " + from + "@'%' does not exist on the server; cannot copy it to " + to);
                }
                type = rs.getString(1) == null ? "" : rs.getString(1);
                String[] names = {"CIPHER", "ISSUER", "SUBJECT"};
                for (int i = 0; i < names.length; i++) {
                    String v = rs.getString(i + 2);
                    if (v != null && !v.isEmpty()) {
                        require.append(require.isEmpty() ? "" : " AND ").append(names[i]).append(" ?");
                        values.add(v);
                    }
                }
            }
        }
        String clause = switch (type) {
            case "ANY" -> "SSL";
            case "X509" -> "X509";
            case "SPECIFIED" -> require.isEmpty() ? "SSL" : require.toString();
            default -> "NONE";
        };
        List<String> params = new ArrayList<>(List.of(to));
        if (type.equals("SPECIFIED")) {
            params.addAll(values);
        }
        update(c, "ALTER USER ?" + ANY_HOST + " REQUIRE " + clause, params.toArray(String[]::new));
    }

    private static void update(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            ps.execute();
        }
    }
}

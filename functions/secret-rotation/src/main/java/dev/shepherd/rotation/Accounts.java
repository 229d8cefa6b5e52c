package dev.shepherd.rotation;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The user-management statements of one engine family. No value is pasted into SQL text: values are bind
 * parameters, identifiers are quoted by the server ({@code format('%I')}) or passed as string literals, and
 * password statements never let the driver's message (which may quote the statement) escape.
 */
public interface Accounts {
    /** As {@code user} on {@code connection}: set its own password. */
    void changeOwnPassword(Connection connection, String user, String newPassword) throws SQLException;

    /**
     * As the master on {@code connection}: create {@code user} with {@code templateUser}'s privileges, or, if it
     * exists, reset its password (re-applying privileges where the engine copies them on every run).
     * All-or-nothing where the engine's DDL is transactional; otherwise safe to run again.
     */
    void upsertUser(Connection connection, String templateUser, String user, String password) throws SQLException;

    static Accounts of(Engine engine) {
        return engine == Engine.POSTGRES ? new PostgresAccounts() : new MysqlAccounts();
    }

    /** Runs a statement carrying a password; on failure reports only SQLState and code, never the driver's text. */
    static void withPassword(String what, SqlAction action) {
        try {
            action.run();
        } catch (SQLException e) {
            throw new RotationException(what + " failed: SQLState " + e.getSQLState() + ", error code " + e.getErrorCode());
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}

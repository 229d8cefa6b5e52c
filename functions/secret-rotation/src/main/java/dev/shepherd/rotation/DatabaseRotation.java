package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** What both database strategies share: generating the pending value, logging in, and testing it. */
abstract class DatabaseRotation implements RotationStrategy {
    protected final SecretStore store;
    protected final RotationSettings settings;
    protected final DatabaseLogin login;

    DatabaseRotation(SecretStore store, RotationSettings settings, DatabaseLogin login) {
        this.store = store;
        this.settings = settings;
        this.login = login;
    }

    /** The user the pending version is for, given the current one. */
    abstract String pendingUser(DatabaseSecret current);

    @Override
    public String newValue(String currentValue) {
        DatabaseSecret current = DatabaseSecret.parse(currentValue, "The current version");
        String user = pendingUser(current);
        String password = store.randomPassword(settings.passwordRequest(current.engine().defaultExclusions()));
        return current.withCredentials(user, password);
    }

    @Override
    public void checkPending(String pending) {
        DatabaseSecret.parse(pending, "The pending version");
    }

    @Override
    public String test(String secretId, String pendingValue, Deadline deadline) {
        DatabaseSecret pending = DatabaseSecret.parse(pendingValue, "The pending version of " + secretId);
        try (Connection c = login.open(pending, deadline).orElseThrow(() -> new RotationException(
                "Unable to log into database with pending secret of secret " + secretId + " as " + pending));
             Statement s = c.createStatement()) {
            s.execute("SELECT NOW()");
            return "the pending credentials of " + pending + " log in and run a query";
        } catch (SQLException e) {
            throw new RotationException("Testing the pending credentials of " + pending + " failed: SQLState "
                    + e.getSQLState());
        }
    }

    /** Parses the pending value, which createSecret must have stored. */
    static DatabaseSecret pending(String secretId, String pendingValue, DatabaseSecret current) {
        DatabaseSecret pending = DatabaseSecret.parse(pendingValue, "The pending version of " + secretId);
        if (pending.engine() != current.engine()) {
            throw new RotationException("The pending version of " + secretId + " is for another engine than the current one");
        }
        return pending;
    }

    /** True (and the connection closed) if {@code secret} logs in. */
    boolean logsIn(DatabaseSecret secret, Deadline deadline) {
        Optional<Connection> c = login.open(secret, deadline);
        c.ifPresent(DatabaseRotation::close);
        return c.isPresent();
    }

    static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // The work on it is committed or rolled back already; a failed close changes nothing.
        }
    }
}

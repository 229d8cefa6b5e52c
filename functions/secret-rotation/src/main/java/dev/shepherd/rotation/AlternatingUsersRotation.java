package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Deadline;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Alternating users: the master secret ({@code masterarn}) creates or updates {@code <user>_clone} with the
 * user's privileges; each rotation resets whichever of the two is not current, so the live credential is never
 * changed while in use. The current credentials must log in before the master is used: otherwise a forged
 * secret could make the master reset any user's password (the confused deputy).
 */
final class AlternatingUsersRotation extends DatabaseRotation {
    static final String SUFFIX = "_clone";

    private final MasterEndpoint masterEndpoint;

    AlternatingUsersRotation(SecretStore store, RotationSettings settings, DatabaseLogin login,
            MasterEndpoint masterEndpoint) {
        super(store, settings, login);
        this.masterEndpoint = masterEndpoint;
    }

    @Override
    String pendingUser(DatabaseSecret current) {
        return alternate(current.username(), current.engine(), settings.mysqlUsernameLimit());
    }

    /** {@code app} ↔ {@code app_clone}; an appended name must fit the engine's limit. */
    static String alternate(String user, Engine engine, int mysqlLimit) {
        if (user.endsWith(SUFFIX)) {
            return user.substring(0, user.length() - SUFFIX.length());
        }
        String clone = user + SUFFIX;
        if (!engine.fits(clone, mysqlLimit)) {
            throw new RotationException("The alternate user name " + clone + " is longer than " + engine + " allows ("
                    + engine.limit(mysqlLimit) + "); shorten the user name");
        }
        return clone;
    }

    @Override
    public String set(String secretId, String currentValue, String pendingValue, Deadline deadline) {
        DatabaseSecret current = DatabaseSecret.parse(currentValue, "The current version of " + secretId);
        DatabaseSecret pending = pending(secretId, pendingValue, current);
        if (logsIn(pending, deadline)) {
            return "the pending password of " + pending + " already works: nothing to change";
        }
        String expected = pendingUser(current);
        if (!pending.username().equals(expected) || !pending.host().equals(current.host())) {
            throw new RotationException("The pending version of " + secretId + " is for " + pending
                    + ", which is neither the current user nor its alternate " + expected + " on " + current.host());
        }
        if (!logsIn(current, deadline)) {
            throw new RotationException("Unable to log into database using current credentials for secret " + secretId
                    + " as " + current + "; the master is not used on behalf of credentials that do not work");
        }
        String masterArn = current.masterArn().orElseThrow(() -> new RotationException("The current version of "
                + secretId + " has no 'masterarn' key; alternating users needs the ARN of the master secret"));
        DatabaseSecret master = master(masterArn, current);
        Connection c = login.open(master, deadline).orElseThrow(() -> new RotationException(
                "Unable to log into database as the master user of " + masterArn + " (" + master + ")"));
        try {
            Accounts.of(current.engine()).upsertUser(c, current.username(), pending.username(), pending.password());
        } catch (SQLException e) {
            throw new RotationException("Creating or updating " + pending + " as master failed: SQLState "
                    + e.getSQLState() + ", " + e.getMessage());
        } finally {
            close(c);
        }
        return "the master set the password of " + pending + " (the current user " + current.username()
                + " is untouched)";
    }

    /**
     * The master's credentials at the master's own endpoint ({@link MasterEndpoint}) and the current secret's
     * database. The user secret's host and port must be that endpoint: otherwise whoever wrote the user secret
     * would choose where the master logs in (read replicas as hosts are not supported).
     */
    private DatabaseSecret master(String masterArn, DatabaseSecret current) {
        String value = store.master(masterArn);
        JsonNode master = SecretJson.object(value, "The master secret " + masterArn).orElseThrow(
                () -> new RotationException("The master secret " + masterArn + " is not a JSON object"));
        String user = master.path("username").asText("");
        String password = master.path("password").asText("");
        if (user.isEmpty() || password.isEmpty()) {
            throw new RotationException("The master secret " + masterArn + " needs 'username' and 'password'");
        }
        MasterEndpoint.Endpoint at = masterEndpoint.of(masterArn, master, current.engine());
        if (!Hosts.same(at.host(), current.host()) || at.port() != current.port()) {
            throw new RotationException("The secret's host and port " + current.host() + ":" + current.port()
                    + " are not the master's endpoint " + at.host() + ":" + at.port() + " (from " + at.source()
                    + "); the master is only used at its own endpoint (read replicas are not supported)");
        }
        return current.loginAs(at.host(), at.port(), user, password);
    }
}

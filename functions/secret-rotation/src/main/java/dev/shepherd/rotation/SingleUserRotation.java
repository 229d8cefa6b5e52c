package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Single user: the user changes its own password. If the database still holds the previous password (an earlier
 * rotation set it but did not finish), it logs in with AWSPREVIOUS instead and recovers.
 */
final class SingleUserRotation extends DatabaseRotation {
    private static final Logger LOG = LoggerFactory.getLogger(SingleUserRotation.class);

    SingleUserRotation(SecretStore store, RotationSettings settings, DatabaseLogin login) {
        super(store, settings, login);
    }

    @Override
    String pendingUser(DatabaseSecret current) {
        return current.username();
    }

    @Override
    public String set(String secretId, String currentValue, String pendingValue, Deadline deadline) {
        DatabaseSecret current = DatabaseSecret.parse(currentValue, "The current version of " + secretId);
        DatabaseSecret pending = pending(secretId, pendingValue, current);
        if (logsIn(pending, deadline)) {
            return "the pending password of " + pending + " already works: nothing to change";
        }
        if (!pending.username().equals(current.username()) || !pending.host().equals(current.host())) {
            throw new RotationException("The pending version of " + secretId + " names another user or host than the"
                    + " current one (" + pending + " vs " + current + "); single-user rotation changes neither");
        }
        String via = "current";
        Optional<Connection> connection = login.open(current, deadline);
        if (connection.isEmpty()) {
            Optional<DatabaseSecret> previous = previous(secretId, current);
            if (previous.isPresent()) {
                via = "previous";
                connection = login.open(previous.get(), deadline);
            }
        }
        Connection c = connection.orElseThrow(() -> new RotationException(
                "Unable to log into database with previous, current, or pending secret of secret " + secretId
                        + " as " + current));
        try {
            Accounts.of(current.engine()).changeOwnPassword(c, pending.username(), pending.password());
        } catch (SQLException e) {
            throw new RotationException("Changing the password of " + pending + " failed: SQLState " + e.getSQLState());
        } finally {
            close(c);
        }
        return "changed the password of " + pending + " (logged in with the " + via + " password)";
    }

    /** AWSPREVIOUS, with current's TLS setting, if it is for the same user and host; otherwise none. */
    private Optional<DatabaseSecret> previous(String secretId, DatabaseSecret current) {
        Optional<String> value = store.previous(secretId);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            DatabaseSecret previous = DatabaseSecret.parse(value.get(), "The previous version of " + secretId);
            if (previous.engine() == current.engine() && previous.username().equals(current.username())
                    && previous.host().equals(current.host())) {
                return Optional.of(previous.withTls(current.tls()));
            }
            LOG.warn("AWSPREVIOUS of {} is for {} ({}), not {}: not used", secretId, previous, previous.engine(), current);
        } catch (RotationException e) {
            LOG.warn("AWSPREVIOUS of {} is not usable: {}", secretId, e.getMessage());
        }
        return Optional.empty();
    }
}

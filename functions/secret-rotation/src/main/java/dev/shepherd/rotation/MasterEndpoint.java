package dev.shepherd.rotation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Deadline;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * Where the master user logs in, decided by the master secret alone: its own {@code host} and {@code port}, or,
 * for an RDS-managed master secret (which holds only credentials), the endpoint of the instance or cluster that
 * RDS tagged it with. Never the user secret's host: whoever writes the user secret must not be able to send the
 * master's password to a server of their choosing.
 */
final class MasterEndpoint {
    static final String INSTANCE_TAG = "aws:rds:primarydbinstancearn";
    static final String CLUSTER_TAG = "aws:rds:primarydbclusterarn";
    /** Longer tag values are refused, as AWS's functions do; an RDS ARN is far shorter. */
    private static final int MAX_ARN = 256;

    record Endpoint(String host, int port, String source) {
    }

    private final SecretStore store;
    private final Supplier<RdsClient> rds;
    private final Deadline deadline;

    /** {@code rds} is only built when a master secret without a host needs it. */
    MasterEndpoint(SecretStore store, Supplier<RdsClient> rds, Deadline deadline) {
        this.store = store;
        this.rds = rds;
        this.deadline = deadline;
    }

    Endpoint of(String masterArn, JsonNode master, Engine engine) {
        JsonNode host = master.get("host");
        if (host != null && !host.isNull()) {
            if (!host.isTextual() || !Hosts.valid(host.textValue())) {
                throw new RotationException("The master secret " + masterArn + " has 'host' that is not a DNS name or"
                        + " an IP address");
            }
            int port = DatabaseSecret.port(master.get("port"), engine, "The master secret " + masterArn);
            return new Endpoint(host.textValue(), port, "the master secret");
        }
        Optional<Tag> tag = store.describe(masterArn).tags().stream()
                .filter(t -> INSTANCE_TAG.equalsIgnoreCase(t.key()) || CLUSTER_TAG.equalsIgnoreCase(t.key()))
                .findFirst();
        if (tag.isEmpty()) {
            throw new RotationException("The master secret " + masterArn + " has no 'host' and no " + INSTANCE_TAG
                    + " or " + CLUSTER_TAG + " tag: the master's endpoint cannot be established, so it is not used");
        }
        String arn = tag.get().value();
        if (arn == null || arn.isEmpty() || arn.length() > MAX_ARN) {
            throw new RotationException("The master secret " + masterArn + " has a " + tag.get().key()
                    + " tag that is empty or longer than " + MAX_ARN + " characters");
        }
        return INSTANCE_TAG.equalsIgnoreCase(tag.get().key()) ? instance(masterArn, arn) : cluster(masterArn, arn);
    }

    private Endpoint instance(String masterArn, String arn) {
        try {
            return rds.get().describeDBInstances(r -> r.dbInstanceIdentifier(arn).overrideConfiguration(timeout()))
                    .dbInstances().stream()
                    .filter(i -> i.endpoint() != null && i.endpoint().address() != null && i.endpoint().port() != null)
                    .map(i -> new Endpoint(i.endpoint().address(), i.endpoint().port(), "RDS instance " + arn))
                    .findFirst().orElseThrow(() -> noEndpoint(masterArn, "RDS instance " + arn));
        } catch (DbInstanceNotFoundException e) {
            throw new RotationException("The RDS instance " + arn + " that tags the master secret " + masterArn
                    + " was not found");
        }
    }

    private Endpoint cluster(String masterArn, String arn) {
        try {
            return rds.get().describeDBClusters(r -> r.dbClusterIdentifier(arn).overrideConfiguration(timeout()))
                    .dbClusters().stream()
                    .filter(c -> c.endpoint() != null && c.port() != null)
                    .map(c -> new Endpoint(c.endpoint(), c.port(), "RDS cluster " + arn))
                    .findFirst().orElseThrow(() -> noEndpoint(masterArn, "RDS cluster " + arn));
        } catch (DbClusterNotFoundException e) {
            throw new RotationException("The RDS cluster " + arn + " that tags the master secret " + masterArn
                    + " was not found");
        }
    }

    private static RotationException noEndpoint(String masterArn, String what) {
        return new RotationException(what + " (tagging the master secret " + masterArn + ") has no endpoint yet");
    }

    /** RDS calls are bounded by the deadline too (see {@link SecretStore}). */
    private AwsRequestOverrideConfiguration timeout() {
        Duration left = deadline.cap(SecretStore.CALL_TIMEOUT);
        if (left.isZero()) {
            throw new RotationException("Lambda deadline reached before asking RDS for the master's endpoint");
        }
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(left).build();
    }
}

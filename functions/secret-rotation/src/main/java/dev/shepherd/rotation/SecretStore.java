package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Secrets Manager calls rotation makes, for one invocation. Values are read fresh on every call (no cache): a
 * cached current or pending value could be a version that rotation has already moved past. Every call is bounded by
 * the invocation's deadline as well as the client's own call timeout, so a Secrets Manager that stops answering
 * fails the step before Lambda stops the function mid-way.
 */
public final class SecretStore {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";

    /** The client's own call timeout (core's AwsClients); a per-request timeout replaces it, so it is applied again. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final SecretsManagerClient client;
    private final Deadline deadline;

    public SecretStore(SecretsManagerClient client, Deadline deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    public DescribeSecretResponse describe(String secretId) {
        return call("DescribeSecret", secretId, () -> client.describeSecret(r -> r.secretId(secretId)
                .overrideConfiguration(timeout("DescribeSecret", secretId))));
    }

    /** The {@code AWSCURRENT} value; a secret without one cannot be rotated. */
    public String current(String secretId) {
        return read(secretId, GetSecretValueRequest.builder().secretId(secretId).versionStage(CURRENT))
                .orElseThrow(() -> new RotationException("Secret " + secretId
                        + " has no AWSCURRENT value to rotate from"));
    }

    /** The master secret's {@code AWSCURRENT} value. */
    public String master(String masterArn) {
        return read(masterArn, GetSecretValueRequest.builder().secretId(masterArn).versionStage(CURRENT))
                .orElseThrow(() -> new RotationException("master secret " + masterArn + " not found (or it has no"
                        + " AWSCURRENT value)"));
    }

    /**
     * The value of version {@code token} if it still holds {@code AWSPENDING}: reading by id and label together
     * means a version whose rotation was abandoned is never used. Empty while the version is the value-less
     * placeholder {@code RotateSecret} creates.
     */
    public Optional<String> pending(String secretId, String token) {
        return read(secretId,
                GetSecretValueRequest.builder().secretId(secretId).versionId(token).versionStage(PENDING));
    }

    public Optional<String> previous(String secretId) {
        return read(secretId, GetSecretValueRequest.builder().secretId(secretId).versionStage(PREVIOUS));
    }

    /** Stores the new value under {@code token} with only the {@code AWSPENDING} label; idempotent per token. */
    public void putPending(String secretId, String token, String value, Optional<String> rotationToken) {
        PutSecretValueRequest.Builder put = PutSecretValueRequest.builder().secretId(secretId).clientRequestToken(token)
                .secretString(value).versionStages(PENDING);
        rotationToken.ifPresent(put::rotationToken);
        put.overrideConfiguration(timeout("PutSecretValue", secretId));
        call("PutSecretValue", secretId, () -> client.putSecretValue(put.build()));
    }

    /** Moves {@code AWSCURRENT} to {@code token}; Secrets Manager moves {@code AWSPREVIOUS} to the old version itself. */
    public void promote(String secretId, String token, Optional<String> currentVersion) {
        AwsRequestOverrideConfiguration timeout = timeout("UpdateSecretVersionStage", secretId);
        call("UpdateSecretVersionStage", secretId, () -> client.updateSecretVersionStage(r -> {
            r.secretId(secretId).versionStage(CURRENT).moveToVersionId(token).overrideConfiguration(timeout);
            currentVersion.ifPresent(r::removeFromVersionId);
        }));
    }

    public String randomPassword(GetRandomPasswordRequest request) {
        GetRandomPasswordRequest bounded = request.toBuilder()
                .overrideConfiguration(timeout("GetRandomPassword", null)).build();
        return call("GetRandomPassword", null, () -> client.getRandomPassword(bounded)).randomPassword();
    }

    /** The version that holds {@code stage}, from a describe response. */
    public static Optional<String> versionWith(DescribeSecretResponse described, String stage) {
        Map<String, List<String>> stages = described.versionIdsToStages();
        return stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst();
    }

    private Optional<String> read(String secretId, GetSecretValueRequest.Builder request) {
        request.overrideConfiguration(timeout("GetSecretValue", secretId));
        GetSecretValueResponse response;
        try {
            response = call("GetSecretValue", secretId, () -> client.getSecretValue(request.build()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        if (response.secretString() == null) {
            throw new RotationException("Secret " + secretId + " version " + response.versionId()
                    + " holds SecretBinary only; rotation needs a SecretString");
        }
        return Optional.of(response.secretString());
    }

    /** The smaller of the client's call timeout and the time left; no call is started once the deadline has passed. */
    private AwsRequestOverrideConfiguration timeout(String operation, String secretId) {
        Duration left = deadline.cap(CALL_TIMEOUT);
        if (left.isZero()) {
            throw deadlineReached(operation, secretId);
        }
        return AwsRequestOverrideConfiguration.builder().apiCallTimeout(left).build();
    }

    private <T> T call(String operation, String secretId, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiCallTimeoutException e) {
            throw deadlineReached(operation, secretId);
        }
    }

    private RotationException deadlineReached(String operation, String secretId) {
        String of = secretId == null ? "" : " for secret " + secretId;
        return new RotationException("Secrets Manager " + operation + of + " did not complete before the Lambda deadline; the step stopped there");
    }
}

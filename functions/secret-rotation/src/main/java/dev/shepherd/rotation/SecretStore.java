package dev.shepherd.rotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The Secrets Manager calls rotation makes. Values are read fresh on every call (no cache): a cached current
 * or pending value could be a version that rotation has already moved past.
 */
public final class SecretStore {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";

    private final SecretsManagerClient client;

    public SecretStore(SecretsManagerClient client) {
        this.client = client;
    }

    public DescribeSecretResponse describe(String secretId) {
        return client.describeSecret(r -> r.secretId(secretId));
    }

    /** The {@code AWSCURRENT} value; a secret without one cannot be rotated. */
    public String current(String secretId) {
        return read(secretId, GetSecretValueRequest.builder().secretId(secretId).versionStage(CURRENT).build())
                .orElseThrow(() -> new RotationException("Secret " + secretId + " has no AWSCURRENT value to rotate from"));
    }

    /**
     * The value of version {@code token} if it still holds {@code AWSPENDING}: reading by id and label together
     * means a version whose rotation was abandoned is never used. Empty while the version is the value-less
     * placeholder {@code RotateSecret} creates.
     */
    public Optional<String> pending(String secretId, String token) {
        return read(secretId, GetSecretValueRequest.builder().secretId(secretId).versionId(token).versionStage(PENDING).build());
    }

    public Optional<String> previous(String secretId) {
        return read(secretId, GetSecretValueRequest.builder().secretId(secretId).versionStage(PREVIOUS).build());
    }

    /** Stores the new value under {@code token} with only the {@code AWSPENDING} label; idempotent per token. */
    public void putPending(String secretId, String token, String value, Optional<String> rotationToken) {
        PutSecretValueRequest.Builder put = PutSecretValueRequest.builder().secretId(secretId).clientRequestToken(token)
                .secretString(value).versionStages(PENDING);
        rotationToken.ifPresent(put::rotationToken);
        client.putSecretValue(put.build());
    }

    /** Moves {@code AWSCURRENT} to {@code token}; Secrets Manager moves {@code AWSPREVIOUS} to the old version itself. */
    public void promote(String secretId, String token, Optional<String> currentVersion) {
        client.updateSecretVersionStage(r -> {
            r.secretId(secretId).versionStage(CURRENT).moveToVersionId(token);
            currentVersion.ifPresent(r::removeFromVersionId);
        });
    }

    public String randomPassword(GetRandomPasswordRequest request) {
        return client.getRandomPassword(request).randomPassword();
    }

    /** The version that holds {@code stage}, from a describe response. */
    public static Optional<String> versionWith(DescribeSecretResponse described, String stage) {
        Map<String, List<String>> stages = described.versionIdsToStages();
        return stages.entrySet().stream().filter(e -> e.getValue().contains(stage)).map(Map.Entry::getKey).findFirst();
    }

    private Optional<String> read(String secretId, GetSecretValueRequest request) {
        GetSecretValueResponse response;
        try {
            response = client.getSecretValue(request);
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
        if (response.secretString() == null) {
            throw new RotationException("Secret " + secretId + " version " + response.versionId()
                    + " holds SecretBinary only; rotation needs a SecretString");
        }
        return Optional.of(response.secretString());
    }
}

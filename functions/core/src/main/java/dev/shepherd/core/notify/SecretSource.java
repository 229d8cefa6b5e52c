package dev.shepherd.core.notify;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.lambda.powertools.parameters.secrets.SecretsProvider;

/**
 * One channel's secret, read through Powertools Parameters on the platform's Secrets Manager client (journaled,
 * sandbox-aware) when the channel first sends, then cached for a few minutes. One provider per channel: the
 * provider's max-age setting is per call state, and one channel's slow read must not hold up another's.
 */
final class SecretSource {
    static final int CACHE_SECONDS = 300;

    /** Built when a channel first sends, not at init. */
    private final Supplier<SecretsManagerClient> client;
    private final String secretId;
    private SecretsProvider provider;

    SecretSource(Supplier<SecretsManagerClient> client, String secretId) {
        this.client = client;
        this.secretId = secretId;
    }

    String secretId() {
        return secretId;
    }

    synchronized String read() throws SecretProblem {
        if (provider == null) {
            provider = SecretsProvider.builder().withClient(client.get()).build();
        }
        try {
            String value = provider.withMaxAge(CACHE_SECONDS, ChronoUnit.SECONDS).get(secretId);
            if (value == null || value.isEmpty()) {
                throw new SecretProblem("secret " + secretId + " has no value");
            }
            return value;
        } catch (ResourceNotFoundException e) {
            throw new SecretProblem("secret " + secretId + " does not exist (or has no current version)");
        } catch (AwsServiceException e) {
            throw new SecretProblem("could not read secret " + secretId + ": "
                    + (e.awsErrorDetails() == null ? "HTTP " + e.statusCode() : e.awsErrorDetails().errorCode()));
        } catch (SdkException | IllegalArgumentException | NullPointerException e) {
            // The SDK's client-side messages name endpoints, not values; still, only the type is shown.
            throw new SecretProblem("could not read secret " + secretId + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Drops the cached value, so the next send reads the secret again (after a webhook was revoked). */
    synchronized void forget() {
        provider = null;
    }
}

package dev.shepherd.core;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.lambda.powertools.parameters.ssm.SSMProvider;

/**
 * SSM Parameter Store through Powertools Parameters, on the platform's own SSM client (so calls are
 * journaled, use the shared HTTP client, and reach the sandbox locally), with a short cache.
 */
public final class Parameters {
    private static final int CACHE_SECONDS = 60;
    private final SSMProvider provider;

    public Parameters(Platform platform) {
        this.provider = SSMProvider.builder().withClient(platform.client(SsmClient.class)).build();
    }

    /** The decrypted value of a parameter, or empty when it does not exist. */
    public Optional<String> find(String name) {
        try {
            return Optional.ofNullable(provider.withDecryption().withMaxAge(CACHE_SECONDS, ChronoUnit.SECONDS).get(name));
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            // Powertools wraps provider errors; unwrap the not-found case so callers see "absent".
            if (e.getCause() instanceof ParameterNotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}

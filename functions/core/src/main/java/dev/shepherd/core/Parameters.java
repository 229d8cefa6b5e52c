package dev.shepherd.core;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
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

    /**
     * A parameter read at init: its value, or empty when it does not exist. One that cannot be read (denied,
     * throttled past retries) stops init as a ConfigException naming it and the error code.
     *
     * @param what what the parameter is, for the message ("the route parameter")
     */
    public Optional<String> atInit(String name, String what) {
        try {
            return find(name);
        } catch (SdkException e) {
            String why = e instanceof AwsServiceException a && a.awsErrorDetails() != null
                    ? a.awsErrorDetails().errorCode() : e.getClass().getSimpleName();
            throw new ConfigException(List.of("cannot read " + what + " " + name + " (" + why + ")"));
        }
    }
}

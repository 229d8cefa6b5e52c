package dev.shepherd.rotation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Invocation;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets Manager's rotation entry point: decode the event, run the step, throw on failure (only a thrown error
 * marks a step failed). The event is never logged whole: it may carry the RotationToken. It reads the raw event
 * itself, strictly, rather than through the runtime's lenient POJO mapping (which also costs ~900 classes at init).
 */
public final class SecretRotationHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotationHandler.class);
    /** Kept back from the Lambda deadline to report a failure before the runtime stops us. */
    static final Duration RESERVE = Duration.ofSeconds(2);

    private final Rotator rotator;
    private final Telemetry telemetry;
    private final Invocation<RotationRequest, String> invocation;
    /** Held here because the CRaC context keeps only a weak reference; null off Lambda's constructor. */
    private final Priming priming;

    /** Lambda's constructor: clients and settings built once, at init, and priming registered for SnapStart. */
    public SecretRotationHandler() {
        this(Platform.current(), true);
    }

    public SecretRotationHandler(Platform platform) {
        this(platform, false);
    }

    private SecretRotationHandler(Platform platform, boolean primeBeforeSnapshot) {
        RotationSettings settings = RotationSettings.from(platform);
        GuardedHttp http = new GuardedHttp(new AddressGuard(settings.testUrlLoopback()));
        this.rotator = new Rotator(platform.client(SecretsManagerClient.class),
                () -> platform.client(RdsClient.class), settings, new DatabaseLogin(settings.caBundle()), http);
        this.telemetry = new Telemetry("secret-rotation", settings.environment());
        this.invocation = new Invocation<>(telemetry, platform.clock(), RESERVE, new Steps());
        this.priming = primeBeforeSnapshot ? Priming.register(new RotationPriming(platform)) : null;
    }

    /** Secrets Manager ignores the answer; the step's outcome is whether this throws. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.handle(input, output, context);
    }

    /** Runs the step of an in-process event (the local demo, tests). */
    public String decide(SecretsManagerRotationEvent event, Context context) {
        return decide(RotationRequest.of(event), context);
    }

    /** Runs the step and returns its decision in plain words (the local demo prints it). */
    public String decide(RotationRequest request, Context context) {
        return invocation.run(request, context);
    }

    private final class Steps implements Invocation.Steps<RotationRequest, String> {
        @Override
        public RotationRequest decode(byte[] raw) {
            return RotationRequest.parse(raw);
        }

        @Override
        public Map<String, String> correlation(RotationRequest request) {
            return Map.of("secretArn", request.secretId(), "versionId", request.token(), "step", request.step().wire());
        }

        @Override
        public String action(RotationRequest request) {
            return request.step().wire();
        }

        @Override
        public String run(RotationRequest request, Deadline deadline) {
            try {
                String decision = rotator.run(request, deadline);
                LOG.info("{} done: {}", request.step().wire(), decision);
                telemetry.count("RotationStepDone", "step", request.step().wire());
                return decision;
            } catch (RotationException e) {
                LOG.error("{} failed: {}", request.step().wire(), e.getMessage());
                telemetry.count("RotationStepFailed", "step", request.step().wire());
                throw e;
            }
        }

        /** Secrets Manager ignores the answer. */
        @Override
        public byte[] encode(String decision) {
            return new byte[0];
        }

        /** Messages name the secret, version, user or host, never a value. */
        @Override
        public boolean isOwn(RuntimeException e) {
            return e instanceof RotationException;
        }

        /** Only a thrown error marks the step failed. */
        @Override
        public String unexpected(RotationRequest request, RuntimeException e) {
            telemetry.count("RotationStepFailed", "step", request.step().wire());
            if (e instanceof SdkException) {
                throw e; // the SDK's own message names the service and status, never request values
            }
            throw new RotationException(request.step().wire() + " of secret " + request.secretId()
                    + " failed with an unexpected " + e.getClass().getName());
        }
    }
}

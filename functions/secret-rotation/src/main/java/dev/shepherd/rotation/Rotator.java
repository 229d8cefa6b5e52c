package dev.shepherd.rotation;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.http.GuardedHttp;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * The four-step protocol, with the checks AWS's rotation functions make before every step: rotation enabled,
 * the token is a version of the secret, a token already AWSCURRENT is success for any step (so a retry after
 * finishSecret changes nothing), and a token not AWSPENDING is an error (the rotation was abandoned).
 */
public final class Rotator {
    private final SecretsManagerClient secretsManager;
    private final RotationSettings settings;
    private final DatabaseLogin login;
    private final GuardedHttp http;
    private final Supplier<RdsClient> rds;

    /** {@code rds} is asked for its client only when an RDS-managed master secret needs an endpoint looked up. */
    public Rotator(SecretsManagerClient secretsManager, Supplier<RdsClient> rds, RotationSettings settings,
            DatabaseLogin login, GuardedHttp http) {
        this.secretsManager = secretsManager;
        this.rds = rds;
        this.settings = settings;
        this.login = login;
        this.http = http;
    }

    /** Runs one step; returns what it decided, in plain words. */
    public String run(RotationRequest request, Deadline deadline) {
        return new Invocation(new SecretStore(secretsManager, deadline), deadline).run(request, deadline);
    }

    /** One step's work: every Secrets Manager call it makes is bounded by that step's deadline. */
    private final class Invocation {
        private final SecretStore store;
        private final RotationStrategy single;
        private final RotationStrategy alternating;
        private final RotationStrategy generic;

        Invocation(SecretStore store, Deadline deadline) {
            this.store = store;
            this.single = new SingleUserRotation(store, settings, login);
            this.alternating = new AlternatingUsersRotation(store, settings, login,
                    new MasterEndpoint(store, rds, deadline));
            this.generic = new GenericRotation(store, settings, http);
        }

        String run(RotationRequest request, Deadline deadline) {
            String id = request.secretId();
            String token = request.token();
            if (deadline.expired()) {
                throw new RotationException("Lambda deadline reached before " + request.step().wire() + " of secret "
                        + id + " began; nothing was changed");
            }
            DescribeSecretResponse described = store.describe(id);
            if (Boolean.FALSE.equals(described.rotationEnabled())) {
                throw new RotationException("Secret " + id + " is not enabled for rotation");
            }
            List<String> stages = described.versionIdsToStages().get(token);
            if (stages == null) {
                throw new RotationException("Secret version " + token + " has no stage for rotation of secret " + id);
            }
            if (stages.contains(SecretStore.CURRENT)) {
                return "version " + token + " is already AWSCURRENT: " + request.step().wire() + " has nothing to do";
            }
            if (!stages.contains(SecretStore.PENDING)) {
                throw new RotationException("Secret version " + token + " is not set as AWSPENDING for rotation of"
                        + " secret " + id + " (stages " + stages + "); the rotation was abandoned or cancelled");
            }
            return switch (request.step()) {
                case CREATE -> create(request);
                case SET -> {
                    String current = store.current(id);
                    yield strategy(id, current).set(id, current, pendingValue(id, token), deadline);
                }
                case TEST -> strategy(id, store.current(id)).test(id, pendingValue(id, token), deadline);
                case FINISH -> finish(id, token, described);
            };
        }

        private String create(RotationRequest request) {
            String id = request.secretId();
            String current = store.current(id);
            RotationStrategy strategy = strategy(id, current);
            Optional<String> existing = store.pending(id, request.token());
            if (existing.isPresent()) {
                strategy.checkPending(existing.get());
                return "the pending version " + request.token() + " already holds a value: reused, nothing generated";
            }
            store.putPending(id, request.token(), strategy.newValue(current), request.rotationToken());
            return "stored a new value as pending version " + request.token() + " (" + name(strategy) + ")";
        }

        private String finish(String id, String token, DescribeSecretResponse described) {
            // Secrets Manager would move AWSCURRENT to the value-less placeholder RotateSecret created, leaving the
            // secret with no current value: every later rotation would fail.
            if (store.pending(id, token).isEmpty()) {
                throw new RotationException("The pending version " + token + " of secret " + id + " has no value"
                        + " (createSecret has not stored one); AWSCURRENT was not moved");
            }
            Optional<String> current = SecretStore.versionWith(described, SecretStore.CURRENT);
            store.promote(id, token, current);
            return "moved AWSCURRENT to version " + token
                    + current.map(v -> " from " + v).orElse(" (no version held it)");
        }

        private String pendingValue(String id, String token) {
            return store.pending(id, token).orElseThrow(() -> new RotationException("The pending version " + token
                    + " of secret " + id + " has no value (createSecret has not stored one); nothing to set or test"));
        }

        /** Database secrets ({@link DatabaseSecret#isDatabaseSecret}) with {@code masterarn} alternate users; without, single user. */
        RotationStrategy strategy(String id, String current) {
            if (!DatabaseSecret.isDatabaseSecret(current, "The current version of " + id)) {
                return generic;
            }
            DatabaseSecret secret = DatabaseSecret.parse(current, "The current version of " + id);
            return secret.masterArn().isPresent() ? alternating : single;
        }

        private String name(RotationStrategy s) {
            return s == single ? "single user" : s == alternating ? "alternating users" : "generic";
        }
    }
}

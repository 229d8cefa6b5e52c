package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetRandomPasswordResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.PutSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageResponse;

/**
 * In-memory {@link SecretsManagerClient} with the version-stage rules rotation depends on:
 * <ul>
 *   <li>each staging label is on at most one version; moving {@code AWSCURRENT} puts {@code AWSPREVIOUS} on
 *       the version that held it; a version left without labels disappears from {@code VersionIdsToStages};</li>
 *   <li>{@link #beginRotation} creates the empty {@code AWSPENDING} placeholder that {@code RotateSecret} creates
 *       before it invokes the function, so reading it fails with ResourceNotFoundException until a value is put;</li>
 *   <li>{@code PutSecretValue} is idempotent per {@code ClientRequestToken} (same value: no change; other value:
 *       ResourceExistsException) and, putting {@code AWSCURRENT} while a rotation is pending, abandons that
 *       rotation as the service does (removes {@code AWSPENDING});</li>
 *   <li>{@code UpdateSecretVersionStage} requires {@code RemoveFromVersionId} to name the version that holds the
 *       label when the label is attached elsewhere.</li>
 * </ul>
 * Faults can be injected per operation, before the operation's effect or after it (the effect happens, the
 * caller still sees an error, as with a response lost to a timeout).
 */
public final class FakeSecretsManager extends FakeService implements SecretsManagerClient {
    public static final String CURRENT = "AWSCURRENT";
    public static final String PENDING = "AWSPENDING";
    public static final String PREVIOUS = "AWSPREVIOUS";
    private static final String ACCOUNT = "123456789012";
    /** When a seeded {@code "deleted": true} secret was scheduled for deletion, as DescribeSecret's DeletedDate. */
    private static final java.time.Instant DELETION_REQUESTED = java.time.Instant.parse("2026-01-01T00:00:00Z");
    private static final String REGION = Sandbox.HOME_REGION;
    private static final int MAX_LIST_RESULTS = 100;
    private static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    private static final String ARN_SUFFIX_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** When an injected fault strikes relative to the operation's effect. */
    public enum Timing { BEFORE_EFFECT, AFTER_EFFECT }

    private record Fault(String operation, Timing timing, Supplier<RuntimeException> error) {
    }

    private static final class Version {
        final String id;
        final Instant created;
        String string;
        SdkBytes binary;
        final Set<String> stages = new LinkedHashSet<>();

        Version(String id, Instant created) {
            this.id = id;
            this.created = created;
        }

        boolean hasValue() {
            return string != null || binary != null;
        }
    }

    private static final class Secret {
        final String name;
        final String arn;
        Boolean rotationEnabled;
        boolean deleted;
        final List<Tag> tags = new ArrayList<>();
        final Map<String, Version> versions = new LinkedHashMap<>();
        final Instant created;
        /** DescribeSecret's other fields (RotationRules, LastRotatedDate, ...), as seeded. */
        DescribeSecretResponse metadata = DescribeSecretResponse.builder().build();
        /** What ListSecrets shows instead, where it lags behind (it is eventually consistent). */
        DescribeSecretResponse listed = DescribeSecretResponse.builder().build();

        Secret(String name, String arn, Instant created) {
            this.name = name;
            this.arn = arn;
            this.created = created;
        }

        Optional<Version> holder(String stage) {
            return versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst();
        }
    }

    private final Map<String, Secret> secrets = new LinkedHashMap<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();

    public FakeSecretsManager(CallJournal journal) {
        super(journal, SecretsManagerClient.class);
    }

    @Override
    public String scenarioKey() {
        return "secretsmanager";
    }

    /**
     * Seeds {@code {"secrets": [{"name": ..., "value": "text" | {json}, "rotationEnabled": true|false,
     * "deleted": false, "tags": {"k": "v"}, "arn": ..., "rotating": "<token>", "metadata": {...}, "listed": {...}}]}};
     * the value becomes the {@code AWSCURRENT} version. {@code arn} fixes the ARN's random suffix (so sample events can
     * name the secret); {@code rotating} starts a rotation with that token, as {@code RotateSecret} does before the
     * first step. {@code metadata} holds DescribeSecret's other fields in its own JSON ({@code RotationRules},
     * {@code LastRotatedDate}, {@code NextRotationDate}, {@code CreatedDate}, {@code OwningService}, ...);
     * {@code listed} overrides some of them in ListSecrets only, a listing that lags behind a recent change.
     */
    @Override
    public void seed(JsonNode section) {
        requireOnlyKeys(section, "secrets");
        JsonNode list = section.path("secrets");
        if (!list.isArray() && !list.isMissingNode()) {
            throw new IllegalArgumentException("scenario 'secretsmanager': 'secrets' must be an array");
        }
        for (JsonNode s : list) {
            String name = s.path("name").asText(null);
            JsonNode value = s.get("value");
            if (name == null || value == null) {
                throw new IllegalArgumentException("each scenario secret needs 'name' and 'value': " + name);
            }
            JsonNode enabled = s.get("rotationEnabled");
            String arn = seedSecret(name, value.isTextual() ? value.asText() : Json.write(value),
                    enabled == null || enabled.isNull() ? null : enabled.asBoolean());
            Secret secret = s.hasNonNull("arn") ? withArn(find(arn), s.get("arn").asText()) : find(arn);
            if (s.hasNonNull("rotating")) {
                beginRotation(secret.arn, s.get("rotating").asText());
            }
            secret.deleted = s.path("deleted").asBoolean(false);
            if (s.has("metadata")) {
                secret.metadata = metadata(s.get("metadata"), "secretsmanager.secrets." + name + ".metadata");
            }
            if (s.has("listed")) {
                secret.listed = metadata(s.get("listed"), "secretsmanager.secrets." + name + ".listed");
            }
            s.path("tags").properties().forEach(e ->
                    secret.tags.add(Tag.builder().key(e.getKey()).value(e.getValue().asText()).build()));
        }
    }

    // ---- seeding and inspection (not AWS API: no journal entry) -------------------------------------

    /** Creates a secret whose {@code AWSCURRENT} version holds {@code value}; returns its ARN. */
    public synchronized String seedSecret(String name, String value, Boolean rotationEnabled) {
        if (secrets.values().stream().anyMatch(s -> s.name.equals(name))) {
            throw error(ResourceExistsException.builder(), "ResourceExistsException", 400,
                    "The operation failed because the secret " + name + " already exists.");
        }
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append(ARN_SUFFIX_CHARS.charAt(random.nextInt(ARN_SUFFIX_CHARS.length())));
        }
        String arn = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + name + "-" + suffix;
        Secret secret = new Secret(name, arn, Instant.now());
        secret.rotationEnabled = rotationEnabled;
        Version first = new Version(UUID.randomUUID().toString(), Instant.now());
        first.string = value;
        first.stages.add(CURRENT);
        secret.versions.put(first.id, first);
        secrets.put(arn, secret);
        return arn;
    }

    /** Re-keys a freshly seeded secret under the given ARN, which must be this fake's ARN form for its name. */
    private synchronized Secret withArn(Secret seeded, String arn) {
        String prefix = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:" + seeded.name + "-";
        if (!arn.startsWith(prefix) || arn.length() != prefix.length() + 6) {
            throw new IllegalArgumentException("scenario secret " + seeded.name + ": arn must be " + prefix
                    + "<6 characters>, got " + arn);
        }
        secrets.remove(seeded.arn);
        Secret secret = new Secret(seeded.name, arn, seeded.created);
        secret.rotationEnabled = seeded.rotationEnabled;
        secret.versions.putAll(seeded.versions);
        secret.metadata = seeded.metadata;
        secret.listed = seeded.listed;
        secrets.put(arn, secret);
        return secret;
    }

    /**
     * What {@code RotateSecret} does before invoking the function: enables rotation and adds a version with id
     * {@code token}, labelled {@code AWSPENDING}, holding no value. Fails as the service does while an earlier
     * rotation is incomplete ({@code AWSPENDING} on a version other than {@code AWSCURRENT}'s), unless the token
     * is that rotation's own (Secrets Manager's retry reuses it).
     */
    public synchronized void beginRotation(String secretId, String token) {
        Secret secret = find(secretId);
        Optional<Version> pending = secret.holder(PENDING);
        if (pending.isPresent() && !pending.get().stages.contains(CURRENT)) {
            if (pending.get().id.equals(token)) {
                return;
            }
            throw error(InvalidRequestException.builder(), "InvalidRequestException", 400,
                    "A previous rotation isn't complete. That rotation will be reattempted.");
        }
        pending.ifPresent(v -> v.stages.remove(PENDING));
        secret.rotationEnabled = true;
        Version placeholder = secret.versions.computeIfAbsent(token, id -> new Version(id, Instant.now()));
        placeholder.stages.add(PENDING);
    }

    /** Version id → staging labels, for versions that have labels (as {@code VersionIdsToStages}). */
    public synchronized Map<String, List<String>> stages(String secretId) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        find(secretId).versions.values().stream().filter(v -> !v.stages.isEmpty())
                .forEach(v -> out.put(v.id, List.copyOf(v.stages)));
        return out;
    }

    /** The string value of the version holding {@code stage}, if that version has one. */
    public synchronized Optional<String> valueAt(String secretId, String stage) {
        return find(secretId).holder(stage).map(v -> v.string);
    }

    /** Adds a tag, as TagResource would (RDS tags the secrets it manages with its instance or cluster ARN). */
    public synchronized void tag(String secretId, String key, String value) {
        find(secretId).tags.add(Tag.builder().key(key).value(value).build());
    }

    public synchronized void setRotationEnabled(String secretId, Boolean enabled) {
        find(secretId).rotationEnabled = enabled;
    }

    /**
     * Puts {@code stage} on version {@code versionId} by the label rules of UpdateSecretVersionStage (moving
     * AWSCURRENT leaves AWSPREVIOUS behind), without a journal entry: a rotation's end state seeded for a test.
     */
    public synchronized void moveStage(String secretId, String stage, String versionId) {
        Secret secret = find(secretId);
        Version version = secret.versions.get(versionId);
        if (version == null) {
            throw new IllegalArgumentException("secret " + secretId + " has no version " + versionId);
        }
        attach(secret, stage, version);
    }

    /** Removes {@code stage} from whichever version holds it (an operator cleaning up, or a test). */
    public synchronized void removeStage(String secretId, String stage) {
        find(secretId).holder(stage).ifPresent(v -> v.stages.remove(stage));
    }

    /** The next call of {@code operation} (e.g. "PutSecretValue") fails with {@code error}, before or after its effect. */
    public synchronized void injectFault(String operation, Timing timing, Supplier<RuntimeException> error) {
        faults.add(new Fault(operation, timing, error));
    }

    /** An InternalServiceError as the service returns it (HTTP 500). */
    public static RuntimeException internalError() {
        return error(software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException.builder(),
                "InternalServiceError", 500, "An error occurred on the server side.");
    }

    // ---- API -------------------------------------------------------------------------------------------

    @Override
    public synchronized DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
        record(request);
        return withFaults(request, () -> describe(find(request.secretId()), false));
    }

    /**
     * Lists secrets as ListSecrets does: not those scheduled for deletion unless {@code IncludePlannedDeletion};
     * {@code Filters} combined with AND, a filter's values with OR, {@code !} negating a value; {@code SortBy} (default
     * {@code created-date}) and {@code SortOrder} (default ascending); pages of {@code MaxResults} 1–100 (default 100)
     * with {@code NextToken}. Each entry shows what {@code DescribeSecret} shows, overlaid by a seeded {@code listed}
     * view, with its versions' labels as {@code SecretVersionsToStages}.
     */
    @Override
    public synchronized ListSecretsResponse listSecrets(ListSecretsRequest request) {
        record(request);
        return withFaults(request, () -> {
            int max = request.maxResults() == null ? MAX_LIST_RESULTS : request.maxResults();
            if (max < 1 || max > MAX_LIST_RESULTS) {
                throw invalidParameter("MaxResults must be between 1 and " + MAX_LIST_RESULTS + ".");
            }
            List<Predicate<DescribeSecretResponse>> filters = new ArrayList<>();
            for (Filter filter : request.filters()) {
                filters.add(filter(filter));
            }
            boolean withDeleted = Boolean.TRUE.equals(request.includePlannedDeletion());
            List<DescribeSecretResponse> all = secrets.values().stream().filter(x -> withDeleted || !x.deleted)
                    .map(x -> describe(x, true)).filter(d -> filters.stream().allMatch(f -> f.test(d)))
                    .sorted(order(request.sortByAsString(), request.sortOrder() == SortOrderType.DESC)).toList();
            int offset = pageOffset(request.nextToken(), () -> error(InvalidNextTokenException.builder(),
                    "InvalidNextTokenException", 400, "The NextToken value is invalid."));
            List<SecretListEntry> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + max))
                    .stream().map(FakeSecretsManager::entry).toList();
            return ListSecretsResponse.builder().secretList(page)
                    .nextToken(offset + max < all.size() ? pageToken(offset + max) : null).build();
        });
    }

    /** DescribeSecret's answer; with {@code listed}, as ListSecrets sees it. */
    private static DescribeSecretResponse describe(Secret secret, boolean listed) {
        Map<String, List<String>> stages = new LinkedHashMap<>();
        secret.versions.values().stream().filter(v -> !v.stages.isEmpty())
                .forEach(v -> stages.put(v.id, List.copyOf(v.stages)));
        DescribeSecretResponse.Builder b = secret.metadata.toBuilder();
        if (listed) {
            overlay(b, secret.listed);
        }
        DescribeSecretResponse seeded = b.build();
        b.arn(secret.arn).name(secret.name).rotationEnabled(secret.rotationEnabled).versionIdsToStages(stages)
                .tags(secret.tags).deletedDate(secret.deleted ? DELETION_REQUESTED : null)
                .createdDate(seeded.createdDate() != null ? seeded.createdDate() : secret.created)
                .lastChangedDate(seeded.lastChangedDate() != null ? seeded.lastChangedDate()
                        : seeded.createdDate() != null ? seeded.createdDate() : secret.created);
        // "If the secret isn't configured for rotation or rotation has been disabled, Secrets Manager returns null."
        if (!Boolean.TRUE.equals(secret.rotationEnabled)) {
            b.nextRotationDate(null);
        }
        return b.build();
    }

    private static SecretListEntry entry(DescribeSecretResponse d) {
        return SecretListEntry.builder().arn(d.arn()).name(d.name()).description(d.description()).kmsKeyId(d.kmsKeyId())
                .rotationEnabled(d.rotationEnabled()).rotationLambdaARN(d.rotationLambdaARN()).rotationRules(d.rotationRules())
                .lastRotatedDate(d.lastRotatedDate()).lastChangedDate(d.lastChangedDate())
                .lastAccessedDate(d.lastAccessedDate()).deletedDate(d.deletedDate()).nextRotationDate(d.nextRotationDate())
                .tags(d.tags()).secretVersionsToStages(d.versionIdsToStages()).owningService(d.owningService())
                .createdDate(d.createdDate()).primaryRegion(d.primaryRegion()).build();
    }

    /** One ListSecrets filter as a test on a secret; the documented keys, prefix matches, {@code !} negating. */
    private static Predicate<DescribeSecretResponse> filter(Filter filter) {
        if (!filter.hasValues() || filter.values().isEmpty() || filter.values().size() > 10) {
            throw invalidParameter("A filter needs 1 to 10 values.");
        }
        for (String value : filter.values()) {
            if (value == null || value.length() > 512 || !value.matches("!?[a-zA-Z0-9 :_@/+=.\\-!]*")) {
                throw invalidParameter("Invalid filter value.");
            }
        }
        java.util.function.Function<DescribeSecretResponse, List<String>> attribute;
        boolean ignoreCase = false;
        switch (filter.keyAsString() == null ? "" : filter.keyAsString()) {
            case "name" -> attribute = d -> List.of(d.name());
            case "description" -> {
                attribute = d -> d.description() == null ? List.of() : List.of(d.description());
                ignoreCase = true;
            }
            case "tag-key" -> attribute = d -> d.tags().stream().map(Tag::key).toList();
            case "tag-value" -> attribute = d -> d.tags().stream().map(Tag::value).toList();
            case "primary-region" -> attribute = d -> d.primaryRegion() == null ? List.of() : List.of(d.primaryRegion());
            case "owning-service" -> attribute = d -> d.owningService() == null ? List.of() : List.of(d.owningService());
            case "all" -> throw new UnsupportedOperationException("the ListSecrets filter 'all' (a word search) is not faked");
            default -> throw invalidParameter("Invalid filter key: use one of description, name, tag-key, tag-value, "
                    + "primary-region, owning-service, all.");
        }
        boolean fold = ignoreCase;
        return d -> filter.values().stream().anyMatch(value -> {
            boolean negated = value.startsWith("!");
            String prefix = negated ? value.substring(1) : value;
            boolean any = attribute.apply(d).stream().anyMatch(a -> fold
                    ? a.toLowerCase(java.util.Locale.ROOT).startsWith(prefix.toLowerCase(java.util.Locale.ROOT))
                    : a.startsWith(prefix));
            return negated != any;
        });
    }

    private static Comparator<DescribeSecretResponse> order(String sortBy, boolean descending) {
        Comparator<DescribeSecretResponse> order = switch (sortBy == null ? "created-date" : sortBy) {
            case "created-date" -> Comparator.comparing(DescribeSecretResponse::createdDate);
            case "last-changed-date" -> Comparator.comparing(DescribeSecretResponse::lastChangedDate);
            case "last-accessed-date" -> Comparator.comparing(DescribeSecretResponse::lastAccessedDate,
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            case "name" -> Comparator.comparing(DescribeSecretResponse::name);
            default -> throw invalidParameter("Invalid SortBy: use created-date, last-accessed-date, last-changed-date or name.");
        };
        return descending ? order.reversed() : order;
    }

    /** Reads a secret's {@code metadata} / {@code listed} JSON; the fields other keys own are refused there. */
    private static DescribeSecretResponse metadata(JsonNode node, String path) {
        DescribeSecretResponse read = ScenarioJson.read(node, DescribeSecretResponse::builder, path);
        if (read.arn() != null || read.name() != null || read.rotationEnabled() != null || read.hasVersionIdsToStages()
                || read.hasTags() || read.deletedDate() != null) {
            throw new IllegalArgumentException(path + ": ARN, Name, RotationEnabled, VersionIdsToStages, Tags and DeletedDate "
                    + "come from the secret's own keys (arn, name, rotationEnabled, value/rotating, tags, deleted)");
        }
        return read;
    }

    /** Sets on {@code builder} every field {@code top} has. */
    private static void overlay(DescribeSecretResponse.Builder builder, DescribeSecretResponse top) {
        for (software.amazon.awssdk.core.SdkField<?> field : top.sdkFields()) {
            Object value = field.getValueOrDefault(top);
            if (value != null) {
                field.set(builder, value);
            }
        }
    }

    @Override
    public synchronized GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
        record(request);
        return withFaults(request, () -> {
            Secret secret = live(request.secretId());
            String id = request.versionId();
            String stage = request.versionStage();
            Version version;
            if (id != null) {
                validateVersionId(id);
                version = secret.versions.get(id);
                if (version == null || (stage != null && !version.stages.contains(stage))) {
                    throw notFoundValue(id, stage);
                }
            } else {
                String wanted = stage == null ? CURRENT : stage;
                version = secret.holder(wanted).orElseThrow(() -> notFoundValue(null, wanted));
            }
            if (!version.hasValue()) {
                throw notFoundValue(version.id, stage);
            }
            return GetSecretValueResponse.builder().arn(secret.arn).name(secret.name).versionId(version.id)
                    .secretString(version.string).secretBinary(version.binary)
                    .versionStages(List.copyOf(version.stages)).createdDate(version.created).build();
        });
    }

    @Override
    public synchronized PutSecretValueResponse putSecretValue(PutSecretValueRequest request) {
        record(request);
        return withFaults(request, () -> {
            Secret secret = live(request.secretId());
            boolean hasString = request.secretString() != null;
            boolean hasBinary = request.secretBinary() != null;
            if (hasString == hasBinary) {
                throw error(InvalidParameterException.builder(), "InvalidParameterException", 400,
                        "You must provide either SecretString or SecretBinary, but not both.");
            }
            String token = request.clientRequestToken() != null ? request.clientRequestToken() : UUID.randomUUID().toString();
            validateVersionId(token);
            List<String> labels = request.hasVersionStages() ? request.versionStages() : List.of(CURRENT);
            validateLabels(labels);
            Version existing = secret.versions.get(token);
            if (existing != null && existing.hasValue()) {
                if (Objects.equals(existing.string, request.secretString())
                        && Objects.equals(existing.binary, request.secretBinary())) {
                    return putResponse(secret, existing);
                }
                throw error(ResourceExistsException.builder(), "ResourceExistsException", 400,
                        "You can't modify an existing version, you can only create a new version.");
            }
            Version version = existing != null ? existing : new Version(token, Instant.now());
            version.string = request.secretString();
            version.binary = request.secretBinary();
            secret.versions.put(token, version);
            if (labels.contains(CURRENT)) {
                // A new current value written outside the rotation abandons it (CloudTrail RotationAbandoned).
                secret.holder(PENDING).filter(v -> v != version && !labels.contains(PENDING))
                        .ifPresent(v -> v.stages.remove(PENDING));
            }
            for (String label : labels) {
                attach(secret, label, version);
            }
            return putResponse(secret, version);
        });
    }

    @Override
    public synchronized UpdateSecretVersionStageResponse updateSecretVersionStage(UpdateSecretVersionStageRequest request) {
        record(request);
        return withFaults(request, () -> {
            Secret secret = live(request.secretId());
            String label = request.versionStage();
            if (label == null) {
                throw invalidParameter("VersionStage is required.");
            }
            validateLabels(List.of(label));
            String moveTo = request.moveToVersionId();
            String removeFrom = request.removeFromVersionId();
            if (moveTo == null && removeFrom == null) {
                throw invalidParameter("You must specify MoveToVersionId, RemoveFromVersionId, or both.");
            }
            Optional<Version> holder = secret.holder(label);
            if (removeFrom != null) {
                validateVersionId(removeFrom);
                if (holder.isEmpty() || !holder.get().id.equals(removeFrom)) {
                    throw invalidParameter("The staging label " + label + " is not attached to version " + removeFrom + ".");
                }
            }
            Version target = null;
            if (moveTo != null) {
                validateVersionId(moveTo);
                target = secret.versions.get(moveTo);
                // The API reference does not say the service refuses a label move onto a version without a value
                // (RotateSecret's placeholder), so the fake allows it too: the caller must check for a value.
                if (target == null) {
                    throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                            "Secrets Manager can't find the specified secret version: " + moveTo);
                }
                if (holder.isPresent() && holder.get() != target && removeFrom == null) {
                    throw invalidParameter("The staging label " + label + " is currently attached to version "
                            + holder.get().id + ". To move it, specify that version as RemoveFromVersionId.");
                }
            }
            if (target == null) {
                if (label.equals(CURRENT)) {
                    throw invalidParameter("You can't remove the AWSCURRENT staging label without moving it to another version.");
                }
                holder.get().stages.remove(label);
            } else {
                attach(secret, label, target);
            }
            return UpdateSecretVersionStageResponse.builder().arn(secret.arn).name(secret.name).build();
        });
    }

    @Override
    public GetRandomPasswordResponse getRandomPassword(GetRandomPasswordRequest request) {
        record(request);
        return withFaults(request, () -> GetRandomPasswordResponse.builder().randomPassword(randomPassword(request)).build());
    }

    // ---- rules -------------------------------------------------------------------------------------------

    /** Attaches {@code label} to {@code version}, taking it from any other version; AWSCURRENT leaves AWSPREVIOUS behind. */
    private static void attach(Secret secret, String label, Version version) {
        Optional<Version> holder = secret.holder(label);
        if (holder.isPresent() && holder.get() == version) {
            return;
        }
        holder.ifPresent(old -> old.stages.remove(label));
        if (label.equals(CURRENT) && holder.isPresent()) {
            secret.holder(PREVIOUS).ifPresent(v -> v.stages.remove(PREVIOUS));
            holder.get().stages.add(PREVIOUS);
        }
        version.stages.add(label);
        if (label.equals(CURRENT)) {
            version.stages.remove(PREVIOUS);
        }
    }

    private String randomPassword(GetRandomPasswordRequest r) {
        long length = r.passwordLength() == null ? 32 : r.passwordLength();
        if (length < 1 || length > 4096) {
            throw invalidParameter("PasswordLength must be between 1 and 4096.");
        }
        String exclude = r.excludeCharacters() == null ? "" : r.excludeCharacters();
        if (exclude.length() > 4096) {
            throw invalidParameter("ExcludeCharacters must be at most 4096 characters.");
        }
        List<String> classes = new ArrayList<>();
        addClass(classes, !Boolean.TRUE.equals(r.excludeLowercase()), "abcdefghijklmnopqrstuvwxyz", exclude);
        addClass(classes, !Boolean.TRUE.equals(r.excludeUppercase()), "ABCDEFGHIJKLMNOPQRSTUVWXYZ", exclude);
        addClass(classes, !Boolean.TRUE.equals(r.excludeNumbers()), "0123456789", exclude);
        addClass(classes, !Boolean.TRUE.equals(r.excludePunctuation()), PUNCTUATION, exclude);
        addClass(classes, Boolean.TRUE.equals(r.includeSpace()), " ", exclude);
        if (classes.isEmpty()) {
            throw invalidParameter("The password can't be generated: every character type is excluded.");
        }
        boolean eachType = r.requireEachIncludedType() == null || r.requireEachIncludedType();
        if (eachType && length < classes.size()) {
            throw invalidParameter("PasswordLength must be at least " + classes.size()
                    + " to include each included character type.");
        }
        String all = String.join("", classes);
        char[] out = new char[(int) length];
        int i = 0;
        if (eachType) {
            for (String c : classes) {
                out[i++] = c.charAt(random.nextInt(c.length()));
            }
        }
        while (i < length) {
            out[i++] = all.charAt(random.nextInt(all.length()));
        }
        for (int j = out.length - 1; j > 0; j--) {
            int k = random.nextInt(j + 1);
            char t = out[j];
            out[j] = out[k];
            out[k] = t;
        }
        return new String(out);
    }

    private static void addClass(List<String> classes, boolean included, String chars, String exclude) {
        if (!included) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        chars.chars().filter(c -> exclude.indexOf(c) < 0).forEach(c -> kept.append((char) c));
        if (!kept.isEmpty()) {
            classes.add(kept.toString());
        }
    }

    private Secret find(String secretId) {
        if (secretId == null || secretId.isEmpty()) {
            throw invalidParameter("SecretId is required.");
        }
        Secret byArn = secrets.get(secretId);
        if (byArn != null) {
            return byArn;
        }
        return secrets.values().stream().filter(s -> s.name.equals(secretId)).findFirst()
                .orElseThrow(() -> error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                        "Secrets Manager can't find the specified secret."));
    }

    private Secret live(String secretId) {
        Secret secret = find(secretId);
        if (secret.deleted) {
            throw error(InvalidRequestException.builder(), "InvalidRequestException", 400,
                    "You can't perform this operation on the secret because it was marked for deletion.");
        }
        return secret;
    }

    private static void validateVersionId(String id) {
        if (id.length() < 32 || id.length() > 64) {
            throw invalidParameter("ClientRequestToken/VersionId must be 32 to 64 characters long.");
        }
    }

    private static void validateLabels(List<String> labels) {
        if (labels.size() > 20) {
            throw invalidParameter("A version can have at most 20 staging labels.");
        }
        for (String label : labels) {
            if (label == null || label.isEmpty() || label.length() > 256) {
                throw invalidParameter("A staging label must be 1 to 256 characters long.");
            }
        }
    }

    private static ResourceNotFoundException notFoundValue(String versionId, String stage) {
        StringBuilder m = new StringBuilder("Secrets Manager can't find the specified secret value for");
        if (versionId != null) {
            m.append(" VersionId: ").append(versionId);
        }
        if (stage != null) {
            m.append(versionId != null ? " and" : "").append(" staging label: ").append(stage);
        }
        return error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400, m.toString());
    }

    private static InvalidParameterException invalidParameter(String message) {
        return error(InvalidParameterException.builder(), "InvalidParameterException", 400, message);
    }

    private static PutSecretValueResponse putResponse(Secret secret, Version version) {
        return PutSecretValueResponse.builder().arn(secret.arn).name(secret.name).versionId(version.id)
                .versionStages(List.copyOf(version.stages)).build();
    }

    /** Runs {@code effect} with the first fault queued for this operation, if any. */
    private <T> T withFaults(SdkRequest request, Supplier<T> effect) {
        String operation = dev.shepherd.core.ServiceNames.operation(request);
        Fault fault;
        synchronized (this) {
            fault = faults.stream().filter(f -> f.operation.equals(operation)).findFirst().orElse(null);
            if (fault != null) {
                faults.remove(fault);
            }
        }
        if (fault != null && fault.timing == Timing.BEFORE_EFFECT) {
            throw fault.error.get();
        }
        T result = effect.get();
        if (fault != null) {
            throw fault.error.get();
        }
        return result;
    }
}

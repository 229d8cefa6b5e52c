package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.DescribeParametersRequest;
import software.amazon.awssdk.services.ssm.model.DescribeParametersResponse;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterOptionException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterValueException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.ParameterMetadata;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterTier;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersRequest;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.SsmException;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * In-memory SSM Parameter Store: {@code GetParameter}, {@code GetParameters}, {@code PutParameter} with the
 * service's rules. An unknown name is the error code {@code ParameterNotFound}; a {@code SecureString} read
 * without {@code WithDecryption} returns an opaque ciphertext, never the value; {@code PutParameter} on an
 * existing name needs {@code Overwrite} and bumps the version; {@code GetParameters} takes at most 10 names
 * and lists unknown ones under {@code InvalidParameters}. Version and label selectors ({@code name:3}) are
 * not supported and fail as unknown parameters.
 *
 * {@code DescribeParameters} lists metadata, never values (see there).
 *
 * <p>Scenario section {@code "ssm"}: {@code {"parameters": [{"Name": "/shepherd/dev/x", "Type": "String", "Value": "42"}]}};
 * an entry may also hold ParameterMetadata's own fields ({@code Tier}, {@code KeyId}, {@code Description},
 * {@code AllowedPattern}, {@code Policies}, {@code LastModifiedUser}) and {@code Tags} ({@code [{"Key", "Value"}]}).
 */
public final class FakeSsm extends FakeService implements SsmClient {
    private static final int MAX_NAMES = 10;

    private static final String ARN_PREFIX = "arn:aws:ssm:" + Sandbox.HOME_REGION + ":123456789012:parameter/";
    /** The key a SecureString uses when none is named: the AWS managed key of SSM. */
    private static final String DEFAULT_KEY = "alias/aws/ssm";
    /** ParameterMetadata's fields that Parameter lacks: a scenario parameter may hold them, for DescribeParameters. */
    private static final List<String> METADATA_ONLY = List.of("Tier", "KeyId", "Description", "AllowedPattern",
            "Policies", "LastModifiedUser");

    private final Map<String, Parameter> parameters = new TreeMap<>();
    private final Map<String, ParameterMetadata> metadata = new java.util.HashMap<>();
    private final Map<String, List<Tag>> tags = new java.util.HashMap<>();

    public FakeSsm(CallJournal journal) {
        super(journal, SsmClient.class);
    }

    @Override
    public String scenarioKey() {
        return "ssm";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "parameters");
        JsonNode list = section.path("parameters");
        for (int i = 0; i < list.size(); i++) {
            String path = "ssm.parameters[" + i + "]";
            if (!list.get(i).isObject()) {
                throw new IllegalArgumentException(path + " must be a JSON object");
            }
            com.fasterxml.jackson.databind.node.ObjectNode entry = list.get(i).deepCopy();
            com.fasterxml.jackson.databind.node.ObjectNode onlyMetadata = entry.objectNode();
            for (String key : METADATA_ONLY) {
                if (entry.has(key)) {
                    onlyMetadata.set(key, entry.remove(key));
                }
            }
            JsonNode tagList = entry.remove("Tags");
            Parameter p = ScenarioJson.read(entry, Parameter::builder, path);
            if (p.name() == null || p.value() == null || p.type() == null || p.type() == ParameterType.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException(path + " needs Name, Value and Type (String, StringList or SecureString)");
            }
            parameters.put(p.name(), p.toBuilder()
                    .version(p.version() == null ? 1L : p.version())
                    .dataType(p.dataType() == null ? "text" : p.dataType())
                    .lastModifiedDate(p.lastModifiedDate() == null ? Instant.now() : p.lastModifiedDate())
                    .build());
            ParameterMetadata meta = ScenarioJson.read(onlyMetadata, ParameterMetadata::builder, path);
            metadata.put(p.name(), meta.toBuilder().tier(meta.tier() == null ? ParameterTier.STANDARD : meta.tier())
                    .keyId(meta.keyId() == null && p.type() == ParameterType.SECURE_STRING ? DEFAULT_KEY : meta.keyId())
                    .build());
            List<Tag> parameterTags = new ArrayList<>();
            if (tagList != null) {
                for (int t = 0; t < tagList.size(); t++) {
                    parameterTags.add(ScenarioJson.read(tagList.get(t), Tag::builder, path + ".Tags[" + t + "]"));
                }
            }
            tags.put(p.name(), parameterTags);
        }
    }

    /**
     * Metadata of the parameters that pass {@code ParameterFilters}, in name order, best effort as AWS documents it:
     * each page looks at the next {@code MaxResults} (1–50, default 10) parameters and keeps those that pass, so a
     * page may be empty and still carry a {@code NextToken}. Filter keys {@code Name} (Equals, BeginsWith, Contains),
     * {@code Path} (OneLevel, Recursive), {@code Type}, {@code KeyId}, {@code Tier}, {@code DataType} and
     * {@code tag:<key>} (Equals, BeginsWith; without values: has the tag); a key, option or value outside that is
     * {@code InvalidFilterKey}, {@code InvalidFilterOption}, {@code InvalidFilterValue}. Filters combine with AND, a
     * filter's values with OR. The older {@code Filters} member and {@code Shared} are not faked (they throw).
     */
    @Override
    public DescribeParametersResponse describeParameters(DescribeParametersRequest request) {
        record(request);
        if (request.hasFilters() || Boolean.TRUE.equals(request.shared())) {
            throw new UnsupportedOperationException("DescribeParameters' Filters and Shared are not faked: use ParameterFilters");
        }
        int max = request.maxResults() == null ? 10 : request.maxResults();
        if (max < 1 || max > 50) {
            throw validation("Value '" + max + "' at 'maxResults' failed to satisfy constraint: Member must have value "
                    + "between 1 and 50");
        }
        List<java.util.function.Predicate<ParameterMetadata>> filters = new ArrayList<>();
        for (ParameterStringFilter filter : request.parameterFilters()) {
            filters.add(describeFilter(filter));
        }
        synchronized (this) {
            List<ParameterMetadata> all = parameters.values().stream().map(this::metadataOf).toList();
            int offset = pageOffset(request.nextToken(), () -> error(InvalidNextTokenException.builder(),
                    "InvalidNextToken", 400, "The specified token isn't valid."));
            Pages<ParameterMetadata> page = Pages.scan(all, offset, max, m -> filters.stream().allMatch(f -> f.test(m)));
            return DescribeParametersResponse.builder().parameters(page.items()).nextToken(page.nextToken()).build();
        }
    }

    private ParameterMetadata metadataOf(Parameter p) {
        ParameterMetadata meta = metadata.getOrDefault(p.name(), ParameterMetadata.builder().tier(ParameterTier.STANDARD).build());
        return meta.toBuilder().name(p.name()).type(p.type()).version(p.version()).dataType(p.dataType())
                .lastModifiedDate(p.lastModifiedDate())
                .arn(ARN_PREFIX + (p.name().startsWith("/") ? p.name().substring(1) : p.name())).build();
    }

    private java.util.function.Predicate<ParameterMetadata> describeFilter(ParameterStringFilter filter) {
        String key = filter.key() == null ? "" : filter.key();
        List<String> values = filter.values();
        if (values.size() > 50 || values.stream().anyMatch(v -> v == null || v.isEmpty() || v.length() > 1024)) {
            throw filterError(InvalidFilterValueException.builder(), "InvalidFilterValue", "Filter values must be 1 to 50 "
                    + "strings of 1 to 1024 characters.");
        }
        if (key.startsWith("tag:") && key.length() > 4) {
            String tagKey = key.substring(4);
            String option = option(filter, "Equals", "Equals", "BeginsWith");
            return m -> tags.getOrDefault(m.name(), List.of()).stream().filter(t -> t.key().equals(tagKey))
                    .anyMatch(t -> values.isEmpty() || values.stream().anyMatch(v -> textMatch(option, t.value(), v)));
        }
        if (!List.of("Name", "Path", "Type", "KeyId", "Tier", "DataType").contains(key)) {
            throw filterError(InvalidFilterKeyException.builder(), "InvalidFilterKey", "The filter key " + key
                    + " isn't valid for DescribeParameters.");
        }
        if (values.isEmpty()) {
            throw filterError(InvalidFilterValueException.builder(), "InvalidFilterValue", "The filter " + key
                    + " needs values.");
        }
        switch (key) {
            case "Name" -> {
                String option = option(filter, "Equals", "Equals", "BeginsWith", "Contains");
                return m -> values.stream().anyMatch(v -> textMatch(option, m.name(), v));
            }
            case "Path" -> {
                String option = option(filter, "OneLevel", "OneLevel", "Recursive");
                if (values.stream().anyMatch(v -> !v.startsWith("/"))) {
                    throw filterError(InvalidFilterValueException.builder(), "InvalidFilterValue",
                            "A path must start with '/'.");
                }
                return m -> values.stream().anyMatch(v -> underPath(m.name(), v, option.equals("Recursive")));
            }
            case "Type" -> {
                option(filter, "Equals", "Equals");
                if (values.stream().anyMatch(v -> ParameterType.fromValue(v) == ParameterType.UNKNOWN_TO_SDK_VERSION)) {
                    throw filterError(InvalidFilterValueException.builder(), "InvalidFilterValue",
                            "Type values are String, StringList and SecureString.");
                }
                return m -> values.contains(m.typeAsString());
            }
            case "Tier" -> {
                option(filter, "Equals", "Equals");
                if (values.stream().anyMatch(v -> ParameterTier.fromValue(v) == ParameterTier.UNKNOWN_TO_SDK_VERSION)) {
                    throw filterError(InvalidFilterValueException.builder(), "InvalidFilterValue",
                            "Tier values are Standard, Advanced and Intelligent-Tiering.");
                }
                return m -> values.contains(m.tierAsString());
            }
            default -> {
                String option = option(filter, "Equals", "Equals", "BeginsWith");
                java.util.function.Function<ParameterMetadata, String> field = key.equals("KeyId")
                        ? ParameterMetadata::keyId : ParameterMetadata::dataType;
                return m -> field.apply(m) != null && values.stream().anyMatch(v -> textMatch(option, field.apply(m), v));
            }
        }
    }

    private static String option(ParameterStringFilter filter, String fallback, String... allowed) {
        String option = filter.option() == null ? fallback : filter.option();
        if (!List.of(allowed).contains(option)) {
            throw filterError(InvalidFilterOptionException.builder(), "InvalidFilterOption", "The option " + option
                    + " isn't valid for the filter " + filter.key() + "; valid: " + List.of(allowed));
        }
        return option;
    }

    private static boolean textMatch(String option, String actual, String wanted) {
        return switch (option) {
            case "BeginsWith" -> actual.startsWith(wanted);
            case "Contains" -> actual.contains(wanted);
            default -> actual.equals(wanted);
        };
    }

    /** Whether {@code name} is directly under {@code path} (OneLevel) or anywhere below it (Recursive). */
    private static boolean underPath(String name, String path, boolean recursive) {
        String base = path.endsWith("/") ? path : path + "/";
        if (!name.startsWith(base) || name.length() == base.length()) {
            return false;
        }
        return recursive || name.indexOf('/', base.length()) < 0;
    }

    private static SsmException filterError(software.amazon.awssdk.awscore.exception.AwsServiceException.Builder builder,
            String code, String message) {
        return error(builder, code, 400, message);
    }

    @Override
    public GetParameterResponse getParameter(GetParameterRequest request) {
        record(request);
        requireName(request.name());
        synchronized (this) {
            Parameter p = parameters.get(request.name());
            if (p == null) {
                throw error(ParameterNotFoundException.builder(), "ParameterNotFound", 400,
                        "Parameter " + request.name() + " not found.");
            }
            return GetParameterResponse.builder().parameter(visible(p, request.withDecryption())).build();
        }
    }

    @Override
    public GetParametersResponse getParameters(GetParametersRequest request) {
        record(request);
        if (!request.hasNames() || request.names().isEmpty() || request.names().size() > MAX_NAMES) {
            throw error(ValidationException.builder(), "ValidationException", 400,
                    "1 validation error detected: Value at 'names' failed to satisfy constraint: "
                            + "Member must have length between 1 and " + MAX_NAMES);
        }
        List<Parameter> found = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        synchronized (this) {
            for (String name : new LinkedHashSet<>(request.names())) {
                Parameter p = parameters.get(name);
                if (p == null) {
                    invalid.add(name);
                } else {
                    found.add(visible(p, request.withDecryption()));
                }
            }
        }
        return GetParametersResponse.builder().parameters(found).invalidParameters(invalid).build();
    }

    @Override
    public PutParameterResponse putParameter(PutParameterRequest request) {
        record(request);
        requireName(request.name());
        if (request.value() == null || request.value().isEmpty()) {
            throw validation("Value must have length greater than or equal to 1");
        }
        synchronized (this) {
            Parameter existing = parameters.get(request.name());
            if (existing != null && !Boolean.TRUE.equals(request.overwrite())) {
                throw error(ParameterAlreadyExistsException.builder(), "ParameterAlreadyExists", 400,
                        "The parameter already exists. To overwrite this value, set the overwrite option in the "
                                + "request to true.");
            }
            ParameterType type = request.type() != null ? request.type() : existing != null ? existing.type() : null;
            if (type == null || type == ParameterType.UNKNOWN_TO_SDK_VERSION) {
                throw validation("A parameter type is required when you create a parameter.");
            }
            long version = existing == null ? 1 : existing.version() + 1;
            parameters.put(request.name(), Parameter.builder().name(request.name()).type(type).value(request.value())
                    .version(version).dataType(request.dataType() == null ? "text" : request.dataType())
                    .lastModifiedDate(Instant.now()).build());
            ParameterMetadata meta = metadata.getOrDefault(request.name(), ParameterMetadata.builder().build());
            ParameterTier tier = request.tier() != null ? request.tier()
                    : meta.tier() != null ? meta.tier() : ParameterTier.STANDARD;
            metadata.put(request.name(), meta.toBuilder().tier(tier)
                    .description(request.description() != null ? request.description() : meta.description())
                    .keyId(type != ParameterType.SECURE_STRING ? null
                            : request.keyId() != null ? request.keyId() : meta.keyId() != null ? meta.keyId() : DEFAULT_KEY)
                    .build());
            return PutParameterResponse.builder().version(version).tier(tier).build();
        }
    }

    /** SecureString values leave only when decryption is asked for; otherwise an opaque stand-in for the ciphertext. */
    private static Parameter visible(Parameter p, Boolean withDecryption) {
        if (p.type() != ParameterType.SECURE_STRING || Boolean.TRUE.equals(withDecryption)) {
            return p;
        }
        String ciphertext = Base64.getEncoder().encodeToString(
                ("sandbox-ciphertext:" + p.name() + ":" + p.version()).getBytes(StandardCharsets.UTF_8));
        return p.toBuilder().value(ciphertext).build();
    }

    private static void requireName(String name) {
        if (name == null || name.isEmpty() || name.length() > 2048) {
            throw validation("Value at 'name' failed to satisfy constraint: Member must have length between 1 and 2048");
        }
    }

    private static SsmException validation(String message) {
        return error(ValidationException.builder(), "ValidationException", 400, "1 validation error detected: " + message);
    }
}

package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.AliasRoutingConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasRequest;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasRequest;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;

/**
 * In-memory Lambda {@code Invoke} for smoke tests of a function version. Each version (or alias) answers
 * with a canned payload or a function error; like the service, a function error is HTTP 200 with
 * {@code FunctionError} set, not an exception. The function is named as the API accepts it (name, partial
 * or full ARN, optionally with {@code :qualifier}); an unknown function, version or alias is
 * {@code ResourceNotFoundException}; a payload that is not JSON is {@code InvalidRequestContentException}.
 * Every payload sent is kept for assertions ({@link #invocations()}).
 *
 * <p>Aliases: {@code GetAlias} and {@code UpdateAlias} with a weighted routing config, under Lambda's rules: at most
 * one additional version, a published version other than the primary one, never with {@code $LATEST} as primary;
 * an update with a stale {@code RevisionId} is {@code PreconditionFailedException}, and every update issues a new
 * one. {@code Invoke} on a weighted alias answers from its primary version (deterministic, unlike Lambda).
 *
 * <p>Scenario section {@code "lambda"}: {@code {"functions": {"orders-api": {"versions": {"7": {"payload": {...}},
 * "8": {"functionError": "Unhandled", "payload": {"errorMessage": "..."}}}, "aliases": {"live": "8",
 * "canary": {"FunctionVersion": "7", "RoutingConfig": {"AdditionalVersionWeights": {"8": 0.1}}}}}}}}: an alias is a
 * version, or GetAlias's answer in the API's own shape.
 */
public final class FakeLambda extends FakeService implements LambdaClient {
    private static final String LATEST = "$LATEST";
    private static final String ACCOUNT = "123456789012";
    /** {@code [arn:aws:lambda:region:]account:function:name[:qualifier]}, or {@code name[:qualifier]}. */
    private static final Pattern ARN = Pattern.compile(
            "(?:arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:)?\\d{12}:function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?");
    private static final Pattern NAME = Pattern.compile("([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?");

    /** What a version answers. */
    private record Answer(String payload, String functionError) {
    }

    /** One call as the function received it. */
    public record Invocation(String functionName, String version, String payload) {
    }

    private static final class Function {
        final Map<String, Answer> versions = new HashMap<>();
        final Map<String, AliasConfiguration> aliases = new HashMap<>();
    }

    private final Map<String, Function> functions = new HashMap<>();
    private final List<Invocation> invocations = new ArrayList<>();

    public FakeLambda(CallJournal journal) {
        super(journal, LambdaClient.class);
    }

    @Override
    public String scenarioKey() {
        return "lambda";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "functions");
        section.path("functions").fields().forEachRemaining(f -> {
            String path = "lambda.functions." + f.getKey();
            Function function = functions.computeIfAbsent(f.getKey(), k -> new Function());
            f.getValue().path("versions").fields().forEachRemaining(v -> {
                JsonNode payload = v.getValue().path("payload");
                JsonNode error = v.getValue().path("functionError");
                if (!error.isMissingNode() && !error.isTextual()) {
                    throw new IllegalArgumentException(path + ".versions." + v.getKey() + ".functionError must be a string");
                }
                function.versions.put(v.getKey(), new Answer(payload.isMissingNode() ? "null" : Json.write(payload),
                        error.isMissingNode() ? null : error.asText()));
            });
            f.getValue().path("aliases").fields().forEachRemaining(a -> {
                String aliasPath = path + ".aliases." + a.getKey();
                AliasConfiguration alias = a.getValue().isTextual()
                        ? AliasConfiguration.builder().functionVersion(a.getValue().asText()).build()
                        : ScenarioJson.read(a.getValue(), AliasConfiguration::builder, aliasPath);
                String problem = routingProblem(function, alias.functionVersion(), alias.routingConfig());
                if (!function.versions.containsKey(alias.functionVersion()) || problem != null) {
                    throw new IllegalArgumentException(aliasPath + ": " + (problem != null ? problem
                            : "points at an unseeded version " + alias.functionVersion()));
                }
                function.aliases.put(a.getKey(), alias.toBuilder().name(a.getKey())
                        .aliasArn(functionArn(f.getKey()) + ":" + a.getKey())
                        .revisionId(alias.revisionId() != null ? alias.revisionId() : UUID.randomUUID().toString())
                        .build());
            });
        });
    }

    /** Every invocation so far, in order, with the payload the function received. */
    public synchronized List<Invocation> invocations() {
        return List.copyOf(invocations);
    }

    @Override
    public InvokeResponse invoke(InvokeRequest request) {
        record(request);
        if (request.functionName() == null || request.functionName().isEmpty()) {
            throw SdkClientException.create("Parameter 'FunctionName' must not be null or empty");
        }
        Matcher m = ARN.matcher(request.functionName());
        if (!m.matches()) {
            m = NAME.matcher(request.functionName());
            if (!m.matches()) {
                throw error(InvalidParameterValueException.builder(), "InvalidParameterValueException", 400,
                        "1 validation error detected: Value '" + request.functionName()
                                + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
            }
        }
        String name = m.group(1);
        String qualifier = m.group(2);
        if (qualifier != null && request.qualifier() != null && !qualifier.equals(request.qualifier())) {
            throw error(InvalidParameterValueException.builder(), "InvalidParameterValueException", 400,
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        String wanted = qualifier != null ? qualifier : request.qualifier() != null ? request.qualifier() : LATEST;
        String payload = request.payload() == null ? "" : request.payload().asUtf8String();
        if (!payload.isEmpty()) {
            try {
                Json.MAPPER.readTree(payload);
            } catch (java.io.IOException e) {
                throw error(InvalidRequestContentException.builder(), "InvalidRequestContentException", 400,
                        "Could not parse request body into json: Could not parse payload into json");
            }
        }
        synchronized (this) {
            Function function = functions.get(name);
            AliasConfiguration alias = function == null ? null : function.aliases.get(wanted);
            String version = function == null ? null : alias != null ? alias.functionVersion() : wanted;
            Answer answer = version == null ? null : function.versions.get(version);
            if (answer == null) {
                throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                        "Function not found: arn:aws:lambda:" + region() + ":" + ACCOUNT + ":function:" + name + ":" + wanted);
            }
            invocations.add(new Invocation(name, version, payload));
            InvokeResponse.Builder response = InvokeResponse.builder().executedVersion(version);
            return switch (request.invocationType() == null ? InvocationType.REQUEST_RESPONSE : request.invocationType()) {
                case EVENT -> response.statusCode(202).payload(SdkBytes.fromByteArray(new byte[0])).build();
                case DRY_RUN -> response.statusCode(204).payload(SdkBytes.fromByteArray(new byte[0])).build();
                default -> response.statusCode(200).functionError(answer.functionError())
                        .payload(SdkBytes.fromString(answer.payload(), StandardCharsets.UTF_8)).build();
            };
        }
    }

    /** An alias as it is now, for tests; null when there is none. */
    public synchronized AliasConfiguration alias(String functionName, String aliasName) {
        Function function = functions.get(functionName);
        return function == null ? null : function.aliases.get(aliasName);
    }

    @Override
    public GetAliasResponse getAlias(GetAliasRequest request) {
        record(request);
        String name = unqualifiedName(request.functionName());
        synchronized (this) {
            AliasConfiguration alias = existingAlias(name, request.name());
            return GetAliasResponse.builder().aliasArn(alias.aliasArn()).name(alias.name())
                    .functionVersion(alias.functionVersion()).description(alias.description())
                    .routingConfig(alias.routingConfig()).revisionId(alias.revisionId()).build();
        }
    }

    /** Members left out of the request stay as they are, as in Lambda; an empty routing config clears the weights. */
    @Override
    public UpdateAliasResponse updateAlias(UpdateAliasRequest request) {
        record(request);
        String name = unqualifiedName(request.functionName());
        synchronized (this) {
            AliasConfiguration alias = existingAlias(name, request.name());
            Function function = functions.get(name);
            if (request.revisionId() != null && !request.revisionId().equals(alias.revisionId())) {
                throw error(PreconditionFailedException.builder(), "PreconditionFailedException", 412,
                        "The Revision Id provided does not match the latest Revision Id. Call the GetAlias API to "
                                + "retrieve the latest Revision Id");
            }
            String version = request.functionVersion() != null ? request.functionVersion() : alias.functionVersion();
            if (!function.versions.containsKey(version)) {
                throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                        "Function not found: " + functionArn(name) + ":" + version);
            }
            AliasRoutingConfiguration routing = request.routingConfig() != null ? request.routingConfig()
                    : alias.routingConfig();
            String problem = routingProblem(function, version, routing);
            if (problem != null) {
                throw error(InvalidParameterValueException.builder(), "InvalidParameterValueException", 400, problem);
            }
            AliasConfiguration updated = alias.toBuilder().functionVersion(version).routingConfig(routing)
                    .description(request.description() != null ? request.description() : alias.description())
                    .revisionId(UUID.randomUUID().toString()).build();
            function.aliases.put(alias.name(), updated);
            return UpdateAliasResponse.builder().aliasArn(updated.aliasArn()).name(updated.name())
                    .functionVersion(updated.functionVersion()).description(updated.description())
                    .routingConfig(updated.routingConfig()).revisionId(updated.revisionId()).build();
        }
    }

    /** Lambda's rules for a weighted alias, or null when the routing config keeps them. */
    private static String routingProblem(Function function, String primary, AliasRoutingConfiguration routing) {
        Map<String, Double> weights = routing == null ? Map.of() : routing.additionalVersionWeights();
        if (weights.isEmpty()) {
            return null;
        }
        if (weights.size() > 1) {
            return "Only one additional version can be specified in the routing configuration.";
        }
        if (LATEST.equals(primary)) {
            return "$LATEST is not supported for an alias pointing to more than 1 version";
        }
        Map.Entry<String, Double> extra = weights.entrySet().iterator().next();
        if (!extra.getKey().matches("[0-9]+") || !function.versions.containsKey(extra.getKey())) {
            return "Additional version " + extra.getKey() + " is not a published version of the function.";
        }
        if (extra.getKey().equals(primary)) {
            return "The additional version must differ from the alias's function version " + primary + ".";
        }
        if (extra.getValue() == null || extra.getValue() < 0.0 || extra.getValue() > 1.0) {
            return "The weight of version " + extra.getKey() + " must be between 0.0 and 1.0.";
        }
        return null;
    }

    private AliasConfiguration existingAlias(String functionName, String aliasName) {
        Function function = functions.get(functionName);
        AliasConfiguration alias = function == null || aliasName == null ? null : function.aliases.get(aliasName);
        if (alias == null) {
            throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 404,
                    "Cannot find alias arn: " + functionArn(functionName) + ":" + aliasName);
        }
        return alias;
    }

    /** A function named as the alias operations accept it: name, partial or full ARN, without a qualifier. */
    private static String unqualifiedName(String functionName) {
        if (functionName == null || functionName.isEmpty()) {
            throw SdkClientException.create("Parameter 'FunctionName' must not be null or empty");
        }
        Matcher m = ARN.matcher(functionName);
        if (!m.matches()) {
            m = NAME.matcher(functionName);
        }
        if (!m.matches() || m.group(2) != null) {
            throw error(InvalidParameterValueException.builder(), "InvalidParameterValueException", 400,
                    "1 validation error detected: Value '" + functionName
                            + "' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern");
        }
        return m.group(1);
    }

    private static String functionArn(String name) {
        return "arn:aws:lambda:" + region() + ":" + ACCOUNT + ":function:" + name;
    }

    private static String region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }
}

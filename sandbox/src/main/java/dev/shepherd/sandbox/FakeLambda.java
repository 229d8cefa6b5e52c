package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * In-memory Lambda {@code Invoke} for smoke tests of a function version. Each version (or alias) answers
 * with a canned payload or a function error; like the service, a function error is HTTP 200 with
 * {@code FunctionError} set, not an exception. The function is named as the API accepts it (name, partial
 * or full ARN, optionally with {@code :qualifier}); an unknown function, version or alias is
 * {@code ResourceNotFoundException}; a payload that is not JSON is {@code InvalidRequestContentException}.
 * Every payload sent is kept for assertions ({@link #invocations()}).
 *
 * <p>Scenario section {@code "lambda"}: {@code {"functions": {"orders-api": {"versions": {"7": {"payload": {...}},
 * "8": {"functionError": "Unhandled", "payload": {"errorMessage": "..."}}}, "aliases": {"live": "8"}}}}}.
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
        final Map<String, String> aliases = new HashMap<>();
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
                if (!function.versions.containsKey(a.getValue().asText())) {
                    throw new IllegalArgumentException(path + ".aliases." + a.getKey() + " points at an unseeded version "
                            + a.getValue().asText());
                }
                function.aliases.put(a.getKey(), a.getValue().asText());
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
            String version = function == null ? null : function.aliases.getOrDefault(wanted, wanted);
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

    private static String region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? "us-east-1" : region;
    }
}

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
 * <p>Scenario section {@code "ssm"}: {@code {"parameters": [{"Name": "/shepherd/dev/x", "Type": "String", "Value": "42"}]}}.
 */
public final class FakeSsm extends FakeService implements SsmClient {
    private static final int MAX_NAMES = 10;

    private final Map<String, Parameter> parameters = new TreeMap<>();

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
            Parameter p = ScenarioJson.read(list.get(i), Parameter::builder, path);
            if (p.name() == null || p.value() == null || p.type() == null || p.type() == ParameterType.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException(path + " needs Name, Value and Type (String, StringList or SecureString)");
            }
            parameters.put(p.name(), p.toBuilder()
                    .version(p.version() == null ? 1L : p.version())
                    .dataType(p.dataType() == null ? "text" : p.dataType())
                    .lastModifiedDate(p.lastModifiedDate() == null ? Instant.now() : p.lastModifiedDate())
                    .build());
        }
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
            return PutParameterResponse.builder().version(version).tier("Standard").build();
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

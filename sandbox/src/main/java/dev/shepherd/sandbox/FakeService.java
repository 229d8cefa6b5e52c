package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.ServiceNames;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Base of every fake: journals each call as the real clients do, builds service errors the way the SDK
 * surfaces them, and takes its state from the scenario section named {@link #scenarioKey()}.
 * Operations a fake does not override keep the SDK interface's default, which throws
 * {@link UnsupportedOperationException}, so an unexpected call fails the test.
 *
 * <p>Every fake also supports injected faults: a scenario section's {@code "faults"} maps an operation to
 * the errors its next calls throw, once each, in order, e.g.
 * {@code "faults": {"GetDeployment": ["ThrottlingException", {"code": "InternalFailure", "status": 500}]}}.
 * A fault is thrown after the call is journaled, as the real client journals a call before it fails.
 * The fakes are called in-process, so unlike a real client nothing retries a fault.
 */
public abstract class FakeService {
    private static final String PAGE_TOKEN_PREFIX = "sandbox-page-";
    private static final Set<String> SERVER_ERRORS = Set.of(
            "InternalFailure", "InternalServerError", "InternalError", "InternalException", "ServiceException");

    private final CallJournal journal;
    private final String iamPrefix;
    private final Class<?> clientType;
    private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();

    private record Fault(String code, int status, String message) {
    }

    protected FakeService(CallJournal journal, Class<?> clientType) {
        this.journal = journal;
        this.iamPrefix = ServiceNames.iamPrefix(clientType);
        this.clientType = clientType;
    }

    /** Seeds this fake from its scenario section: {@code "faults"} is handled here, the rest by {@link #seed}. */
    public final void load(JsonNode section) {
        if (!section.isObject()) {
            throw new IllegalArgumentException(scenarioKey() + " section must be a JSON object");
        }
        ObjectNode rest = section.deepCopy();
        JsonNode injected = rest.remove("faults");
        if (injected != null) {
            seedFaults(injected);
        }
        seed(rest);
    }

    private void seedFaults(JsonNode section) {
        String path = scenarioKey() + ".faults";
        if (!section.isObject()) {
            throw new IllegalArgumentException(path + " must map operation names to lists of errors");
        }
        section.fields().forEachRemaining(entry -> {
            String operation = entry.getKey();
            String method = operation.isEmpty() ? "" : Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
            if (Arrays.stream(clientType.getMethods()).noneMatch(m -> m.getName().equals(method))) {
                throw new IllegalArgumentException(path + " names unknown operation '" + operation + "' of "
                        + clientType.getSimpleName());
            }
            if (!entry.getValue().isArray()) {
                throw new IllegalArgumentException(path + "." + operation + " must be a list of errors");
            }
            Deque<Fault> queue = faults.computeIfAbsent(operation, k -> new ArrayDeque<>());
            for (JsonNode fault : entry.getValue()) {
                synchronized (queue) {
                    queue.add(fault(fault, path + "." + operation));
                }
            }
        });
    }

    private static Fault fault(JsonNode node, String path) {
        String code = node.isTextual() ? node.asText() : node.path("code").asText("");
        if (code.isBlank()) {
            throw new IllegalArgumentException(path + ": each fault is an error code or {\"code\", \"status\", \"message\"}");
        }
        int status = node.path("status").asInt(defaultStatus(code));
        return new Fault(code, status, node.path("message").asText("injected fault: " + code));
    }

    private static int defaultStatus(String code) {
        if (code.equals("ServiceUnavailable") || code.equals("ServiceUnavailableException")) {
            return 503;
        }
        if (code.equals("TooManyRequestsException")) {
            return 429;
        }
        if (code.equals("AccessDenied") || code.equals("AccessDeniedException")) {
            return 403;
        }
        return SERVER_ERRORS.contains(code) ? 500 : 400;
    }

    /** The top-level key of this service's section in a scenario file (e.g. {@code "codedeploy"}). */
    public abstract String scenarioKey();

    /** Adds the state described by this service's scenario section. */
    public abstract void seed(JsonNode section);

    /** Journals a call, then throws the next fault injected for its operation, if any. */
    /** Rejects a scenario section key this fake does not know ({@code faults} is taken out before seeding). */
    protected final void requireOnlyKeys(JsonNode section, String... known) {
        java.util.List<String> keys = java.util.List.of(known);
        section.fieldNames().forEachRemaining(key -> {
            if (!keys.contains(key)) {
                throw new IllegalArgumentException(scenarioKey() + " has unknown key '" + key + "'; known: " + keys
                        + ", faults");
            }
        });
    }

    /** The fakes' page tokens: the offset of the next page, opaque to callers as the services' own are. */
    protected static String pageToken(int offset) {
        return PAGE_TOKEN_PREFIX + offset;
    }

    /** The offset a page token stands for (0 without one), or the service's invalid-token error. */
    protected static int pageOffset(String token, java.util.function.Supplier<? extends RuntimeException> invalid) {
        if (token == null) {
            return 0;
        }
        try {
            if (token.startsWith(PAGE_TOKEN_PREFIX)) {
                return Integer.parseUnsignedInt(token.substring(PAGE_TOKEN_PREFIX.length()));
            }
        } catch (NumberFormatException e) {
            // falls through to the service's error
        }
        throw invalid.get();
    }

    protected final void record(SdkRequest request) {
        record(request, ServiceNames.operation(request));
    }

    /**
     * As {@link #record(SdkRequest)}, naming the operation as the service does where the SDK's class name differs
     * (RDS's {@code DescribeDbInstancesRequest} is {@code DescribeDBInstances}, which the real client records).
     */
    protected final void record(SdkRequest request, String operation) {
        journal.record(iamPrefix, operation, request);
        Deque<Fault> queue = faults.get(operation);
        if (queue == null) {
            return;
        }
        Fault fault;
        synchronized (queue) {
            fault = queue.poll();
        }
        if (fault != null) {
            throw error(exceptionBuilder(fault.code()), fault.code(), fault.status(), fault.message());
        }
    }

    /**
     * The modeled exception the SDK names after the code: the code itself, with "Exception" appended, or
     * with a trailing "Error"/"Fault" turned into "Exception" (CloudWatch's {@code InternalServiceError} is
     * {@code InternalServiceException}); else the service's base exception carrying the code.
     */
    private AwsServiceException.Builder exceptionBuilder(String code) {
        String model = clientType.getPackageName() + ".model.";
        String base = clientType.getSimpleName().replaceFirst("Client$", "Exception");
        String renamed = code.replaceFirst("(Error|Fault)$", "Exception");
        for (String name : new String[] {code, code + "Exception", renamed, base}) {
            try {
                Class<?> type = Class.forName(model + name, false, clientType.getClassLoader());
                if (AwsServiceException.class.isAssignableFrom(type)) {
                    return (AwsServiceException.Builder) type.getMethod("builder").invoke(null);
                }
            } catch (ClassNotFoundException e) {
                // not modeled under this name: try the next
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot build " + name, e);
            }
        }
        throw new IllegalStateException(clientType.getSimpleName() + " has no base exception " + base);
    }

    /** Fills a service exception the way the SDK unmarshals one: error code, message, HTTP status. */
    protected static <E extends AwsServiceException> E error(AwsServiceException.Builder builder, String code,
            int status, String message) {
        @SuppressWarnings("unchecked")
        E e = (E) builder.message(message).statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .build();
        return e;
    }

    public String serviceName() {
        return iamPrefix;
    }

    public void close() {
    }
}

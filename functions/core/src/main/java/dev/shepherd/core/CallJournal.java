package dev.shepherd.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The record of every AWS call a function made: service (IAM prefix), operation and request, with
 * secret-bearing members redacted. Real clients write to it through {@link RecordingInterceptor}; the
 * sandbox fakes write to it directly, so both paths produce the same journal.
 *
 * <p>When the system property {@code shepherd.operations.file} is set (the build sets it for tests), each
 * {@code service:Operation} (with the journal's {@link #scope}, if any) is also appended to that file, which
 * the template test checks against IAM.
 */
public final class CallJournal {
    /** Request members whose values never leave the function. */
    private static final Set<String> REDACTED = Set.of(
            "SecretString", "SecretBinary", "RotationToken", "Password", "Value");
    static final String REDACTION = "*** redacted ***";

    public record Call(String service, String operation, ObjectNode request) {
        public String action() {
            return service + ":" + operation;
        }

        public ObjectNode toJson() {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("service", service);
            node.put("operation", operation);
            node.set("request", request);
            return node;
        }
    }

    /** Guarded by CallJournal.class: whether this JVM has written the operations file yet. */
    private static boolean operationsFileStarted;

    private final List<Call> calls = new ArrayList<>();
    private final boolean keep;
    private volatile String scope;

    private CallJournal(boolean keep) {
        this.keep = keep;
    }

    /** A journal that keeps every call for inspection. */
    public static CallJournal recording() {
        return new CallJournal(true);
    }

    /** A journal that keeps nothing (deployed functions); the operations file is still written in tests. */
    public static CallJournal discarding() {
        return new CallJournal(false);
    }

    /**
     * Names, in the operations file, which of a module's functions the following calls stand for, as
     * {@code NAME=VALUE} of the environment variable that tells the module's template functions apart
     * (e.g. {@code HOOK_EVENT=AfterInstall}; an empty value means unset). The template test then checks those
     * calls against that function's policy alone.
     */
    public CallJournal scope(String environmentSelector) {
        this.scope = environmentSelector;
        return this;
    }

    public void record(String service, String operation, SdkPojo request) {
        String selector = scope;
        appendToOperationsFile(service + ":" + operation + (selector == null ? "" : " " + selector));
        if (keep) {
            synchronized (calls) {
                calls.add(new Call(service, operation, (ObjectNode) toJson(request)));
            }
        }
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Calls to one operation, e.g. {@code calls("codedeploy", "PutLifecycleEventHookExecutionStatus")}. */
    public List<Call> calls(String service, String operation) {
        return calls().stream().filter(c -> c.service().equals(service) && c.operation().equals(operation)).toList();
    }

    public void clear() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** Writes the journal as JSON lines, one call a line; an empty journal writes an empty file. */
    public void writeJsonLines(Path file) {
        StringBuilder out = new StringBuilder();
        for (Call call : calls()) {
            out.append(Json.write(call.toJson())).append('\n');
        }
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write journal " + file, e);
        }
    }

    private static void appendToOperationsFile(String action) {
        String file = System.getProperty("shepherd.operations.file");
        if (file == null) {
            return;
        }
        synchronized (CallJournal.class) {
            try {
                Path path = Path.of(file);
                Files.createDirectories(path.getParent());
                // The first call of a test JVM starts the file afresh, so calls the tests no longer make drop out
                // of it (surefire runs one JVM per module; with several forks, give each its own file).
                StandardOpenOption mode = operationsFileStarted ? StandardOpenOption.APPEND
                        : StandardOpenOption.TRUNCATE_EXISTING;
                Files.writeString(path, action + "\n", StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                operationsFileStarted = true;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record operation in " + file, e);
            }
        }
    }

    /** Renders an SDK model object as JSON using its member names, redacting secret-bearing members. */
    static JsonNode toJson(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null) {
            return f.nullNode();
        }
        if (value instanceof SdkPojo pojo) {
            ObjectNode node = f.objectNode();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member == null || isUnsetAutoConstruct(member)) {
                    continue;
                }
                node.set(field.memberName(),
                        REDACTED.contains(field.memberName()) ? f.textNode(REDACTION) : toJson(member));
            }
            return node;
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode node = f.objectNode();
            map.forEach((k, v) -> node.set(String.valueOf(k), toJson(v)));
            return node;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode node = f.arrayNode();
            list.forEach(item -> node.add(toJson(item)));
            return node;
        }
        if (value instanceof SdkBytes bytes) {
            return f.textNode("<" + bytes.asByteArrayUnsafe().length + " bytes>");
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return f.numberNode(((Number) value).longValue());
        }
        if (value instanceof Number n) {
            return f.numberNode(n.doubleValue());
        }
        if (value instanceof Instant i) {
            return f.textNode(i.toString());
        }
        return f.textNode(String.valueOf(value));
    }

    private static boolean isUnsetAutoConstruct(Object member) {
        return member instanceof software.amazon.awssdk.core.util.SdkAutoConstructList<?>
                || member instanceof software.amazon.awssdk.core.util.SdkAutoConstructMap<?, ?>;
    }
}

package dev.shepherd.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A SAM template read by {@link CfnYaml}: its functions as deployed, and its intrinsics resolved locally. */
public final class Template {
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** Lambda's own default where neither the function nor Globals sets a Timeout. */
    private static final int DEFAULT_TIMEOUT = 3;

    private final JsonNode root;
    private final String source;

    public Template(JsonNode root, String source) {
        this.root = root;
        this.source = source;
    }

    public static Template load(Path file) {
        return new Template(CfnYaml.read(file), file.toString());
    }

    public JsonNode resources() {
        JsonNode resources = root.path("Resources");
        if (!resources.isObject()) {
            throw new TemplateException(source + ": no Resources section");
        }
        return resources;
    }

    /** Logical ids of every AWS::Serverless::Function, in template order. */
    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        resources().fields().forEachRemaining(e -> {
            if (FUNCTION_TYPE.equals(e.getValue().path("Type").asText())) {
                ids.add(e.getKey());
            }
        });
        return ids;
    }

    public FunctionSpec function(String logicalId) {
        JsonNode resource = resources().path(logicalId);
        if (!FUNCTION_TYPE.equals(resource.path("Type").asText())) {
            throw new TemplateException(source + ": no " + FUNCTION_TYPE + " named '" + logicalId + "'; functions: "
                    + functionIds());
        }
        JsonNode props = resource.path("Properties");
        JsonNode globals = root.path("Globals").path("Function");
        String handler = property(props, globals, "Handler").asText("");
        if (handler.isBlank()) {
            throw new TemplateException(source + ": function " + logicalId + " has no Handler");
        }
        ObjectNode environment = JsonNodeFactory.instance.objectNode();
        merge(environment, globals.path("Environment").path("Variables"));
        merge(environment, props.path("Environment").path("Variables"));
        return new FunctionSpec(logicalId, handler, property(props, globals, "CodeUri").asText(""),
                property(props, globals, "Timeout").asInt(DEFAULT_TIMEOUT),
                environment);
    }

    /** Resolves intrinsics as a local stack in {@code region} would, with every parameter at its default. */
    public Intrinsics intrinsics(String region) {
        return new Intrinsics(root, Map.of("AWS::Region", region));
    }

    private static JsonNode property(JsonNode props, JsonNode globals, String name) {
        return props.has(name) ? props.get(name) : globals.path(name);
    }

    private static void merge(ObjectNode into, JsonNode variables) {
        if (variables.isObject()) {
            variables.fields().forEachRemaining(e -> into.set(e.getKey(), e.getValue()));
        }
    }
}

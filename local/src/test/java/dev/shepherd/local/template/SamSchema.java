package dev.shepherd.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The official SAM JSON schema, applied piece by piece: the top level with Resources left open, then each
 * resource against the definition its {@code Type} selects, then each function event against the
 * definition its event {@code Type} selects. Validating the whole document at once reports a typo
 * through Resources' anyOf as a hundred messages; by sub-schema it is one or two, with a path.
 */
final class SamSchema {
    private static final String ANY_CFN_RESOURCE = "any_cfn_resource";

    private final JsonNode schema;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    private final Map<String, String> resourceDefinitions = new HashMap<>();
    private final String anyResourceDefinition;
    private final Map<String, Schema> compiled = new HashMap<>();
    private final Schema topLevel;

    SamSchema(Path file) throws IOException {
        schema = Json.MAPPER.readTree(Files.readString(file));
        String any = null;
        for (JsonNode option : schema.at("/properties/Resources/additionalProperties/anyOf")) {
            String definition = definitionName(option);
            JsonNode type = schema.path("definitions").path(definition).at("/properties/Type/enum");
            if (type.size() == 1) {
                resourceDefinitions.put(type.get(0).asText(), definition);
            } else if (definition.contains(ANY_CFN_RESOURCE)) {
                any = definition;
            }
        }
        if (any == null || resourceDefinitions.isEmpty()) {
            throw new IllegalStateException(file + " does not look like the SAM schema (no resource definitions)");
        }
        anyResourceDefinition = any;
        ObjectNode open = schema.deepCopy();
        ((ObjectNode) open.at("/properties/Resources")).set("additionalProperties", JsonNodeFactory.instance.objectNode());
        topLevel = registry.getSchema(open);
    }

    /** Every problem, each as {@code path: message}; empty when the template conforms. */
    List<String> validate(JsonNode template) {
        List<String> problems = new ArrayList<>();
        report(problems, "", topLevel.validate(template));
        template.path("Resources").fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            String path = "/Resources/" + e.getKey();
            String definition = resourceDefinitions.getOrDefault(type, anyResourceDefinition);
            JsonNode resource = e.getValue();
            JsonNode events = resource.at("/Properties/Events");
            if (resourceDefinitions.containsKey(type) && events.isObject()) {
                resource = resource.deepCopy();
                ((ObjectNode) resource.get("Properties")).remove("Events"); // checked one by one below
                validateEvents(problems, path, definition, events);
            }
            report(problems, path, definition(definition).validate(resource));
        });
        return problems;
    }

    /** Events: dispatched by their own Type among the options the resource's Events schema lists. */
    private void validateEvents(List<String> problems, String path, String resourceDefinition, JsonNode events) {
        JsonNode propertiesDefinition = schema.path("definitions").path(definitionName(
                schema.path("definitions").path(resourceDefinition).at("/properties/Properties")));
        JsonNode options = propertiesDefinition.at("/properties/Events/additionalProperties/anyOf");
        events.fields().forEachRemaining(e -> {
            String type = e.getValue().path("Type").asText();
            for (JsonNode option : options) {
                String definition = definitionName(option);
                if (schema.path("definitions").path(definition).at("/properties/Type/enum").toString()
                        .equals("[\"" + type + "\"]")) {
                    report(problems, path + "/Properties/Events/" + e.getKey(), definition(definition).validate(e.getValue()));
                    return;
                }
            }
            problems.add(path + "/Properties/Events/" + e.getKey() + ": unknown event Type '" + type + "'");
        });
    }

    private Schema definition(String name) {
        return compiled.computeIfAbsent(name, n -> {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("$schema", schema.path("$schema").asText());
            root.set("definitions", schema.path("definitions"));
            root.putArray("allOf").addObject().put("$ref", "#/definitions/" + n);
            return registry.getSchema(root);
        });
    }

    private static String definitionName(JsonNode ref) {
        String target = ref.path("$ref").asText();
        return target.substring(target.lastIndexOf('/') + 1);
    }

    private static void report(List<String> problems, String base, List<Error> errors) {
        for (Error error : errors) {
            problems.add(base + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }
}

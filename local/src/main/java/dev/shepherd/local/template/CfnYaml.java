package dev.shepherd.local.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Reads a CloudFormation/SAM YAML template into a JSON tree with every short-form intrinsic
 * ({@code !Ref X}, {@code !GetAtt a.b}, {@code !Sub ...}, {@code !If [...]}) turned into its long form
 * ({@code {"Ref": "X"}}, {@code {"Fn::GetAtt": ["a", "b"]}}, ...). Plain Jackson YAML drops the tags
 * silently ({@code !Ref X} would read as {@code "X"}), so the tags are taken from the streaming parser.
 * CloudFormation rejects duplicate keys and anchors, and so does this reader.
 */
public final class CfnYaml {
    private static final Set<String> FN_TAGS = Set.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join",
            "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "ToJsonString", "Length",
            "ForEach");
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CfnYaml() {
    }

    public static JsonNode read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Parses template text; {@code source} names it in error messages. */
    public static JsonNode parse(String text, String source) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                throw new TemplateException(source + ": the template is empty");
            }
            JsonNode root = value(parser, source);
            if (!root.isObject()) {
                throw new TemplateException(source + ": the template must be a mapping at the top level");
            }
            return root;
        } catch (IOException e) {
            throw new TemplateException(source + ": malformed YAML: " + e.getMessage());
        }
    }

    private static JsonNode value(YAMLParser p, String source) throws IOException {
        String tag = p.getTypeId();
        if (p.getObjectId() != null || p.isCurrentAlias()) {
            throw new TemplateException(where(p, source) + "YAML anchors and aliases are not allowed in templates");
        }
        JsonToken token = p.currentToken();
        JsonNode node = switch (token) {
            case START_OBJECT -> object(p, source);
            case START_ARRAY -> array(p, source);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new TemplateException(where(p, source) + "unexpected YAML token " + token);
        };
        return tag == null ? node : longForm(tag, node, p, source);
    }

    private static ObjectNode object(YAMLParser p, String source) throws IOException {
        ObjectNode node = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (node.has(key)) {
                throw new TemplateException(where(p, source) + "duplicate key '" + key + "'");
            }
            p.nextToken();
            node.set(key, value(p, source));
        }
        return node;
    }

    private static ArrayNode array(YAMLParser p, String source) throws IOException {
        ArrayNode node = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            node.add(value(p, source));
        }
        return node;
    }

    private static JsonNode longForm(String tag, JsonNode node, YAMLParser p, String source) {
        if (tag.startsWith("tag:yaml.org,2002:")) {
            return node; // a standard YAML tag such as !!str: the scalar is already typed by the parser
        }
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        ObjectNode fn = NODES.objectNode();
        switch (name) {
            case "Ref", "Condition" -> fn.set(name, node);
            case "GetAtt" -> fn.set("Fn::GetAtt", node.isTextual() ? getAttList(node.asText(), p, source) : node);
            default -> {
                if (!FN_TAGS.contains(name)) {
                    throw new TemplateException(where(p, source) + "unknown tag !" + name);
                }
                fn.set("Fn::" + name, node);
            }
        }
        return fn;
    }

    /** {@code !GetAtt Resource.Attr.Name} splits at the first dot; attribute names may contain dots. */
    private static ArrayNode getAttList(String text, YAMLParser p, String source) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new TemplateException(where(p, source) + "!GetAtt needs Resource.Attribute, got '" + text + "'");
        }
        return NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
    }

    private static String where(YAMLParser p, String source) {
        return source + " line " + p.currentLocation().getLineNr() + ": ";
    }
}

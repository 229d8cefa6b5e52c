package dev.shepherd.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsics the way a local run needs them: parameters take their
 * {@code Default}, pseudo parameters local values, and references to resources (which do not exist
 * locally) a readable placeholder such as {@code <AlertsTopic>} or {@code <Key.Arn>}.
 */
public final class Intrinsics {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final Map<String, String> PSEUDO = Map.of(
            "AWS::AccountId", "123456789012",
            "AWS::Partition", "aws",
            "AWS::StackName", "shepherd-local",
            "AWS::StackId", "arn:aws:cloudformation:local:123456789012:stack/shepherd-local/local",
            "AWS::URLSuffix", "amazonaws.com");

    private final JsonNode template;
    private final Map<String, String> pseudo;

    Intrinsics(JsonNode template, Map<String, String> overrides) {
        this.template = template;
        this.pseudo = new HashMap<>(PSEUDO);
        this.pseudo.putAll(overrides);
    }

    /**
     * Resolves an environment mapping to strings; a variable whose value is {@code AWS::NoValue} is left
     * out, as CloudFormation does. {@code where} names the owner in error messages.
     */
    public Map<String, String> strings(JsonNode mapping, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        mapping.fields().forEachRemaining(e -> {
            String value = string(e.getValue(), where + "." + e.getKey());
            if (value != null) {
                out.put(e.getKey(), value);
            }
        });
        return out;
    }

    /** A scalar value, or null for {@code AWS::NoValue}. */
    public String string(JsonNode node, String where) {
        Object value = eval(node, where);
        if (value instanceof List<?>) {
            throw new TemplateException(where + ": expected a single value, got a list");
        }
        return (String) value;
    }

    /** A String, a List of values, or null (AWS::NoValue). */
    private Object eval(JsonNode node, String where) {
        if (node.isValueNode()) {
            return node.isNull() ? null : node.asText();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(eval(item, where)));
            return items;
        }
        if (node.size() != 1) {
            throw new TemplateException(where + ": expected a value or one intrinsic function, got " + node);
        }
        String fn = node.fieldNames().next();
        JsonNode arg = node.get(fn);
        return switch (fn) {
            case "Ref" -> ref(arg.asText(), where);
            case "Fn::GetAtt" -> getAtt(arg.path(0).asText(), string(arg.path(1), where), where);
            case "Fn::Sub" -> sub(arg, where);
            case "Fn::Join" -> join(arg, where);
            case "Fn::Select" -> list(arg.path(1), where).get(Integer.parseInt(string(arg.path(0), where)));
            case "Fn::Split" -> List.of((Object[]) string(arg.path(1), where)
                    .split(Pattern.quote(string(arg.path(0), where)), -1));
            case "Fn::If" -> eval(arg.path(condition(arg.path(0).asText(), where) ? 1 : 2), where);
            case "Fn::FindInMap" -> findInMap(arg, where);
            default -> throw new TemplateException(where + ": " + fn + " is not supported by the local runner");
        };
    }

    private Object ref(String name, String where) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        if (pseudo.containsKey(name)) {
            return pseudo.get(name);
        }
        JsonNode parameter = template.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            if (!parameter.has("Default")) {
                throw new TemplateException(where + ": parameter " + name + " has no Default to run with locally");
            }
            String value = parameter.get("Default").asText();
            // List parameters (CommaDelimitedList, List<...>) are lists when referenced.
            return parameter.path("Type").asText().contains("List")
                    ? (value.isEmpty() ? List.of() : List.of((Object[]) value.split(",", -1))) : value;
        }
        if (template.path("Resources").has(name)) {
            return "<" + name + ">";
        }
        throw new TemplateException(where + ": Ref to unknown name '" + name + "'");
    }

    private String getAtt(String resource, String attribute, String where) {
        if (!template.path("Resources").has(resource)) {
            throw new TemplateException(where + ": Fn::GetAtt of unknown resource '" + resource + "'");
        }
        return "<" + resource + "." + attribute + ">";
    }

    private String sub(JsonNode arg, String where) {
        String text = arg.isArray() ? arg.path(0).asText() : arg.asText();
        Map<String, String> variables = arg.isArray() && arg.path(1).isObject()
                ? strings(arg.path(1), where) : Map.of();
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (name.startsWith("!")) {
                value = "${" + name.substring(1) + "}"; // ${!Literal} escapes a literal ${Literal}
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                int dot = name.indexOf('.');
                value = getAtt(name.substring(0, dot), name.substring(dot + 1), where);
            } else {
                value = String.valueOf(ref(name, where));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String join(JsonNode arg, String where) {
        String delimiter = string(arg.path(0), where);
        List<String> parts = new ArrayList<>();
        for (Object part : list(arg.path(1), where)) {
            parts.add(String.valueOf(part));
        }
        return String.join(delimiter, parts);
    }

    private List<?> list(JsonNode node, String where) {
        Object value = eval(node, where);
        if (!(value instanceof List<?> items)) {
            throw new TemplateException(where + ": expected a list, got " + node);
        }
        return items;
    }

    private String findInMap(JsonNode arg, String where) {
        JsonNode value = template.path("Mappings").path(string(arg.path(0), where))
                .path(string(arg.path(1), where)).path(string(arg.path(2), where));
        if (value.isMissingNode()) {
            throw new TemplateException(where + ": Fn::FindInMap " + arg + " finds nothing");
        }
        return string(value, where);
    }

    /** Evaluates a named condition from the template's Conditions section. */
    private boolean condition(String name, String where) {
        JsonNode condition = template.path("Conditions").path(name);
        if (condition.isMissingNode()) {
            throw new TemplateException(where + ": unknown condition '" + name + "'");
        }
        return test(condition, where + " (condition " + name + ")");
    }

    private boolean test(JsonNode node, String where) {
        String fn = node.isObject() && node.size() == 1 ? node.fieldNames().next() : "";
        JsonNode arg = node.path(fn);
        return switch (fn) {
            case "Condition" -> condition(arg.asText(), where);
            case "Fn::Equals" -> String.valueOf(eval(arg.path(0), where)).equals(String.valueOf(eval(arg.path(1), where)));
            case "Fn::Not" -> !test(arg.path(0), where);
            case "Fn::And" -> all(arg, where, true);
            case "Fn::Or" -> !all(arg, where, false);
            default -> throw new TemplateException(where + ": not a condition function: " + node);
        };
    }

    /** And: all true; Or is !all(false), i.e. not every operand false. */
    private boolean all(JsonNode operands, String where, boolean expected) {
        for (JsonNode operand : operands) {
            if (test(operand, where) != expected) {
                return false;
            }
        }
        return true;
    }
}

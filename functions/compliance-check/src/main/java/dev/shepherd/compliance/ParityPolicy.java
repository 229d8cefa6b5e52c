package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the configuration parity check compares, from the {@code parameters} object of the compliance policy; every
 * field is optional:
 * <pre>
 * {"environments": {"dev": "/shepherd/dev", "staging": "/shepherd/staging", "prod": "/shepherd/prod"},
 *  "required": ["routes"],
 *  "requiredListParameter": "required-parameters",
 *  "ignore": ["deployments"]}
 * </pre>
 *
 * @param environments          environment to its SSM path (two at least, none inside another); every parameter
 *                              below a path is compared by its name relative to it. Default: Shepherd's three
 *                              environments under {@code /shepherd/<environment>}
 * @param required              relative names each environment must have. Default {@code ["routes"]}: the route
 *                              file, without which the alarm responder and the budget guard do not start
 * @param requiredListParameter the relative name of a StringList parameter, in each environment, naming more
 *                              required relative names (comma-separated); null (the default) for none
 * @param ignore                relative names (and everything below them) left out of the comparison, for
 *                              parameters that differ by design. Default none
 */
record ParityPolicy(Map<String, String> environments, List<String> required, String requiredListParameter,
        List<String> ignore) {
    static final ParityPolicy DEFAULTS = new ParityPolicy(shepherdEnvironments(), List.of("routes"), null, List.of());

    /** A relative name: SSM's name characters, levels separated by {@code /}, no leading or trailing slash. */
    static final Pattern RELATIVE_NAME = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9-]{1,32}");
    private static final Set<String> FIELDS = Set.of("environments", "required", "requiredListParameter", "ignore");

    ParityPolicy {
        environments = Collections.unmodifiableMap(new LinkedHashMap<>(environments));
        required = List.copyOf(required);
        ignore = List.copyOf(ignore);
    }

    private static Map<String, String> shepherdEnvironments() {
        Map<String, String> environments = new LinkedHashMap<>();
        for (String env : List.of("dev", "staging", "prod")) {
            environments.put(env, "/shepherd/" + env);
        }
        return environments;
    }

    /** Whether a relative name is left out: it is an ignored name or below one. */
    boolean ignored(String relative) {
        return ignore.stream().anyMatch(i -> relative.equals(i) || relative.startsWith(i + "/"));
    }

    /** The policy an absent or partial {@code parameters} object means; each problem is added to {@code problems}. */
    static ParityPolicy parse(JsonNode node, List<String> problems) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return DEFAULTS;
        }
        if (!node.isObject()) {
            problems.add("parameters must be an object");
            return DEFAULTS;
        }
        node.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) {
                problems.add("parameters." + f + " is not a known field; known: " + FIELDS.stream().sorted().toList());
            }
        });
        Map<String, String> environments = environments(node.get("environments"), problems);
        List<String> required = names(node.get("required"), "required", DEFAULTS.required, problems);
        List<String> ignore = names(node.get("ignore"), "ignore", DEFAULTS.ignore, problems);
        String list = null;
        JsonNode listNode = node.get("requiredListParameter");
        if (listNode != null && !listNode.isNull()) {
            if (listNode.isTextual() && RELATIVE_NAME.matcher(listNode.asText()).matches()) {
                list = listNode.asText();
            } else {
                problems.add("parameters.requiredListParameter must be a relative parameter name such as "
                        + "required-parameters");
            }
        }
        return new ParityPolicy(environments, required, list, ignore);
    }

    private static Map<String, String> environments(JsonNode node, List<String> problems) {
        if (node == null) {
            return DEFAULTS.environments;
        }
        if (!node.isObject() || node.size() < 2) {
            problems.add("parameters.environments must map two environments or more to their SSM paths");
            return DEFAULTS.environments;
        }
        Map<String, String> environments = new LinkedHashMap<>();
        int before = problems.size();
        node.properties().forEach(e -> {
            String at = "parameters.environments." + e.getKey();
            if (!ENVIRONMENT.matcher(e.getKey()).matches()) {
                problems.add(at + ": an environment name is 1 to 32 lower-case letters, digits or '-'");
            } else if (!e.getValue().isTextual() || !PATH.matcher(e.getValue().asText()).matches()) {
                problems.add(at + " must be an SSM path such as /shepherd/" + e.getKey() + " (no trailing slash)");
            } else {
                environments.put(e.getKey(), e.getValue().asText());
            }
        });
        List<Map.Entry<String, String>> paths = new ArrayList<>(environments.entrySet());
        for (Map.Entry<String, String> a : paths) {
            for (Map.Entry<String, String> b : paths) {
                if (a != b && (a.getValue() + "/").startsWith(b.getValue() + "/")) {
                    problems.add("parameters.environments." + a.getKey() + ": " + a.getValue() + " lies within "
                            + b.getKey() + "'s path " + b.getValue());
                }
            }
        }
        return problems.size() == before ? environments : DEFAULTS.environments;
    }

    private static List<String> names(JsonNode node, String field, List<String> fallback, List<String> problems) {
        if (node == null) {
            return fallback;
        }
        if (!node.isArray()) {
            problems.add("parameters." + field + " must be a list of relative parameter names");
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (n.isTextual() && RELATIVE_NAME.matcher(n.asText()).matches()) {
                names.add(n.asText());
            } else {
                problems.add("parameters." + field + "[" + i + "] must be a relative parameter name such as routes "
                        + "(no leading slash)");
            }
        }
        return names;
    }
}

package dev.shepherd.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A scenario file as the local runner reads it: the AWS state the sandbox is seeded with, and its optional
 * {@code environment}, {@code {"<FunctionLogicalId>": {"NAME": "value"}}} (the shape of
 * {@code sam local invoke --env-vars}). The environment holds what a deployed stack would have put in a
 * function's variables and a local run cannot know: the physical names of the resources CloudFormation
 * created, which the scenario's own state must match (an incident table, a schedule group).
 */
record Scenario(JsonNode world, Map<String, Map<String, String>> environment) {
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    Scenario {
        environment = Map.copyOf(environment);
    }

    static Scenario read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
        JsonNode world = Json.parse(text);
        return new Scenario(world, environment(world.path("environment"), file));
    }

    /** Seeds {@code sandbox} with the scenario's state. */
    void seed(Sandbox sandbox) {
        sandbox.load(world);
    }

    private static Map<String, Map<String, String>> environment(JsonNode node, Path file) {
        if (node.isMissingNode()) {
            return Map.of();
        }
        String where = file + ": environment";
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object of function logical ids");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(function -> {
            if (!function.getValue().isObject()) {
                problems.add(function.getKey() + " must be an object of NAME: \"value\"");
                return;
            }
            Map<String, String> variables = new LinkedHashMap<>();
            function.getValue().fields().forEachRemaining(v -> {
                if (!VARIABLE.matcher(v.getKey()).matches()) {
                    problems.add(function.getKey() + ": '" + v.getKey() + "' is not a variable name");
                } else if (!v.getValue().isTextual()) {
                    problems.add(function.getKey() + "." + v.getKey() + " must be a string");
                } else {
                    variables.put(v.getKey(), v.getValue().asText());
                }
            });
            out.put(function.getKey(), Map.copyOf(variables));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(where + ": " + String.join("; ", problems));
        }
        return out;
    }
}

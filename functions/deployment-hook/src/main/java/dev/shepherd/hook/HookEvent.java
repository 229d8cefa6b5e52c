package dev.shepherd.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The event a hook invocation carries, told apart by its raw JSON: CodeDeploy sends PascalCase
 * {@code DeploymentId}/{@code LifecycleEventHookExecutionId}; ECS native blue/green sends camelCase
 * {@code executionId}/{@code lifecycleStage}/{@code executionDetails}. Anything else is {@link Unrecognized}.
 */
public sealed interface HookEvent {
    /** Keys for log correlation; never null values. */
    Map<String, String> correlation();

    record CodeDeploy(String deploymentId, String executionId) implements HookEvent {
        @Override
        public Map<String, String> correlation() {
            return Map.of("deploymentId", deploymentId, "lifecycleEventHookExecutionId", executionId);
        }
    }

    /** CodeDeploy-shaped but unusable: without both ids nothing can be reported. */
    record InvalidCodeDeploy(String reason) implements HookEvent {
        @Override
        public Map<String, String> correlation() {
            return Map.of();
        }
    }

    /**
     * @param stage        the parsed stage, or null when {@code stageName} is not a hookable stage
     * @param hookDetails  what the service configured, merged with what an earlier IN_PROGRESS returned
     */
    record Ecs(String executionId, String stageName, EcsStage stage, String serviceDeploymentArn, String serviceArn,
            String targetRevisionArn, Map<String, Double> testTrafficWeights, Map<String, Double> productionTrafficWeights,
            ObjectNode hookDetails) implements HookEvent {
        @Override
        public Map<String, String> correlation() {
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("executionId", executionId);
            keys.put("lifecycleStage", stageName);
            if (serviceDeploymentArn != null) {
                keys.put("serviceDeploymentArn", serviceDeploymentArn);
            }
            return keys;
        }
    }

    /** Neither shape (a console test {@code {}}, malformed JSON, an ECS event missing its ids). */
    record Unrecognized(String reason) implements HookEvent {
        @Override
        public Map<String, String> correlation() {
            return Map.of();
        }
    }

    static HookEvent detect(byte[] raw) {
        JsonNode root;
        try {
            // Strict (core Json): a duplicate key or content after the object is refused, not resolved.
            root = Json.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Unrecognized("the event is not one valid JSON document: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Unrecognized("the event is not a JSON object");
        }
        if (root.has("DeploymentId") || root.has("LifecycleEventHookExecutionId")) {
            return codeDeploy(root);
        }
        if (root.has("executionId") || root.has("lifecycleStage")) {
            return ecs(root);
        }
        return new Unrecognized("the event is neither a CodeDeploy hook (DeploymentId, LifecycleEventHookExecutionId)"
                + " nor an ECS lifecycle hook (executionId, lifecycleStage, executionDetails); keys: "
                + fieldNames(root));
    }

    private static HookEvent codeDeploy(JsonNode root) {
        List<String> problems = new ArrayList<>();
        String deploymentId = text(root, "DeploymentId", "", problems);
        String executionId = text(root, "LifecycleEventHookExecutionId", "", problems);
        if (!problems.isEmpty()) {
            return new InvalidCodeDeploy("CodeDeploy hook event: " + String.join("; ", problems)
                    + "; nothing can be reported");
        }
        return new CodeDeploy(deploymentId, executionId);
    }

    private static HookEvent ecs(JsonNode root) {
        List<String> problems = new ArrayList<>();
        String executionId = text(root, "executionId", "", problems);
        String stageName = text(root, "lifecycleStage", "", problems);
        String resourceArn = text(root, "resourceArn", "", problems);
        JsonNode details = root.path("executionDetails");
        if (!details.isObject()) {
            problems.add("executionDetails is missing or not an object");
        }
        String serviceArn = text(details, "serviceArn", "executionDetails.", problems);
        String targetRevision = text(details, "targetServiceRevisionArn", "executionDetails.", problems);
        Map<String, Double> testWeights = weights(details, "testTrafficWeights", problems);
        Map<String, Double> productionWeights = weights(details, "productionTrafficWeights", problems);
        JsonNode hookDetails = root.get("hookDetails");
        if (hookDetails != null && !hookDetails.isNull() && !hookDetails.isObject()) {
            problems.add("hookDetails is " + hookDetails.getNodeType() + ", expected an object");
        }
        if (!problems.isEmpty()) {
            return new Unrecognized("ECS lifecycle hook event: " + String.join("; ", problems));
        }
        return new Ecs(executionId, stageName, EcsStage.parse(stageName).orElse(null), resourceArn, serviceArn,
                targetRevision, testWeights, productionWeights,
                hookDetails != null && hookDetails.isObject() ? (ObjectNode) hookDetails.deepCopy()
                        : JsonNodeFactory.instance.objectNode());
    }

    /** Revision ARN → percentage; absent or null is empty (most stages send {}), anything else must be numbers. */
    private static Map<String, Double> weights(JsonNode details, String field, List<String> problems) {
        Map<String, Double> weights = new LinkedHashMap<>();
        JsonNode node = details.get(field);
        if (node == null || node.isNull()) {
            return weights;
        }
        if (!node.isObject()) {
            problems.add("executionDetails." + field + " is " + node.getNodeType() + ", expected an object");
            return weights;
        }
        node.properties().forEach(e -> {
            if (e.getValue().isNumber()) {
                weights.put(e.getKey(), e.getValue().doubleValue());
            } else {
                problems.add("executionDetails." + field + " has a non-number weight for " + e.getKey());
            }
        });
        return weights;
    }

    /** A required non-blank string; a missing field and a wrong type are both problems, never coerced. */
    private static String text(JsonNode node, String field, String at, List<String> problems) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problems.add("lacks " + at + field);
            return null;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problems.add(at + field + " is " + (value.isTextual() ? "blank" : value.getNodeType().toString())
                    + ", expected a non-empty string");
            return null;
        }
        return value.textValue();
    }

    private static String fieldNames(JsonNode root) {
        StringBuilder names = new StringBuilder("[");
        root.fieldNames().forEachRemaining(n -> names.append(names.length() > 1 ? ", " : "").append(n));
        return names.append(']').toString();
    }
}

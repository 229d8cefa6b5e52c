package dev.shepherd.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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
            root = Json.parse(new String(raw, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new Unrecognized("the event is not JSON: " + e.getMessage());
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
        String deploymentId = text(root, "DeploymentId");
        String executionId = text(root, "LifecycleEventHookExecutionId");
        if (deploymentId == null || executionId == null) {
            return new InvalidCodeDeploy("CodeDeploy hook event without "
                    + (deploymentId == null ? "DeploymentId" : "LifecycleEventHookExecutionId")
                    + "; nothing can be reported");
        }
        return new CodeDeploy(deploymentId, executionId);
    }

    private static HookEvent ecs(JsonNode root) {
        String executionId = text(root, "executionId");
        String stageName = text(root, "lifecycleStage");
        JsonNode details = root.path("executionDetails");
        String serviceArn = text(details, "serviceArn");
        String targetRevision = text(details, "targetServiceRevisionArn");
        String resourceArn = text(root, "resourceArn");
        if (executionId == null || stageName == null || serviceArn == null || targetRevision == null
                || resourceArn == null) {
            return new Unrecognized("ECS lifecycle hook event lacks executionId, lifecycleStage, resourceArn,"
                    + " executionDetails.serviceArn or executionDetails.targetServiceRevisionArn");
        }
        JsonNode hookDetails = root.path("hookDetails");
        return new Ecs(executionId, stageName, EcsStage.parse(stageName).orElse(null), resourceArn, serviceArn,
                targetRevision, weights(details.path("testTrafficWeights")),
                weights(details.path("productionTrafficWeights")),
                hookDetails.isObject() ? (ObjectNode) hookDetails.deepCopy() : JsonNodeFactory.instance.objectNode());
    }

    private static Map<String, Double> weights(JsonNode node) {
        Map<String, Double> weights = new LinkedHashMap<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getValue().isNumber()) {
                    weights.put(e.getKey(), e.getValue().asDouble());
                }
            });
        }
        return weights;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String fieldNames(JsonNode root) {
        StringBuilder names = new StringBuilder("[");
        root.fieldNames().forEachRemaining(n -> names.append(names.length() > 1 ? ", " : "").append(n));
        return names.append(']').toString();
    }
}

package dev.shepherd.hook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the real handler, built on an explicit {@link Platform} (never the installed one, so suites may run
 * in parallel), against a {@link Sandbox} seeded from a scenario file in {@code events/scenarios} plus test-specific overlays,
 * on an event file from {@code events/}.
 */
final class HookHarness {
    static final Path REPO = Path.of(System.getProperty("shepherd.repo.root", "../.."));

    final Sandbox sandbox = new Sandbox();
    private boolean outsideTheTemplate;
    private final Map<String, String> env = new HashMap<>(Map.of(
            "SHEPHERD_ENVIRONMENT", "dev",
            "POWERTOOLS_SERVICE_NAME", "deployment-hook",
            "POWERTOOLS_METRICS_NAMESPACE", "Shepherd",
            "AWS_REGION", "eu-west-1",
            "HTTP_ALLOW_LOOPBACK", "true",
            "REPORT_RESERVE_SECONDS", "2"));
    private ObjectNode scenario;
    private final List<JsonNode> overlays = new ArrayList<>();
    private Consumer<Platform> afterInit = platform -> { };

    static HookHarness scenario(String file) {
        HookHarness h = new HookHarness();
        h.scenario = (ObjectNode) read(REPO.resolve("events/scenarios").resolve(file));
        return h;
    }

    /**
     * Calls made from here on stand for no function of template.yaml (e.g. a CodeDeploy hook deployed without
     * HOOK_EVENT), so the template test checks them against the module's functions together, not one function.
     */
    HookHarness outsideTheTemplate() {
        outsideTheTemplate = true;
        return this;
    }

    /** The template gives each HOOK_EVENT (unset: the ECS hook) its own function and policy. */
    private void scopeJournal() {
        sandbox.journal().scope(outsideTheTemplate ? null : "HOOK_EVENT=" + env.getOrDefault("HOOK_EVENT", ""));
    }

    HookHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Runs between the handler's construction and its invocation, as SnapStart's checkpoint does. */
    HookHarness afterInit(Consumer<Platform> step) {
        afterInit = step;
        return this;
    }

    /** Changes the scenario before it is loaded, e.g. a deployment's status. */
    HookHarness edit(Consumer<ObjectNode> change) {
        change.accept(scenario);
        return this;
    }

    /** Seeds more state after the scenario (same keys replace what the scenario seeded). */
    HookHarness overlay(String json) {
        overlays.add(Json.parse(json));
        return this;
    }

    HookHarness plan(String parameterName, String planJson) {
        // Stored as written, so that a malformed plan (a duplicate key, trailing content) reaches the hook as is.
        ObjectNode param = Json.MAPPER.createObjectNode().put("Name", parameterName).put("Type", "String")
                .put("Value", planJson);
        ObjectNode overlay = Json.MAPPER.createObjectNode();
        overlay.putObject("ssm").putArray("parameters").add(param);
        overlays.add(overlay);
        return this;
    }

    /** Points a load balancer's DNS name at loopback and a listener at a test server's port. */
    HookHarness listenerOn(String loadBalancerArn, String listenerArn, int port) {
        return overlay("""
                {"elbv2": {"loadBalancers": [{"LoadBalancerArn": "%s", "DNSName": "127.0.0.1", "LoadBalancerName": "lb"}],
                           "listeners": [{"ListenerArn": "%s", "LoadBalancerArn": "%s", "Port": %d, "Protocol": "HTTP"}]}}
                """.formatted(loadBalancerArn, listenerArn, loadBalancerArn, port));
    }

    /** Runs one invocation on the event file with the given remaining time; returns the handler's output. */
    JsonNode invoke(String eventFile, Duration remaining) {
        return invokeRaw(readBytes(REPO.resolve("events").resolve(eventFile)), remaining);
    }

    JsonNode invoke(String eventFile) {
        return invoke(eventFile, Duration.ofSeconds(60));
    }

    JsonNode invokeRaw(byte[] event, Duration remaining) {
        return invokeRaw(event, new LocalContext("shepherd-dev-deployment-hook", remaining.toMillis()));
    }

    JsonNode invokeRaw(byte[] event, com.amazonaws.services.lambda.runtime.Context context) {
        seed();
        scopeJournal();
        Platform platform = platform();
        DeploymentHookHandler handler = new DeploymentHookHandler(platform);
        afterInit.accept(platform);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = new java.io.ByteArrayInputStream(event)) {
            handler.handleRequest(in, out, context);
            return Json.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Builds the handler only (init), to test configuration validation. */
    DeploymentHookHandler construct() {
        seed();
        scopeJournal();
        return new DeploymentHookHandler(platform());
    }

    private Platform platform() {
        return new Platform(env, sandbox, Clock.systemUTC());
    }

    private boolean seeded;

    private void seed() {
        if (!seeded) {
            sandbox.load(scenario);
            overlays.forEach(sandbox::load);
            seeded = true;
        }
    }

    CallJournal journal() {
        return sandbox.journal();
    }

    List<CallJournal.Call> reports() {
        return journal().calls("codedeploy", "PutLifecycleEventHookExecutionStatus");
    }

    static JsonNode read(Path file) {
        return Json.parse(new String(readBytes(file), java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.shepherd.bench;

import com.amazonaws.services.lambda.runtime.Context;
import dev.shepherd.core.Telemetry;
import java.util.Map;

/** The tuned hook inside core's {@link Telemetry}: Powertools JSON logging with a correlation key, and one EMF metric. */
public class TelemetryHookHandler extends TunedHookHandler {
    private final Telemetry telemetry = new Telemetry("bench", System.getenv("SHEPHERD_ENVIRONMENT"));

    @Override
    public String handleRequest(Map<String, String> event, Context context) {
        return telemetry.invocation(context, Map.of("deploymentId", event.get("DeploymentId")), () -> {
            String id = super.handleRequest(event, context);
            telemetry.count("HookVerdict", "verdict", "Succeeded");
            return id;
        });
    }
}

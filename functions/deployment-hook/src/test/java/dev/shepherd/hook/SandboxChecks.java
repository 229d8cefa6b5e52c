package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Runs single checks against a sandbox seeded from inline scenario JSON, without the handler. */
final class SandboxChecks {
    final Sandbox sandbox = new Sandbox();
    final Platform platform = new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, Clock.systemUTC());

    SandboxChecks(String scenarioJson) {
        sandbox.load(Json.parse(scenarioJson));
    }

    static CheckPlan.CheckSpec spec(String checkJson) {
        return CheckPlan.parse("{\"stages\": {\"S\": {\"checks\": [" + checkJson + "]}}}", "test")
                .stage("S").orElseThrow().checks().getFirst();
    }

    static Deadline tenSeconds() {
        return Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO);
    }
}

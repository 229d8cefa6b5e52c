package dev.shepherd.hook;

import dev.shepherd.core.Parameters;
import dev.shepherd.core.check.CheckFailure;

/** Check plans in SSM under {@code /shepherd/<environment>/deployments/...}. */
final class PlanStore {
    private final Parameters parameters;
    private final String environment;

    PlanStore(Parameters parameters, String environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    /** For a CodeDeploy deployment group. */
    String codeDeployPath(String application, String deploymentGroup) {
        return "/shepherd/" + environment + "/deployments/" + application + "/" + deploymentGroup;
    }

    /** For an ECS native service: {@code .../deployments/ecs/<cluster>/<service>}. */
    String ecsPath(String cluster, String service) {
        return "/shepherd/" + environment + "/deployments/ecs/" + cluster + "/" + service;
    }

    /** @throws CheckFailure when the plan is absent; {@link CheckPlan.PlanException} when it is malformed */
    CheckPlan load(String path) throws CheckFailure {
        String json = parameters.find(path)
                .orElseThrow(() -> new CheckFailure("no check plan at SSM parameter " + path));
        return CheckPlan.parse(json, path);
    }
}

package dev.shepherd.hook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Lambda entry point for CodeDeploy (ECS and Lambda) and ECS native blue/green lifecycle hooks. It reads
 * the raw event, tells the two shapes apart, and hands over to {@link CodeDeployHook} or {@link EcsHook}.
 * CodeDeploy ignores the return value (the verdict goes out through the API), so for CodeDeploy the output
 * is a summary for people and the local runner; for ECS it is the verdict itself.
 */
public final class DeploymentHookHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentHookHandler.class);

    private final HookConfig config;
    private final Clock clock;
    private final Telemetry telemetry;
    private final CodeDeployHook codeDeploy;
    private final EcsHook ecs;

    public DeploymentHookHandler() {
        this(Platform.current());
    }

    DeploymentHookHandler(Platform platform) {
        this.config = HookConfig.load(platform);
        this.clock = platform.clock();
        String function = platform.env().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "deployment-hook");
        this.telemetry = new Telemetry(function, config.environment());
        Parameters parameters = new Parameters(platform);
        PlanStore plans = new PlanStore(parameters, config.environment());
        GuardedHttp http = new GuardedHttp(new AddressGuard(config.allowLoopback()));
        CheckFactory factory = new CheckFactory(platform, parameters, http);
        CheckRunner runner = new CheckRunner(clock, telemetry);
        LoadBalancers loadBalancers = new LoadBalancers(platform.client(ElasticLoadBalancingV2Client.class));
        this.codeDeploy = new CodeDeployHook(platform.client(CodeDeployClient.class), loadBalancers, plans, factory,
                runner, config.hookEvent());
        this.ecs = new EcsHook(platform.client(EcsClient.class), loadBalancers, plans, factory, runner);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HookEvent event = HookEvent.detect(input.readAllBytes());
        Deadline deadline = Deadline.of(clock, context.getRemainingTimeInMillis(), config.reportReserve());
        ObjectNode response;
        try {
            response = telemetry.invocation(context, event.correlation(), () -> respond(event, deadline));
        } catch (ReportNotDeliveredException e) {
            throw e;
        } catch (RuntimeException e) {
            // Only the telemetry wrapper can get here (the hooks catch everything): still answer, never throw,
            // since ECS rolls back on a thrown error and Lambda would retry a CodeDeploy invocation.
            LOG.error("invocation failed outside validation", e);
            response = event instanceof HookEvent.CodeDeploy
                    ? JsonNodeFactory.instance.objectNode().put("status", "Unknown").put("reason", e.toString())
                    : EcsResponse.failed().toJson();
        }
        output.write(Json.write(response).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode respond(HookEvent event, Deadline deadline) {
        return switch (event) {
            case HookEvent.CodeDeploy e -> summary(codeDeploy.handle(e, deadline));
            case HookEvent.Ecs e -> ecsResponse(e, ecs.handle(e, deadline));
            case HookEvent.InvalidCodeDeploy e -> {
                LOG.error("{}", e.reason());
                telemetry.count("HookVerdict", "verdict", "NotReported");
                yield JsonNodeFactory.instance.objectNode().put("status", "NotReported").put("reason", e.reason());
            }
            case HookEvent.Unrecognized e -> {
                LOG.error("answering FAILED: {}", e.reason());
                telemetry.count("HookVerdict", "verdict", EcsResponse.FAILED);
                yield EcsResponse.failed().toJson();
            }
        };
    }

    private ObjectNode summary(Verdict verdict) {
        String status = switch (verdict.kind()) {
            case PASSED -> "Succeeded";
            case FAILED -> "Failed";
            case SKIPPED -> "NotReported";
        };
        telemetry.count("HookVerdict", "verdict", status);
        return JsonNodeFactory.instance.objectNode().put("status", status).put("reason", verdict.reason());
    }

    private ObjectNode ecsResponse(HookEvent.Ecs event, EcsHook.Outcome outcome) {
        EcsResponse response = EcsHook.respond(event, outcome);
        if (response.hookStatus().equals(EcsResponse.FAILED)) {
            LOG.error("answering FAILED: {}", outcome.verdict().reason());
        } else {
            LOG.info("answering {}: {}", response.hookStatus(), outcome.verdict().reason());
        }
        telemetry.count("HookVerdict", "verdict", response.hookStatus());
        return response.toJson();
    }
}

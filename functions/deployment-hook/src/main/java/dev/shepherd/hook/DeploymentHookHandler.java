package dev.shepherd.hook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Invocation;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.check.CheckRunner;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
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
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";
    static final String IN_PROGRESS = "InProgress";
    static final String NOT_REPORTED = "NotReported";

    private final Telemetry telemetry;
    private final CodeDeployHook codeDeploy;
    private final EcsHook ecs;
    private final Invocation<Call, ObjectNode> invocation;
    /** Held here because the CRaC context keeps only a weak reference; null off Lambda's constructor. */
    private final Priming priming;

    public DeploymentHookHandler() {
        this(Platform.current(), true);
    }

    DeploymentHookHandler(Platform platform) {
        this(platform, false);
    }

    private DeploymentHookHandler(Platform platform, boolean primeBeforeSnapshot) {
        HookConfig config = HookConfig.load(platform);
        Clock clock = platform.clock();
        String function = platform.env().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "deployment-hook");
        this.telemetry = new Telemetry(function, config.environment());
        Parameters parameters = new Parameters(platform);
        PlanStore plans = new PlanStore(parameters, config.environment());
        GuardedHttp http = new GuardedHttp(new AddressGuard(config.allowLoopback()));
        CheckFactory factory = new CheckFactory(platform, parameters, http);
        CheckRunner runner = new CheckRunner(clock, telemetry);
        LoadBalancers loadBalancers = new LoadBalancers(platform.client(ElasticLoadBalancingV2Client.class));
        this.codeDeploy = new CodeDeployHook(() -> platform.client(CodeDeployClient.class), loadBalancers, plans, factory,
                runner, config.hookEvent());
        this.ecs = new EcsHook(() -> platform.client(EcsClient.class), loadBalancers, plans, factory, runner);
        this.invocation = new Invocation<>(telemetry, clock, config.reportReserve(), new Steps());
        this.priming = primeBeforeSnapshot ? Priming.register(new HookPriming(platform)) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.handle(input, output, context);
    }

    /**
     * One invocation's event and the verdict it settled, if any: an error after settling must not lead to a second
     * report.
     */
    private record Call(HookEvent event, AtomicReference<Verdict> settled) {
    }

    private final class Steps implements Invocation.Steps<Call, ObjectNode> {
        @Override
        public Call decode(byte[] raw) {
            return new Call(HookEvent.detect(raw), new AtomicReference<>());
        }

        @Override
        public Map<String, String> correlation(Call call) {
            return call.event().correlation();
        }

        @Override
        public ObjectNode run(Call call, Deadline deadline) {
            return respond(call.event(), deadline, call.settled());
        }

        @Override
        public byte[] encode(ObjectNode response) {
            return Json.write(response).getBytes(StandardCharsets.UTF_8);
        }

        /** Thrown so that Lambda retries: CodeDeploy has not heard the verdict. */
        @Override
        public boolean isOwn(RuntimeException e) {
            return e instanceof ReportNotDeliveredException;
        }

        /**
         * Only errors outside validation get here (the hooks catch everything). CodeDeploy learns the verdict only
         * from a report, so make the one report now (a failed delivery throws, and Lambda retries); ECS rolls back
         * on a thrown error, so answer it FAILED.
         */
        @Override
        public ObjectNode unexpected(Call call, RuntimeException e) {
            String reason = "error outside validation: " + e.getClass().getSimpleName();
            return switch (call.event()) {
                case HookEvent.CodeDeploy event -> summaryJson(codeDeploy.settle(event, call.settled().get(), reason));
                case HookEvent.InvalidCodeDeploy event -> notReported(event.reason());
                case HookEvent.Ecs event -> EcsResponse.failed().toJson();
                case HookEvent.Unrecognized event -> EcsResponse.failed().toJson();
            };
        }
    }

    private ObjectNode respond(HookEvent event, Deadline deadline, AtomicReference<Verdict> settled) {
        return switch (event) {
            case HookEvent.CodeDeploy e -> summary(codeDeploy.handle(e, deadline, settled));
            case HookEvent.Ecs e -> ecsResponse(e, ecs.handle(e, deadline));
            case HookEvent.InvalidCodeDeploy e -> {
                LOG.error("{}", e.reason());
                countVerdict(NOT_REPORTED);
                yield notReported(e.reason());
            }
            case HookEvent.Unrecognized e -> {
                LOG.error("answering FAILED: {}", e.reason());
                countVerdict(FAILED);
                yield EcsResponse.failed().toJson();
            }
        };
    }

    private ObjectNode summary(Verdict verdict) {
        ObjectNode summary = summaryJson(verdict);
        countVerdict(summary.path("status").asText());
        return summary;
    }

    private static ObjectNode summaryJson(Verdict verdict) {
        String status = switch (verdict.kind()) {
            case PASSED -> SUCCEEDED;
            case FAILED -> FAILED;
            case SKIPPED -> NOT_REPORTED;
        };
        return JsonNodeFactory.instance.objectNode().put("status", status).put("reason", verdict.reason());
    }

    private static ObjectNode notReported(String reason) {
        return JsonNodeFactory.instance.objectNode().put("status", NOT_REPORTED).put("reason", reason);
    }

    private ObjectNode ecsResponse(HookEvent.Ecs event, EcsHook.Outcome outcome) {
        EcsResponse response = EcsHook.respond(event, outcome);
        if (response.hookStatus().equals(EcsResponse.FAILED)) {
            LOG.error("answering FAILED: {}", outcome.verdict().reason());
        } else {
            LOG.info("answering {}: {}", response.hookStatus(), outcome.verdict().reason());
        }
        countVerdict(switch (response.hookStatus()) {
            case EcsResponse.SUCCEEDED -> SUCCEEDED;
            case EcsResponse.IN_PROGRESS -> IN_PROGRESS;
            default -> FAILED;
        });
        return response.toJson();
    }

    /** One spelling of the {@code verdict} dimension for CodeDeploy and ECS alike (docs/deployment-hook.md). */
    private void countVerdict(String verdict) {
        telemetry.count("HookVerdict", "verdict", verdict);
    }
}

package dev.shepherd.budget;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Invocation;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.notify.Notifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the budget guard, for its triggers: the budget topic (AWS Budgets and Cost Anomaly
 * Detection over SNS), the Cost Anomaly Detection EventBridge rule and the restore schedule. It decodes the envelope
 * (core's one decoder) and hands over to {@link BudgetGuard}. The answer is a summary for people and the local
 * runner; no trigger reads it.
 */
public final class BudgetGuardHandler implements RequestStreamHandler {
    /** Kept back from the Lambda deadline so the notice still goes out after a long cost action. */
    static final Duration RESERVE = Duration.ofSeconds(5);

    private final Invocation<List<Envelope>, ObjectNode> invocation;
    /** Held here because the CRaC context keeps only a weak reference; null off Lambda's constructor. */
    private final Priming priming;

    /** Lambda's constructor: configuration and clients built once, at init, and priming registered for SnapStart. */
    public BudgetGuardHandler() {
        this(Platform.current(), true);
    }

    BudgetGuardHandler(Platform platform) {
        this(platform, false);
    }

    private BudgetGuardHandler(Platform platform, boolean primeBeforeSnapshot) {
        GuardConfig config = GuardConfig.load(platform);
        String function = platform.env().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "budget-guard");
        Telemetry telemetry = new Telemetry(function, config.environment());
        Notifier notifier = new Notifier(config.routes(), platform,
                new GuardedHttp(new AddressGuard(config.allowLoopback())), telemetry);
        CostPolicy policy = config.policy();
        CostAction action = new CostAction(policy, new BudgetConfirmation(platform),
                new ScaleToZero(platform, policy.clusters(), policy.environments()), config.ownAccount(),
                config.environment());
        BudgetGuard guard = new BudgetGuard(
                new AlertLedger(platform.client(DynamoDbClient.class), config.table(), config.lease(), platform.clock()),
                new CostContext(platform, policy.topServices()), action, notifier,
                new BudgetNotices(config.environment()), telemetry, platform.clock(), config.ownAccount(),
                policy.costTag());
        this.invocation = Invocation.ofEnvelopes(telemetry, platform.clock(), RESERVE, config.topics(),
                BudgetGuardHandler::correlation, guard::handle);
        this.priming = primeBeforeSnapshot ? Priming.register(new GuardPriming(platform)) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.handle(input, output, context);
    }

    /** The delivery's own id as the log's correlation key; nothing from an unparsed event becomes one. */
    private static Map<String, String> correlation(Envelope envelope) {
        Map<String, String> keys = new LinkedHashMap<>();
        switch (envelope) {
            case Envelope.SnsNotification n -> keys.put("messageId", n.messageId());
            case Envelope.EventBridgeEvent e -> keys.put("eventId", e.id());
            case Envelope.Rejected r -> keys.put("messageId", r.messageId());
            case Envelope.AlarmAction _, Envelope.Other _, Envelope.Malformed _ -> {
            }
        }
        return keys;
    }
}

package dev.shepherd.alarm;

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
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/**
 * Lambda entry point of the alarm responder, for all its triggers: the EventBridge rule, SNS alarm topics, the
 * direct Lambda alarm action and its own escalation schedules. It decodes the envelope (core's one decoder) and
 * hands over to {@link AlarmResponder}. The answer is a summary for people and the local runner; no trigger reads it.
 */
public final class AlarmResponderHandler implements RequestStreamHandler {
    /** Kept back from the Lambda deadline so the last notices still go out. */
    static final Duration RESERVE = Duration.ofSeconds(2);

    private final Invocation<List<Envelope>, ObjectNode> invocation;
    /** Held here because the CRaC context keeps only a weak reference; null off Lambda's constructor. */
    private final Priming priming;

    /** Lambda's constructor: configuration and clients built once, at init, and priming registered for SnapStart. */
    public AlarmResponderHandler() {
        this(Platform.current(), true);
    }

    AlarmResponderHandler(Platform platform) {
        this(platform, false);
    }

    private AlarmResponderHandler(Platform platform, boolean primeBeforeSnapshot) {
        ResponderConfig config = ResponderConfig.load(platform);
        String function = platform.env().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "alarm-responder");
        Telemetry telemetry = new Telemetry(function, config.environment());
        Notifier notifier = new Notifier(config.routes(), platform,
                new GuardedHttp(new AddressGuard(config.allowLoopback())), telemetry);
        AlarmResponder responder = new AlarmResponder(
                new IncidentLedger(platform.client(DynamoDbClient.class), config.ledger()),
                new AlarmTargets(platform, config.environment(), config.ownAccount()),
                new DeploymentStopper(platform), notifier,
                new Escalations(platform.client(SchedulerClient.class), config.escalations()),
                new AlarmNotices(config.environment()), telemetry, platform.clock());
        this.invocation = Invocation.ofEnvelopes(telemetry, platform.clock(), RESERVE, config.topics(),
                AlarmResponderHandler::correlation, responder::handle);
        this.priming = primeBeforeSnapshot ? Priming.register(new ResponderPriming(platform)) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.handle(input, output, context);
    }

    /** The log's correlation keys: the alarm ARN where the envelope names it, and the delivery's own id. */
    private static Map<String, String> correlation(Envelope envelope) {
        Map<String, String> keys = new LinkedHashMap<>();
        switch (envelope) {
            case Envelope.EventBridgeEvent e -> {
                keys.put("eventId", e.id());
                keys.put("alarmArn", e.resources().isEmpty() ? null : e.resources().getFirst());
            }
            case Envelope.SnsNotification n -> keys.put("messageId", n.messageId());
            case Envelope.AlarmAction a -> keys.put("alarmArn", a.alarmArn());
            case Envelope.Rejected r -> keys.put("messageId", r.messageId());
            // Anyone allowed to invoke may write these; nothing from them becomes a log key before it is parsed.
            case Envelope.Other _, Envelope.Malformed _ -> {
            }
        }
        return keys;
    }
}

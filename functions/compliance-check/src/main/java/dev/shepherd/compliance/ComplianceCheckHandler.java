package dev.shepherd.compliance;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Invocation;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.check.CheckRunner;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.event.TopicAllowList;
import dev.shepherd.core.http.AddressGuard;
import dev.shepherd.core.http.GuardedHttp;
import dev.shepherd.core.notify.Notifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda entry point of the compliance check, for its schedules (hourly recovery points, daily everything) and
 * manual runs. It decodes the event (core's one decoder; no SNS topic is trusted) and hands over to
 * {@link ComplianceCheck}.
 */
public final class ComplianceCheckHandler implements RequestStreamHandler {
    /** Kept back from the Lambda deadline so the report and the notice still go out after slow checks. */
    static final Duration RESERVE = Duration.ofSeconds(10);
    /** How the function's sessions are named in member accounts' CloudTrail. */
    static final String SESSION = "shepherd-compliance-check";

    private final Invocation<List<Envelope>, ObjectNode> invocation;

    /** Lambda's constructor: configuration and clients built once, at init. */
    public ComplianceCheckHandler() {
        this(Platform.current());
    }

    ComplianceCheckHandler(Platform platform) {
        ComplianceConfig config = ComplianceConfig.load(platform);
        String function = platform.env().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", ComplianceNotices.SOURCE);
        Telemetry telemetry = new Telemetry(function, config.environment());
        Notifier notifier = new Notifier(config.routes(), platform,
                new GuardedHttp(new AddressGuard(config.allowLoopback())), telemetry);
        ComplianceRun run = new ComplianceRun(config, platform.clients(),
                member -> platform.clients().assumingRole(member.roleArn(), SESSION),
                new CheckRunner(platform.clock(), telemetry), platform.clock(), ComplianceRun.KINDS);
        Optional<ReportStore> store = Optional.ofNullable(config.reportBucket())
                .map(bucket -> new ReportStore(platform.client(S3Client.class), bucket));
        ComplianceCheck check = new ComplianceCheck(run, store, new ComplianceNotices(config), notifier, telemetry);
        this.invocation = Invocation.ofEnvelopes(telemetry, platform.clock(), RESERVE, TopicAllowList.of(List.of()),
                ComplianceCheckHandler::correlation, check::handle);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        invocation.handle(input, output, context);
    }

    /** A scheduled event's id as the log's correlation key; nothing else in an event becomes one. */
    private static Map<String, String> correlation(Envelope envelope) {
        return envelope instanceof Envelope.EventBridgeEvent e ? Map.of("eventId", e.id()) : Map.of();
    }
}

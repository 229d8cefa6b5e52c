package dev.shepherd.core.notify;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.http.GuardedHttp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Sends one notice to several channels at once, each on its own virtual thread and each on its own: a channel that
 * fails, hangs or throws costs only its own delivery. Everything ends by the deadline: a channel still running then
 * is interrupted and reported as failed. Each delivery is logged and counted ({@code NoticeDelivered},
 * {@code NoticeFailed}, {@code NoticeSkipped} with dimension {@code channel} = the channel type).
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** Channels are told to finish this much before the deadline, so their own reason arrives in time. */
    static final Duration GRACE = Duration.ofMillis(150);

    private final Routes routes;
    private final Map<String, Channel> channels;
    private final Telemetry telemetry;
    private final Clock clock;

    /**
     * Builds every channel the routes define; nothing is read yet (secrets are read when a channel first sends).
     * Webhooks must be https in Lambda; SNS and Secrets Manager clients come from the platform.
     */
    public Notifier(Routes routes, Platform platform, GuardedHttp http, Telemetry telemetry) {
        this(routes, channels(routes, platform, http), telemetry, platform.clock());
    }

    Notifier(Routes routes, Map<String, Channel> channels, Telemetry telemetry, Clock clock) {
        this.routes = routes;
        this.channels = Map.copyOf(channels);
        this.telemetry = telemetry;
        this.clock = clock;
    }

    private static Map<String, Channel> channels(Routes routes, Platform platform, GuardedHttp http) {
        boolean httpsOnly = platform.inLambda();
        WebhookPost post = new WebhookPost(http, httpsOnly);
        Map<String, Channel> built = new LinkedHashMap<>();
        for (Routes.ChannelSpec spec : routes.channels().values()) {
            Channel channel = switch (spec.type()) {
                case SNS -> new SnsChannel(spec.name(), platform.client(SnsClient.class), spec.topicArn(), spec.format());
                case SLACK -> new SlackChannel(spec.name(), secret(platform, spec), post, httpsOnly);
                case TEAMS -> new TeamsChannel(spec.name(), secret(platform, spec), post, httpsOnly);
                case PAGERDUTY -> new PagerDutyChannel(spec.name(), secret(platform, spec), post, httpsOnly);
            };
            built.put(spec.name(), channel);
        }
        return built;
    }

    private static SecretSource secret(Platform platform, Routes.ChannelSpec spec) {
        return new SecretSource(() -> platform.client(SecretsManagerClient.class), spec.secret());
    }

    public Routes routes() {
        return routes;
    }

    /** One delivery per distinct channel name, in the order given; an unknown name is a failed delivery. */
    public List<Delivery> send(Notice notice, List<String> channelNames, Deadline deadline) {
        List<String> names = List.copyOf(new LinkedHashSet<>(channelNames));
        Deadline channelDeadline = Deadline.of(clock, deadline.remaining().toMillis(), GRACE);
        List<Callable<Delivery>> tasks = new ArrayList<>();
        for (String name : names) {
            Channel channel = channels.get(name);
            tasks.add(() -> channel == null
                    ? Delivery.failed(name, "unknown", 0, "no channel named '" + name + "' in the routes")
                    : guarded(channel, notice, channelDeadline));
        }
        List<Delivery> deliveries = new ArrayList<>();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Delivery>> futures = threads.invokeAll(tasks, deadline.remaining().toMillis(),
                    TimeUnit.MILLISECONDS);
            for (int i = 0; i < names.size(); i++) {
                deliveries.add(outcome(futures.get(i), names.get(i)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            for (int i = deliveries.size(); i < names.size(); i++) {
                deliveries.add(Delivery.failed(names.get(i), type(names.get(i)), 0, "interrupted before delivery"));
            }
        } finally {
            threads.shutdownNow(); // interrupts what is still running, without waiting for it
        }
        deliveries.forEach(d -> record(notice, d));
        return deliveries;
    }

    private static Delivery guarded(Channel channel, Notice notice, Deadline deadline) {
        try {
            return channel.send(notice, deadline);
        } catch (RuntimeException e) {
            // Only the type: a message could quote what the channel was handling.
            return Delivery.failed(channel.name(), channel.type(), 0, "the channel failed unexpectedly ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private Delivery outcome(Future<Delivery> future, String name) throws InterruptedException {
        try {
            return future.get();
        } catch (CancellationException e) {
            return Delivery.failed(name, type(name), 0, "did not finish before the deadline");
        } catch (ExecutionException e) {
            return Delivery.failed(name, type(name), 0, "the channel failed unexpectedly ("
                    + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private String type(String name) {
        Channel channel = channels.get(name);
        return channel == null ? "unknown" : channel.type();
    }

    private void record(Notice notice, Delivery d) {
        String metric = switch (d.outcome()) {
            case DELIVERED -> "NoticeDelivered";
            case FAILED -> "NoticeFailed";
            case SKIPPED -> "NoticeSkipped";
        };
        telemetry.count(metric, "channel", d.type());
        if (d.outcome() == Delivery.Outcome.FAILED) {
            LOG.warn("notice {} ({}) to {} ({}) failed after {} attempt(s): {}", notice.incidentKey(),
                    notice.phase(), d.channel(), d.type(), d.attempts(), d.reason());
        } else {
            LOG.info("notice {} ({}) to {} ({}): {} after {} attempt(s): {}", notice.incidentKey(), notice.phase(),
                    d.channel(), d.type(), d.outcome(), d.attempts(), d.reason());
        }
    }
}

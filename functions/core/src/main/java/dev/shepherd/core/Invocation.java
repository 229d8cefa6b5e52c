package dev.shepherd.core;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.event.Envelopes;
import dev.shepherd.core.event.TopicAllowList;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one invocation skeleton every handler delegates to: read the raw event, decode it to the function's typed
 * event, open the logging context with its correlation keys, give the body a {@link Deadline} (the remaining time
 * less the function's reserve), encode the answer, and handle an exception nobody anticipated in one place: logged
 * with its type and stack but never its message (messages may quote inputs or secrets), counted as
 * {@code InvocationFailed}, then turned into the function's answer or thrown as the function says.
 *
 * @param <E> the function's decoded event
 * @param <R> the function's answer
 */
public final class Invocation<E, R> {
    private static final Logger LOG = LoggerFactory.getLogger(Invocation.class);

    /** What one function plugs into the skeleton. */
    public interface Steps<E, R> {
        /** The raw event as typed event; throws only the function's own failures ({@link #isOwn}). */
        E decode(byte[] raw);

        /** Log correlation keys for the event (null values are skipped). */
        Map<String, String> correlation(E event);

        R run(E event, Deadline deadline);

        byte[] encode(R answer);

        /** Names the work in the log line of an unexpected failure ("createSecret failed with an unexpected ..."). */
        default String action(E event) {
            return "invocation";
        }

        /**
         * The function's own failures, which it has logged and counted and whose messages are safe: rethrown
         * untouched (e.g. a rotation step that cannot succeed, a report that did not reach CodeDeploy).
         */
        default boolean isOwn(RuntimeException e) {
            return false;
        }

        /**
         * The answer after an unexpected exception, which the skeleton has logged and counted. It may throw instead;
         * by default it throws the exception stripped of its messages ({@link UnexpectedFailure}).
         */
        default R unexpected(E event, RuntimeException e) {
            throw UnexpectedFailure.of(e);
        }
    }

    private final Telemetry telemetry;
    private final Clock clock;
    private final Duration reserve;
    private final Steps<E, R> steps;

    /** @param reserve kept back from the Lambda deadline for reporting before the runtime stops the function */
    public Invocation(Telemetry telemetry, Clock clock, Duration reserve, Steps<E, R> steps) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reserve = Objects.requireNonNull(reserve, "reserve");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /**
     * The skeleton of a function whose triggers are SNS, EventBridge and its own events: decoded by core's one
     * decoder ({@link Envelopes}, SNS records only from {@code topics}), answered with a JSON summary.
     *
     * @param correlation the log's correlation keys, from the first envelope
     */
    public static Invocation<List<Envelope>, ObjectNode> ofEnvelopes(Telemetry telemetry, Clock clock,
            Duration reserve, TopicAllowList topics, Function<Envelope, Map<String, String>> correlation,
            BiFunction<List<Envelope>, Deadline, ObjectNode> body) {
        return new Invocation<>(telemetry, clock, reserve, new Steps<>() {
            @Override
            public List<Envelope> decode(byte[] raw) {
                return Envelopes.decode(raw, topics);
            }

            @Override
            public Map<String, String> correlation(List<Envelope> envelopes) {
                return correlation.apply(envelopes.getFirst());
            }

            @Override
            public ObjectNode run(List<Envelope> envelopes, Deadline deadline) {
                return body.apply(envelopes, deadline);
            }

            @Override
            public byte[] encode(ObjectNode answer) {
                return Json.write(answer).getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    /** The whole invocation, as a {@code RequestStreamHandler} receives it. */
    public void handle(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(steps.encode(run(decode(input.readAllBytes()), context)));
    }

    private E decode(byte[] raw) {
        try {
            return steps.decode(raw);
        } catch (RuntimeException e) {
            if (steps.isOwn(e)) {
                throw e;
            }
            // No event, so no answer of the function's: the stripped exception is thrown.
            logAndCount("decoding the event", e);
            throw UnexpectedFailure.of(e);
        }
    }

    /** Runs an event already decoded (in-process callers: the local runner, tests). */
    public R run(E event, Context context) {
        Deadline deadline = Deadline.of(clock, context.getRemainingTimeInMillis(), reserve);
        Map<String, String> keys = steps.correlation(event);
        boolean[] bodyStarted = {false};
        try {
            return telemetry.invocation(context, keys, () -> {
                bodyStarted[0] = true;
                try {
                    return steps.run(event, deadline);
                } catch (RuntimeException e) {
                    return failed(event, e); // inside the logging context, so the log line carries the request id
                }
            });
        } catch (RuntimeException e) {
            if (bodyStarted[0]) {
                throw e; // what failed() threw: an own failure, or the function's chosen exception
            }
            // The logging context itself could not be set up (e.g. an unusable Context): handled once, here.
            return Telemetry.withCorrelation(keys, () -> failed(event, e));
        }
    }

    private R failed(E event, RuntimeException e) {
        if (steps.isOwn(e)) {
            throw e;
        }
        logAndCount(steps.action(event), e);
        return steps.unexpected(event, e);
    }

    private void logAndCount(String action, RuntimeException e) {
        LOG.error("{} failed with an unexpected {}", action, e.getClass().getName(), UnexpectedFailure.of(e));
        telemetry.count("InvocationFailed", "exception", e.getClass().getSimpleName());
    }
}

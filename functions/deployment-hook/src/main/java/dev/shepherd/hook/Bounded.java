package dev.shepherd.hook;

import dev.shepherd.core.Deadline;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs an evaluation so that it ends by the deadline whatever it does (a hung AWS call, a slow lookup):
 * on time it returns the work's result; late, thrown or interrupted it returns {@code onFailure(reason)}.
 * The log context (correlation keys) follows the work onto its thread.
 */
final class Bounded {
    private static final Logger LOG = LoggerFactory.getLogger(Bounded.class);

    private Bounded() {
    }

    static <T> T within(Deadline deadline, Callable<T> work, Function<String, T> onFailure) {
        if (deadline.expired()) {
            // Invoked with less time than the reserve: starting would only race the report.
            return onFailure.apply("out of time: invoked with no time left before the reserve kept for reporting");
        }
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        FutureTask<T> task = new FutureTask<>(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            return work.call();
        });
        Thread.ofVirtual().name("hook-evaluation").start(task);
        Duration left = deadline.remaining();
        try {
            return task.get(left.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            return onFailure.apply("out of time: validation did not finish " + left.toSeconds()
                    + " s in, before the reserve kept for reporting");
        } catch (ExecutionException e) {
            LOG.error("validation failed unexpectedly", e.getCause());
            return onFailure.apply("unexpected error: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            return onFailure.apply("interrupted");
        }
    }
}

package dev.shepherd.core.check;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs checks in parallel, one virtual thread each, each bounded by its own timeout and all by the
 * invocation's deadline. A check that overruns is abandoned (interrupted, not waited for) and fails;
 * a check that throws fails with the exception's type. Every result is logged and counted.
 */
public final class CheckRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);

    private final Clock clock;
    private final Telemetry telemetry;

    public CheckRunner(Clock clock, Telemetry telemetry) {
        this.clock = clock;
        this.telemetry = telemetry;
    }

    public List<CheckResult> run(List<? extends Check> checks, Deadline deadline) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            Instant start = clock.instant();
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (Check check : checks) {
                Duration limit = deadline.cap(check.timeout());
                Deadline own = Deadline.of(clock, limit.toMillis(), Duration.ZERO);
                futures.add(executor.submit(() -> runOne(check, own)));
            }
            List<CheckResult> results = new ArrayList<>();
            for (int i = 0; i < checks.size(); i++) {
                Check check = checks.get(i);
                Instant end = start.plus(check.timeout());
                if (end.isAfter(deadline.at())) {
                    end = deadline.at();
                }
                CheckResult result = await(futures.get(i), check, end);
                log(result);
                results.add(result);
            }
            return results;
        } finally {
            // Abandon overrunning checks instead of waiting for them (close() would wait).
            executor.shutdownNow();
        }
    }

    private static CheckResult runOne(Check check, Deadline own) throws Exception {
        try {
            return check.run(own);
        } catch (CheckFailure e) {
            return e.result(check.type(), check.name());
        }
    }

    private CheckResult await(Future<CheckResult> future, Check check, Instant end) {
        long waitMillis = Math.max(0, Duration.between(clock.instant(), end).toMillis());
        try {
            return future.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return CheckResult.fail(check.type(), check.name(), "did not finish within its time ("
                    + check.timeout().toSeconds() + " s timeout, bounded by the invocation deadline)");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.warn("check {} '{}' threw", check.type(), check.name(), cause);
            return CheckResult.fail(check.type(), check.name(), "error: " + cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return CheckResult.fail(check.type(), check.name(), "interrupted");
        }
    }

    private void log(CheckResult result) {
        switch (result.status()) {
            case PASS -> {
                LOG.info("check {} '{}' passed: {}", result.type(), result.name(), result.reason());
                telemetry.count("CheckPassed", "check", result.type());
            }
            case FAIL -> {
                LOG.warn("check {} '{}' failed: {}", result.type(), result.name(), result.reason());
                telemetry.count("CheckFailed", "check", result.type());
            }
            case CANNOT_TELL -> {
                LOG.warn("check {} '{}' cannot tell: {}", result.type(), result.name(), result.reason());
                telemetry.count("CheckCannotTell", "check", result.type());
            }
        }
    }
}

package dev.shepherd.core.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Core's check runner, as the deployment hook and the compliance check use it. */
class CheckRunnerTest {
    final CheckRunner runner = new CheckRunner(Clock.systemUTC(), new Telemetry("test", "dev"));

    interface Body {
        CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException;
    }

    static Check check(String name, Duration timeout, Body body) {
        return new Check() {
            @Override
            public String type() {
                return "probe";
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public CheckResult run(Deadline deadline) throws CheckFailure, InterruptedException {
                return body.run(deadline);
            }
        };
    }

    @Test
    void eachOutcomeBecomesItsResultInTheChecksOrder() {
        Duration second = Duration.ofSeconds(1);
        List<Check> checks = List.of(
                check("passes", second, d -> CheckResult.pass("probe", "passes", "fine")),
                check("fails", second, d -> {
                    throw new CheckFailure("no target group");
                }),
                check("cannot look", second, d -> {
                    throw CheckFailure.cannotTell("access denied");
                }),
                check("throws", second, d -> {
                    throw new IllegalStateException("bug with a secret-looking message");
                }));

        List<CheckResult> results = runner.run(checks, Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO));

        assertThat(results).extracting(CheckResult::name).containsExactly("passes", "fails", "cannot look", "throws");
        assertThat(results).extracting(CheckResult::status).containsExactly(CheckResult.Status.PASS,
                CheckResult.Status.FAIL, CheckResult.Status.CANNOT_TELL, CheckResult.Status.FAIL);
        assertThat(results.get(2).reason()).isEqualTo("access denied");
        assertThat(results.get(3).reason()).isEqualTo("error: IllegalStateException");
    }

    @Test
    void aCheckThatOverrunsItsTimeoutIsAbandonedAndFailsWhileTheOthersFinish() {
        long start = System.nanoTime();
        List<CheckResult> results = runner.run(List.of(
                check("hangs", Duration.ofMillis(200), d -> {
                    Thread.sleep(60_000);
                    return CheckResult.pass("probe", "hangs", "never");
                }),
                check("quick", Duration.ofSeconds(5), d -> CheckResult.pass("probe", "quick", "fine"))),
                Deadline.of(Clock.systemUTC(), 10_000, Duration.ZERO));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(results.get(0).status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(results.get(0).reason()).startsWith("did not finish within its time");
        assertThat(results.get(1).passed()).isTrue();
    }

    @Test
    void aMemoLooksUpOnceForParallelCallersAndRemembersAFailure() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        Memo<String> memo = new Memo<>(() -> {
            lookups.incrementAndGet();
            throw new CheckFailure("listener not found");
        });
        List<Thread> threads = new ArrayList<>();
        List<String> reasons = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    memo.get();
                } catch (CheckFailure e) {
                    reasons.add(e.getMessage());
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }

        assertThat(lookups).hasValue(1);
        assertThat(reasons).hasSize(8).containsOnly("listener not found");
    }
}

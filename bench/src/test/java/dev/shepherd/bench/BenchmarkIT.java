package dev.shepherd.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the harness on the packaged baselines, one sample each: the real runtime interface client in
 * fresh JVMs, the loopback stub timing both invocations, the naive handler's SDK call reaching the stub.
 * Runs in verify (after package builds the subject jars); the full benchmark is bench/run.
 */
class BenchmarkIT {
    @TempDir
    Path out;

    private Benchmark.Options options(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--out";
        all[args.length + 1] = out.toString();
        return Benchmark.Options.parse(all);
    }

    @Test
    void measuresBothBaselinesUnderTheRuntimeInterfaceClient() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Report report = Benchmark.run(options("--samples", "1", "--only", "naive"),
                new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(report.subjects()).extracting(Report.Row::name).containsExactly("hello", "naive");
        Report.Row hello = report.subjects().get(0);
        Report.Row naive = report.subjects().get(1);
        for (Report.Row row : report.subjects()) {
            assertThat(row.initMs()).isPositive();
            assertThat(row.invoke1Ms()).isPositive();
            assertThat(row.invoke2Ms()).isPositive();
            assertThat(row.peakRssMb()).isBetween(10.0, 2048.0);
            assertThat(row.classesAtInit()).isPositive().isLessThanOrEqualTo(row.classesTotal());
            assertThat(row.jarBytes()).isPositive();
        }
        assertThat(hello.coldRatio()).isEqualTo(1.0);
        assertThat(hello.awsCalls()).isEmpty();
        assertThat(naive.eventToStop1Ms()).as("no StopDeployment, no event-to-stop figure").isNull();
        // the naive handler really went through the SDK to the loopback endpoint, once per invocation
        assertThat(naive.awsCalls()).containsExactly("CodeDeploy:PutLifecycleEventHookExecutionStatus",
                "CodeDeploy:PutLifecycleEventHookExecutionStatus");
        // the SDK with both HTTP clients loads far more than the bare runtime: the count is deterministic
        assertThat(naive.classesTotal()).isGreaterThan(hello.classesTotal() + 1000);
        assertThat(naive.jarBytes()).isGreaterThan(hello.jarBytes() * 100);
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("subject", "hello", "naive", "cold×");
    }

    @Test
    void aFunctionErrorFailsTheRunWithItsMessage() throws Exception {
        Benchmark.Options options = options();
        Subject broken = new Subject("broken", "handler class that does not exist", "dev.shepherd.bench.NoSuchHandler",
                List.of(options.lib().resolve("hello.jar")), List.of(), options.root().resolve(
                "bench/events/codedeploy-ecs-hook.json"), java.util.Map.of(), List.of());
        Launcher launcher = new Launcher(Path.of(System.getProperty("java.home"), "bin", "java"),
                Subjects.runtimeJars(options.lib()), 512, out, java.util.Map.of(), 60);

        assertThatThrownBy(() -> launcher.run(broken, false, "broken"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NoSuchHandler");
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--samples", "0"}))
                .hasMessageContaining("--samples must be a positive whole number");
        assertThatThrownBy(() -> Benchmark.Options.parse(new String[] {"--fast"}))
                .hasMessageContaining("unknown option --fast");
    }
}

package dev.shepherd.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Runs one subject once in a fresh JVM under AWS's runtime interface client, the way Lambda starts a
 * java runtime: Lambda's documented C1-only compilation, the serial collector, a heap bounded by the
 * memory size, and the environment variables Lambda sets.
 */
final class Launcher {
    static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Two invocations: the cold one and the first warm one. */
    static final int INVOCATIONS = 2;

    private final Path java;
    private final List<Path> runtimeJars;
    private final int memoryMb;
    private final Path workDir;
    private final Map<String, String> awsResponses;
    private final long timeoutSeconds;

    Launcher(Path java, List<Path> runtimeJars, int memoryMb, Path workDir, Map<String, String> awsResponses,
             long timeoutSeconds) {
        this.java = java;
        this.runtimeJars = List.copyOf(runtimeJars);
        this.memoryMb = memoryMb;
        this.workDir = workDir;
        this.awsResponses = Map.copyOf(awsResponses);
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The JVM options every subject gets (before its own). */
    List<String> lambdaJvmOptions() {
        return List.of(
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Xmx" + (memoryMb * 85 / 100) + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Djava.net.preferIPv4Stack=true");
    }

    /**
     * @param countClasses log class loading to count classes (slower: use for a dedicated, untimed run)
     * @param label        names this run's log file
     */
    Sample run(Subject subject, boolean countClasses, String label) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path output = workDir.resolve(label + ".log");
        Path classLog = workDir.resolve(label + ".classes.log");
        Files.deleteIfExists(classLog);
        byte[] event = Files.readAllBytes(subject.event());
        AtomicInteger classesAtInit = new AtomicInteger(-1);
        try (RuntimeApiStub stub = new RuntimeApiStub(event, INVOCATIONS, awsResponses, poll -> {
            if (poll == 0 && countClasses) {
                classesAtInit.set(countLines(classLog, null));
            }
        })) {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.addAll(lambdaJvmOptions());
            command.addAll(subject.jvmArgs());
            if (countClasses) {
                command.add("-Xlog:class+load=info:file=" + classLog);
            }
            command.add("-cp");
            command.add(classPath(subject));
            command.add(RUNTIME_CLIENT_MAIN);
            command.add(subject.handler());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .directory(workDir.toFile());
            builder.environment().clear();
            builder.environment().putAll(lambdaEnvironment(subject, stub.address()));

            long started = System.nanoTime();
            Process process = builder.start();
            try {
                awaitIdle(stub, process, output);
                long rss = peakRssKb(process.pid());
                var invocations = stub.invocations();
                if (invocations.size() != INVOCATIONS) {
                    throw new IllegalStateException(subject.name() + " answered " + invocations.size() + " of "
                            + INVOCATIONS + " invocations; see " + output);
                }
                int total = countClasses ? countLines(classLog, null) : -1;
                int shared = countClasses ? countLines(classLog, "source: shared objects file") : -1;
                return new Sample((stub.firstPollNanos() - started) / 1e6,
                        invocations.stream().map(RuntimeApiStub.Invocation::millis).toList(),
                        rss, classesAtInit.get(), total, shared, stub.awsCalls(),
                        invocations.stream().map(RuntimeApiStub.Invocation::eventToStopMillis).toList());
            } finally {
                stop(process);
            }
        }
    }

    /**
     * Assembles an AOT cache (JDK 25, JEP 483/514) from the configuration a training run recorded, with the same
     * options and class path the measured runs use, as the cache requires.
     */
    void createAotCache(Subject subject, Path configuration, Path cache) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(lambdaJvmOptions());
        command.addAll(subject.jvmArgs());
        command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + configuration, "-XX:AOTCache=" + cache,
                "-cp", classPath(subject)));
        Path output = workDir.resolve(subject.name() + "-aot-create.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("creating the AOT cache took over " + timeoutSeconds + " s; see " + output);
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(cache)) {
            throw new IllegalStateException("creating the AOT cache failed (exit " + process.exitValue() + "); see "
                    + output);
        }
    }

    private String classPath(Subject subject) {
        return Stream.concat(subject.classPath().stream(), runtimeJars.stream())
                .map(Path::toString).reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    /** What Lambda puts in a java function's environment, pointed at the loopback stub. */
    private Map<String, String> lambdaEnvironment(Subject subject, String stubAddress) {
        Map<String, String> env = new HashMap<>();
        String path = System.getenv("PATH");
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_LAMBDA_RUNTIME_API", stubAddress);
        env.put("_HANDLER", subject.handler());
        env.put("LAMBDA_TASK_ROOT", workDir.toString());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java25");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "shepherd-bench-" + subject.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(memoryMb));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/shepherd-bench-" + subject.name());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]bench");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("AWS_REGION", "eu-west-1");
        env.put("AWS_DEFAULT_REGION", "eu-west-1");
        // Placeholder credentials, as Lambda injects the execution role's; the stub does not check signatures.
        env.put("AWS_ACCESS_KEY_ID", "AKIABENCHBENCHBENCH0");
        env.put("AWS_SECRET_ACCESS_KEY", "bench-secret-access-key");
        env.put("AWS_SESSION_TOKEN", "bench-session-token");
        env.put("AWS_ENDPOINT_URL", "http://" + stubAddress);
        env.put("SHEPHERD_ENVIRONMENT", "dev");
        env.put("POWERTOOLS_SERVICE_NAME", "shepherd-bench");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "Shepherd");
        env.putAll(subject.env());
        return env;
    }

    private void awaitIdle(RuntimeApiStub stub, Process process, Path output) throws InterruptedException {
        try {
            stub.idle().applyToEither(process.onExit().thenApply(p -> null), x -> x)
                    .get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + timeoutSeconds + " s; see " + output, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage() + "; see " + output, e.getCause());
        }
        if (!stub.idle().isDone()) {
            throw new IllegalStateException("the JVM exited with code " + process.exitValue()
                    + " before answering every invocation; see " + output);
        }
    }

    /** The process's peak resident set, read while it waits for its next event. */
    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/" + pid + "/status has no VmHWM line");
    }

    private static int countLines(Path file, String containing) {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return (int) lines.filter(l -> containing == null || l.contains(containing)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

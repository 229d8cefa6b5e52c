package dev.shepherd.bench;

import dev.shepherd.core.Json;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cold-start benchmark: every subject, N rounds, subjects interleaved inside each round so that machine
 * noise hits them alike; one extra untimed run per subject counts loaded classes. Prints a table and writes
 * the JSON under {@code --out}.
 *
 * <pre>java dev.shepherd.bench.Benchmark [--samples 5] [--only hello,naive] [--memory 1024] [--aot] [--out bench/results]
 *     [--compare bench/baseline.json]</pre>
 * With {@code --compare} it exits with status 1 when a subject regressed against that earlier result.
 */
public final class Benchmark {

    /** Command-line options. */
    record Options(int samples, List<String> only, int memoryMb, boolean aot, Path out, Path root, Path lib,
                   Path compare) {
        static Options parse(String[] args) {
            Path root = Path.of(System.getProperty("shepherd.repo.root", ".")).toAbsolutePath().normalize();
            int samples = 5;
            int memory = 1024;
            boolean aot = false;
            List<String> only = List.of();
            Path out = root.resolve("bench/results");
            Path compare = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--samples" -> samples = positive(arg, value(args, ++i, arg));
                    case "--memory" -> memory = positive(arg, value(args, ++i, arg));
                    case "--only" -> only = List.of(value(args, ++i, arg).split(","));
                    case "--out" -> out = Path.of(value(args, ++i, arg)).toAbsolutePath();
                    case "--aot" -> aot = true;
                    case "--compare" -> compare = existing(arg, value(args, ++i, arg));
                    default -> throw new IllegalArgumentException("unknown option " + arg
                            + "; usage: [--samples N] [--only a,b] [--memory MB] [--aot] [--out DIR] [--compare JSON]");
                }
            }
            Path lib = Path.of(System.getProperty("shepherd.bench.lib", root.resolve("bench/target/bench-lib").toString()));
            return new Options(samples, only, memory, aot, out, root, lib, compare);
        }

        private static Path existing(String option, String value) {
            Path path = Path.of(value).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(option + " " + value + ": no such file");
            }
            return path;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(value);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a positive whole number, got '" + value + "'");
        }
    }

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Report report = run(options, System.out);
        Files.createDirectories(options.out());
        Path json = options.out().resolve("bench-" + Instant.now().toString().replace(':', '-') + ".json");
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), report);
        Files.copy(json, options.out().resolve("latest.json"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("JSON: " + json);
        if (options.compare() != null) {
            Report baseline = Json.MAPPER.readValue(options.compare().toFile(), Report.class);
            List<String> regressions = Regressions.between(baseline, report);
            if (!regressions.isEmpty()) {
                System.out.println("REGRESSED against " + options.compare() + ":");
                regressions.forEach(r -> System.out.println("  " + r));
                System.exit(1);
            }
            System.out.println("no regression against " + options.compare());
        }
    }

    /**
     * The loopback AWS endpoint's canned answers: one file per operation (or per operation and request name, in a
     * folder named after the operation), keyed by the path under {@code dir} as the stub looks them up.
     */
    static Map<String, String> awsResponses(Path dir) throws IOException {
        Map<String, String> responses = new LinkedHashMap<>();
        try (var files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                responses.put(dir.relativize(file).toString().replace(File.separatorChar, '/'), Files.readString(file));
            }
        }
        return responses;
    }

    static Report run(Options options, PrintStream log) throws IOException, InterruptedException {
        List<String> skipped = new ArrayList<>();
        List<Subject> subjects = new ArrayList<>(Subjects.baselines(options.root(), options.lib()));
        subjects.addAll(Subjects.functions(options.root(), options.lib(), skipped));
        if (!options.only().isEmpty()) {
            subjects.removeIf(s -> !s.name().equals(Subjects.HELLO) && !options.only().contains(s.name()));
        }
        Path work = options.out().resolve("work");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Launcher launcher = new Launcher(java, Subjects.runtimeJars(options.lib()), options.memoryMb(), work,
                awsResponses(options.root().resolve("bench/aws-responses")), 120);
        if (options.aot()) {
            subjects = AotCache.withCacheVariants(subjects, launcher, work, log);
        }
        skipped.forEach(s -> log.println("skipped " + s));

        Map<String, Sample> counted = new LinkedHashMap<>();
        for (Subject s : subjects) {
            log.printf("counting classes: %s%n", s.name());
            counted.put(s.name(), launcher.run(s, true, s.name() + "-classes"));
        }
        Map<String, List<Sample>> timed = new LinkedHashMap<>();
        for (int round = 1; round <= options.samples(); round++) {
            log.printf("round %d/%d%n", round, options.samples());
            for (Subject s : subjects) {
                timed.computeIfAbsent(s.name(), k -> new ArrayList<>())
                        .add(launcher.run(s, false, s.name() + "-" + round));
            }
        }
        Report report = Report.of(options, launcher.lambdaJvmOptions(), subjects, counted, timed, skipped);
        report.print(log);
        return report;
    }
}

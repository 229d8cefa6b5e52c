package dev.shepherd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Medians, per-round ratios to the hello-world floor, and the table; serialised as the JSON result. */
record Report(String java, int cpus, int samples, int memoryMb, List<String> jvmOptions, List<Row> subjects,
              List<String> skipped) {

    /**
     * One subject's figures. Ratios are medians of the per-round ratios to hello in the same round, which
     * stay steady on a noisy machine where absolute milliseconds do not.
     */
    record Row(String name, String about, String handler, long jarBytes, double initMs, double invoke1Ms,
               double invoke2Ms, double coldTotalMs, double coldIqrMs, double initOverHelloMs, double coldRatio,
               double initRatio, double peakRssMb, int classesAtInit, int classesTotal, int classesShared,
               Double eventToStop1Ms, Double eventToStop2Ms, List<String> awsCalls, List<Sample> samples) {
    }

    static Report of(Benchmark.Options options, List<String> jvmOptions, List<Subject> subjects,
                     Map<String, Sample> counted, Map<String, List<Sample>> timed, List<String> skipped) {
        List<Sample> hello = timed.get(Subjects.HELLO);
        double helloInit = median(hello, Sample::initMs);
        List<Row> rows = new ArrayList<>();
        for (Subject s : subjects) {
            List<Sample> samples = timed.get(s.name());
            Sample classes = counted.get(s.name());
            double[] cold = values(samples, Sample::coldTotalMs);
            rows.add(new Row(s.name(), s.about(), s.handler(), bytes(s.deployable()),
                    median(samples, Sample::initMs),
                    median(samples, x -> x.invokeMs().get(0)),
                    median(samples, x -> x.invokeMs().get(1)),
                    percentile(cold, 50), percentile(cold, 75) - percentile(cold, 25),
                    median(samples, Sample::initMs) - helloInit,
                    ratio(samples, hello, Sample::coldTotalMs), ratio(samples, hello, Sample::initMs),
                    median(samples, x -> x.peakRssKb() / 1024.0),
                    classes.classesAtInit(), classes.classesTotal(), classes.classesShared(),
                    eventToStop(samples, 0), eventToStop(samples, 1), samples.get(0).awsCalls(), samples));
        }
        return new Report(Runtime.version().toString(), Runtime.getRuntime().availableProcessors(), options.samples(),
                options.memoryMb(), jvmOptions, rows, skipped);
    }

    void print(PrintStream out) {
        out.printf("%nmedians of %d samples, java %s, %d cpus, %d MB; ratio = median of per-round ratios to hello%n",
                samples, java, cpus, memoryMb);
        String format = "%-26s %8s %8s %8s %9s %7s %7s %7s %8s %15s %8s %11s%n";
        out.printf(format, "subject", "init ms", "1st ms", "2nd ms", "cold ms", "cold×", "init×", "+init", "RSS MB",
                "classes i/t/cds", "jar MB", "stop ms 1/2");
        for (Row r : subjects) {
            out.printf(format, r.name(), f0(r.initMs()), f0(r.invoke1Ms()), f1(r.invoke2Ms()),
                    f0(r.coldTotalMs()), String.format("%.2f", r.coldRatio()), String.format("%.2f", r.initRatio()),
                    f0(r.initOverHelloMs()), f0(r.peakRssMb()),
                    r.classesAtInit() + "/" + r.classesTotal() + "/" + r.classesShared(),
                    String.format("%.2f", r.jarBytes() / 1048576.0),
                    stops(r));
        }
        out.println("cold = init + 1st invoke; +init = init minus hello's (≈ handler construction); "
                + "classes at init / after both invokes / from the CDS archive or AOT cache; "
                + "stop = event handed over to StopDeployment received, 1st / 2nd invoke");
    }

    /** Median over the samples whose invocation {@code index} stopped a deployment; null when none did. */
    static Double eventToStop(List<Sample> samples, int index) {
        double[] values = samples.stream().map(x -> x.eventToStopMs().get(index)).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).toArray();
        return values.length == 0 ? null : percentile(values, 50);
    }

    private static double ratio(List<Sample> subject, List<Sample> hello, ToDoubleFunction<Sample> metric) {
        double[] ratios = new double[subject.size()];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = metric.applyAsDouble(subject.get(i)) / metric.applyAsDouble(hello.get(i));
        }
        return percentile(ratios, 50);
    }

    private static double median(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return percentile(values(samples, metric), 50);
    }

    private static double[] values(List<Sample> samples, ToDoubleFunction<Sample> metric) {
        return samples.stream().mapToDouble(metric).toArray();
    }

    /** Linear interpolation between closest ranks. */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100 * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static long bytes(List<Path> jars) {
        long total = 0;
        for (Path jar : jars) {
            try {
                total += Files.size(jar);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private static String stops(Row r) {
        if (r.eventToStop1Ms() == null && r.eventToStop2Ms() == null) {
            return "-";
        }
        return (r.eventToStop1Ms() == null ? "-" : f0(r.eventToStop1Ms())) + "/"
                + (r.eventToStop2Ms() == null ? "-" : f1(r.eventToStop2Ms()));
    }

    private static String f0(double v) {
        return String.format("%.0f", v);
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }
}

package dev.shepherd.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The AOT-cache lever (JDK 25, which Lambda's java25 runtime can use): for each subject, one training run through
 * both invocations records which classes load and link, a cache is assembled from that, and a "+aot" variant
 * runs with it. Measured beside the plain subject in the same rounds.
 */
final class AotCache {
    private AotCache() {
    }

    static List<Subject> withCacheVariants(List<Subject> subjects, Launcher launcher, Path work, PrintStream log)
            throws IOException, InterruptedException {
        Path dir = Files.createDirectories(work.resolve("aot"));
        List<Subject> all = new ArrayList<>(subjects);
        for (Subject subject : subjects) {
            Path configuration = dir.resolve(subject.name() + ".aotconf");
            Path cache = dir.resolve(subject.name() + ".aot");
            Files.deleteIfExists(configuration);
            Files.deleteIfExists(cache);
            log.printf("training AOT cache: %s%n", subject.name());
            launcher.run(subject.withJvmArgs("", "", List.of("-XX:AOTMode=record",
                    "-XX:AOTConfiguration=" + configuration)), false, subject.name() + "-aot-record");
            if (!Files.isRegularFile(configuration)) {
                throw new IllegalStateException("the training run of " + subject.name()
                        + " wrote no AOT configuration at " + configuration);
            }
            launcher.createAotCache(subject, configuration, cache);
            all.add(subject.withJvmArgs("+aot", "; with an AOT cache from a training run",
                    List.of("-XX:AOTCache=" + cache)));
        }
        return all;
    }
}

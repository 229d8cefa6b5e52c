package dev.shepherd.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

final class AotCache {
    private AotCache() {
    }

    static List<Subject> withCacheVariants(List<Subject> subjects, Launcher launcher, Path work, PrintStream log) {
        throw new UnsupportedOperationException("todo");
    }
}

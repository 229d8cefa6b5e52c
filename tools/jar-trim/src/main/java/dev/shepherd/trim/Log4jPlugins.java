package dev.shepherd.trim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Log4j's plugin index ({@code Log4j2Plugins.dat}) cut down to the plugins a configuration uses.
 *
 * <p>When Log4j starts it loads the class of every plugin in the index (PluginRegistry.decodeCacheFiles), whether
 * the configuration uses it or not: 247 classes in a function's jar, of which the JSON configuration initialises 76.
 * The list of those lives beside the configuration ({@link #LIST}, one class name per line, {@code #} comments), and
 * a plugin the list names but the index lacks fails the build: the list has gone stale.
 */
final class Log4jPlugins {

    static final String INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
    static final String LIST = "META-INF/shepherd/log4j2-plugins.txt";

    private record Entry(String key, String className, String name, boolean printable, boolean defer) {
    }

    private final Map<String, List<Entry>> categories;

    private Log4jPlugins(Map<String, List<Entry>> categories) {
        this.categories = categories;
    }

    /** Reads the index in Log4j's format: categories, each with its entries, as DataOutput writes them. */
    static Log4jPlugins read(byte[] index) {
        Map<String, List<Entry>> categories = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(index))) {
            for (int c = in.readInt(); c > 0; c--) {
                List<Entry> entries = categories.computeIfAbsent(in.readUTF(), k -> new ArrayList<>());
                for (int e = in.readInt(); e > 0; e--) {
                    entries.add(new Entry(in.readUTF(), in.readUTF(), in.readUTF(), in.readBoolean(),
                            in.readBoolean()));
                }
            }
            if (in.read() != -1) {
                throw new IllegalStateException(INDEX + " has bytes after its last category");
            }
        } catch (IOException e) {
            throw new IllegalStateException(INDEX + " is not a Log4j plugin index", e);
        }
        return new Log4jPlugins(categories);
    }


    int size() {
        return categories.values().stream().mapToInt(List::size).sum();
    }

    /** Only the plugins whose class is in {@code keep}; fails when {@code keep} names a plugin the index lacks. */
    Log4jPlugins keeping(Set<String> keep) {
        Set<String> missing = new LinkedHashSet<>(keep);
        Map<String, List<Entry>> kept = new LinkedHashMap<>();
        categories.forEach((category, entries) -> {
            for (Entry e : entries) {
                if (keep.contains(e.className())) {
                    kept.computeIfAbsent(category, k -> new ArrayList<>()).add(e);
                    missing.remove(e.className());
                }
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException(LIST + " names plugins that " + INDEX + " does not have (is the list stale?): "
                    + String.join(", ", missing));
        }
        return new Log4jPlugins(kept);
    }

    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(categories.size());
            for (Map.Entry<String, List<Entry>> c : categories.entrySet()) {
                out.writeUTF(c.getKey());
                out.writeInt(c.getValue().size());
                for (Entry e : c.getValue()) {
                    out.writeUTF(e.key());
                    out.writeUTF(e.className());
                    out.writeUTF(e.name());
                    out.writeBoolean(e.printable());
                    out.writeBoolean(e.defer());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

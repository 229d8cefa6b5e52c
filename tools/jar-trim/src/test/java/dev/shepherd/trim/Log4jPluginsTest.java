package dev.shepherd.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Log4jPluginsTest {

    @TempDir
    Path dir;

    /** An index as Log4j's annotation processor writes it: two categories of two plugins each. */
    static byte[] index() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(2);
            out.writeUTF("core");
            out.writeInt(2);
            plugin(out, "console", "org.apache.logging.log4j.core.appender.ConsoleAppender", "Console", true, false);
            plugin(out, "smtp", "org.apache.logging.log4j.core.appender.SmtpAppender", "SMTP", true, false);
            out.writeUTF("converter");
            out.writeInt(1);
            plugin(out, "m", "org.apache.logging.log4j.core.pattern.MessagePatternConverter", "m", false, true);
        }
        return bytes.toByteArray();
    }

    private static void plugin(DataOutputStream out, String key, String cls, String name, boolean printable,
                               boolean defer) throws IOException {
        out.writeUTF(key);
        out.writeUTF(cls);
        out.writeUTF(name);
        out.writeBoolean(printable);
        out.writeBoolean(defer);
    }

    @Test
    void theIndexKeepsOnlyTheListedPluginsAndDropsEmptyCategories() throws IOException {
        Path jar = jar("""
                # what the configuration uses
                org.apache.logging.log4j.core.appender.ConsoleAppender
                """);

        JarTrim.Result result = JarTrim.trim(jar);

        byte[] kept = entry(jar, Log4jPlugins.INDEX);
        Log4jPlugins plugins = Log4jPlugins.read(kept);
        assertThat(plugins.size()).isEqualTo(1);
        assertThat(result.log4jPlugins()).containsExactly(3, 1);
        // Byte for byte what Log4j would have written for the one plugin.
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            out.writeInt(1);
            out.writeUTF("core");
            out.writeInt(1);
            plugin(out, "console", "org.apache.logging.log4j.core.appender.ConsoleAppender", "Console", true, false);
        }
        assertThat(kept).isEqualTo(expected.toByteArray());
    }

    @Test
    void aListedPluginTheIndexLacksFailsTheTrim() throws IOException {
        Path jar = jar("org.apache.logging.log4j.core.appender.ConsoleAppender\norg.example.GonePlugin\n");
        byte[] before = Files.readAllBytes(jar);

        assertThatThrownBy(() -> JarTrim.trim(jar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("org.example.GonePlugin").hasMessageContaining("stale")
                .hasMessageNotContaining("ConsoleAppender");
        assertThat(Files.readAllBytes(jar)).isEqualTo(before);
    }

    @Test
    void withoutAListTheIndexIsLeftAlone() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(Log4jPlugins.INDEX));
            out.write(index());
        }
        JarTrim.Result result = JarTrim.trim(jar);
        assertThat(entry(jar, Log4jPlugins.INDEX)).isEqualTo(index());
        assertThat(result.log4jPlugins()).isNull();
    }

    @Test
    void aTruncatedIndexIsRefused() throws IOException {
        byte[] index = index();
        byte[] cut = Arrays.copyOf(index, index.length - 3);
        assertThatThrownBy(() -> Log4jPlugins.read(cut)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a Log4j plugin index");
    }

    private Path jar(String list) throws IOException {
        Path jar = dir.resolve("app.jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry(Log4jPlugins.INDEX));
            out.write(index());
            out.putNextEntry(new ZipEntry(Log4jPlugins.LIST));
            out.write(list.getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    private static byte[] entry(Path jar, String name) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
            return in.readAllBytes();
        }
    }
}

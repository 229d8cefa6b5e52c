package dev.shepherd.rotation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;

/** Every log line (through the function's JSON layout) and everything written to stdout and stderr, while open. */
final class CapturedLogs implements AutoCloseable {
    private final LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    private final Configuration config = ctx.getConfiguration();
    private final StringWriter logs = new StringWriter();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final WriterAppender capture;

    CapturedLogs() {
        capture = WriterAppender.newBuilder().setName("capture").setTarget(logs)
                .setLayout(config.getAppender("JsonAppender").getLayout()).build();
        capture.start();
        config.addAppender(capture);
        config.getLoggerConfig("dev.shepherd").addAppender(capture, null, null);
        config.getRootLogger().addAppender(capture, Level.ALL, null);
        ctx.updateLoggers();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
    }

    /** The log lines alone. */
    String logs() {
        return logs.toString();
    }

    /** The log lines and the console output. */
    String everything() {
        return logs + "\n" + console.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setOut(out);
        System.setErr(err);
        config.getLoggerConfig("dev.shepherd").removeAppender("capture");
        config.getRootLogger().removeAppender("capture");
        ctx.updateLoggers();
        capture.stop();
    }
}

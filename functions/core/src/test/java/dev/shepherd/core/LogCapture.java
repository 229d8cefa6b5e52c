package dev.shepherd.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line that reaches Shepherd's and the root logger while open: level, message, context map and the full
 * stack trace printed, so a test can prove what a log line says, and that no secret is in any of it.
 */
public final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    private LogCapture() {
        super("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY);
    }

    public static LogCapture capture() {
        LogCapture capture = new LogCapture();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : List.of(config.getLoggerConfig("dev.shepherd"), config.getRootLogger())) {
            logger.addAppender(capture, null, null);
        }
        context.updateLoggers();
        return capture;
    }

    @Override
    public void append(LogEvent event) {
        StringWriter line = new StringWriter().append(event.getLevel() + " " + event.getMessage().getFormattedMessage())
                .append(' ').append(String.valueOf(event.getContextData().toMap()));
        if (event.getThrown() != null) {
            line.append('\n');
            event.getThrown().printStackTrace(new PrintWriter(line));
        }
        synchronized (lines) {
            lines.add(line.toString());
        }
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getLoggerConfig("dev.shepherd").removeAppender(getName());
        config.getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}

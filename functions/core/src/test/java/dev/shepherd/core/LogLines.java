package dev.shepherd.core;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/** Every log line of dev.shepherd while open: level, message, context map and the full stack trace printed. */
final class LogLines extends AbstractAppender implements AutoCloseable {
    private final List<String> lines = new ArrayList<>();

    private LogLines() {
        super("core-capture", null, null, true, Property.EMPTY_ARRAY);
    }

    static LogLines capture() {
        LogLines capture = new LogLines();
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getLoggerConfig("dev.shepherd").addAppender(capture, null, null);
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

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        config.getLoggerConfig("dev.shepherd").removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}

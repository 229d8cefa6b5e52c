package dev.shepherd.local;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects what Shepherd's functions log (logger {@code dev.shepherd}, INFO and above) while a demo step
 * runs, so the demo can show why a function decided what it did. The console output is left as it is.
 */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private static final String LOGGER = "dev.shepherd";
    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;

    private LogCapture(LoggerContext context) {
        super("shepherd-demo-capture", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
    }

    static LogCapture attach() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LogCapture capture = new LogCapture(context);
        capture.attachToShepherdLoggers();
        return capture;
    }

    private void attachToShepherdLoggers() {
        start();
        Configuration config = context.getConfiguration();
        LoggerConfig logger = config.getLoggerConfig(LOGGER);
        if (!logger.getName().equals(LOGGER)) {
            logger = new LoggerConfig(LOGGER, Level.INFO, true);
            config.addLogger(LOGGER, logger);
        }
        logger.addAppender(this, Level.INFO, null);
        context.updateLoggers();
    }

    @Override
    public void append(LogEvent event) {
        synchronized (lines) {
            lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    @Override
    public void close() {
        context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}

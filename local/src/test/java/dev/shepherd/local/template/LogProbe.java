package dev.shepherd.local.template;

/** Run in a fresh JVM on a function's Lambda jar: logs a line, and one with an exception, through the jar's set-up. */
public final class LogProbe {
    private LogProbe() {
    }

    public static void main(String[] args) {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("dev.shepherd.probe");
        log.info("probe {}", args[0]);
        log.warn("probe failed", new IllegalStateException("probe exception"));
    }
}

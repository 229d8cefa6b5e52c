package dev.shepherd.local.template;

/** Run in a fresh JVM on a function's Lambda jar: logs one line through the jar's own logging set-up. */
public final class LogProbe {
    private LogProbe() {
    }

    public static void main(String[] args) {
        org.slf4j.LoggerFactory.getLogger("dev.shepherd.probe").info("probe {}", args[0]);
    }
}

package dev.shepherd.core;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Powertools logging and metrics, wired once for every function without AspectJ: JSON logs carrying the
 * Lambda context and the event's correlation keys, and EMF metrics in namespace {@code Shepherd} with
 * the dimensions function and environment.
 */
public final class Telemetry {
    public static final String NAMESPACE = "Shepherd";

    private final String function;
    private final String environment;

    public Telemetry(String function, String environment) {
        this.function = function;
        this.environment = environment;
    }

    /** Runs one invocation with logging context and correlation keys. */
    public <T> T invocation(Context context, Map<String, String> correlation, Supplier<T> body) {
        return PowertoolsLogging.withLogging(context, () -> withCorrelation(correlation, body));
    }

    /** Runs {@code body} with the correlation keys (null values skipped) in the logging context, and removes them. */
    static <T> T withCorrelation(Map<String, String> correlation, Supplier<T> body) {
        try {
            correlation.forEach((k, v) -> {
                if (v != null) {
                    MDC.put(k, v);
                }
            });
            return body.get();
        } finally {
            correlation.keySet().forEach(MDC::remove);
        }
    }

    /**
     * Counts one decision, e.g. {@code count("CheckFailed", "check", "http")}, emitted at once: each decision has
     * its own dimension, so it is its own EMF document.
     */
    public void count(String metric, String dimension, String value) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, 1, MetricUnit.COUNT, NAMESPACE,
                DimensionSet.of("function", function, "environment", environment, dimension, value));
    }

    /**
     * A measurement of one thing, e.g. {@code measure("Compliant", 0, "check", "rds-backup", "resource", "...")}:
     * its own EMF document under two dimensions of its own, so each thing gets its own series and alarm.
     */
    public void measure(String metric, double number, String dimension1, String value1, String dimension2,
            String value2) {
        MetricsFactory.getMetricsInstance().flushSingleMetric(metric, number, MetricUnit.COUNT, NAMESPACE,
                DimensionSet.of("function", function, "environment", environment, dimension1, value1, dimension2,
                        value2));
    }
}

package dev.shepherd.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Cost Anomaly Detection alert, from the SNS message or the EventBridge "Anomaly Detected" event
 * ({@link AnomalyAlertParser}). Amounts are USD, as the service reports them.
 *
 * @param dimensionValue {@code dimensionalValue} in SNS, {@code dimensionValue} in EventBridge
 * @param accountName    EventBridge only
 * @param monitorName    EventBridge only
 */
public record AnomalyAlert(Form form, String accountId, Optional<String> accountName, String anomalyId,
                           Instant start, Optional<Instant> end, Optional<Score> score,
                           Optional<String> dimensionValue, Impact impact, String monitorArn,
                           Optional<String> monitorName, List<RootCause> rootCauses, Optional<String> subscriptionId,
                           Optional<String> subscriptionName, Optional<String> detailsLink) {
    public enum Form { SNS, EVENTBRIDGE }

    public record Score(BigDecimal current, BigDecimal max) {
    }

    /** @param totalImpactPercentage absent when expected spend is 0 (a percentage of nothing) */
    public record Impact(Optional<BigDecimal> maxImpact, BigDecimal totalImpact, Optional<BigDecimal> totalActualSpend,
                         Optional<BigDecimal> totalExpectedSpend, Optional<BigDecimal> totalImpactPercentage) {
    }

    public record RootCause(Optional<String> linkedAccount, Optional<String> linkedAccountName,
                            Optional<String> region, Optional<String> service, Optional<String> usageType,
                            Optional<BigDecimal> contribution) {
    }

    public AnomalyAlert {
        Objects.requireNonNull(anomalyId, "anomalyId");
        Objects.requireNonNull(impact, "impact");
        rootCauses = List.copyOf(rootCauses);
    }
}

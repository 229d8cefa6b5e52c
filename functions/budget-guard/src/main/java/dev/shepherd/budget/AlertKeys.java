package dev.shepherd.budget;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;

/**
 * The identity of an alert in the {@link AlertLedger}: what makes two deliveries the same alert, and how long the
 * ledger must remember it.
 *
 * <p>A budget alert is its account, budget, alert type, threshold and budget period: AWS Budgets notifies a
 * threshold once per period, so the same five values from a second subscription (another SNS MessageId) or a
 * redelivery are the same alert, and next month's crossing is a new one. The period comes from the notification's
 * own date (the SNS timestamp when the text has none). A cost anomaly is its {@code anomalyId}; a message that is
 * neither is its SNS MessageId, so only a redelivery is a duplicate.
 */
public final class AlertKeys {
    /** @param keep how long the ledger keeps the key: past the period and any redelivery (SNS, Lambda retries) */
    public record Key(String value, Duration keep) {
    }

    private static final Duration REDELIVERY = Duration.ofDays(2);
    /** An ongoing anomaly is notified again on later days with the same id while it lasts. */
    private static final Duration ANOMALY = Duration.ofDays(90);

    private AlertKeys() {
    }

    public static Key budget(BudgetAlert alert, String account, Instant delivered) {
        LocalDate date = alert.date().orElse(LocalDate.ofInstant(delivered, ZoneOffset.UTC));
        String period = switch (alert.period()) {
            case DAILY, UNKNOWN -> date.toString();
            case MONTHLY -> date.toString().substring(0, 7);
            case QUARTERLY -> date.getYear() + "-Q" + ((date.getMonthValue() - 1) / 3 + 1);
            case ANNUALLY -> Integer.toString(date.getYear());
        };
        Duration keep = switch (alert.period()) {
            case DAILY, UNKNOWN -> Duration.ofDays(1);
            case MONTHLY -> Duration.ofDays(31);
            case QUARTERLY -> Duration.ofDays(92);
            case ANNUALLY -> Duration.ofDays(366);
        };
        Measure t = alert.threshold();
        return new Key(String.join("#", "budget", account, alert.budgetName(), alert.alertType().name(),
                t.amount().stripTrailingZeros().toPlainString() + " " + t.unit(), alert.period().name(), period),
                keep.plus(REDELIVERY));
    }

    public static Key anomaly(AnomalyAlert alert) {
        return new Key("anomaly#" + alert.accountId() + "#" + alert.anomalyId(), ANOMALY);
    }

    public static Key message(String messageId) {
        return new Key("message#" + messageId, REDELIVERY);
    }
}

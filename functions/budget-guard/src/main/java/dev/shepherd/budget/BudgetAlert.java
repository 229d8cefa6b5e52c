package dev.shepherd.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One AWS Budgets notification, read from its labelled lines ({@link BudgetAlertParser}). The labelled values are
 * the facts; the sentence is kept only as {@link #sentenceAmount} so a disagreement is visible ({@link #notes}).
 *
 * @param budgetType     the {@code Budget Type} label as written ({@code Cost}, {@code Usage}, ...)
 * @param budgeted       money when the type is Cost, else a {@link Quantity}
 * @param amount         the {@code ACTUAL Amount} / {@code FORECASTED Amount} line; empty when that line is missing
 * @param sentenceAmount the amount the prose states, when it is readable
 * @param date           from the {@code AWS Budget Notification <date>} header, when present and readable
 * @param accountId      from the {@code AWS Account <id>} header line, when present
 * @param notes          what was missing or inconsistent, without values; empty for a complete, consistent alert
 */
public record BudgetAlert(String budgetName, String budgetType, AlertType alertType, Period period,
                          Measure budgeted, Measure threshold, Optional<Measure> amount,
                          Optional<Measure> sentenceAmount, Optional<LocalDate> date, Optional<String> accountId,
                          List<String> notes) {
    public enum AlertType { ACTUAL, FORECASTED }

    /** From the sentence: "per day", "for the current month|quarter|year"; UNKNOWN when the wording differs. */
    public enum Period { DAILY, MONTHLY, QUARTERLY, ANNUALLY, UNKNOWN }

    public BudgetAlert {
        Objects.requireNonNull(budgetName, "budgetName");
        Objects.requireNonNull(budgetType, "budgetType");
        Objects.requireNonNull(alertType, "alertType");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(budgeted, "budgeted");
        Objects.requireNonNull(threshold, "threshold");
        notes = List.copyOf(notes);
    }

    /** True for a cost budget: only then are the figures money. */
    public boolean isCost() {
        return budgeted instanceof Money;
    }

    /** Threshold as a percent of the budgeted figure (2 places); empty when budgeted is 0 or the units differ. */
    public Optional<BigDecimal> thresholdPercent() {
        return percentOf(threshold, budgeted);
    }

    /** The labelled amount as a percent of the budgeted figure; empty when either is missing, 0 or units differ. */
    public Optional<BigDecimal> amountPercent() {
        return amount.flatMap(a -> percentOf(a, budgeted));
    }

    static Optional<BigDecimal> percentOf(Measure part, Measure whole) {
        if (!part.unit().equals(whole.unit()) || whole.amount().signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(part.amount().multiply(BigDecimal.valueOf(100))
                .divide(whole.amount(), 2, RoundingMode.HALF_UP));
    }
}

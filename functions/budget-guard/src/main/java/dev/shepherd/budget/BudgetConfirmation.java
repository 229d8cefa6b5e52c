package dev.shepherd.budget;

import dev.shepherd.core.Platform;
import java.math.BigDecimal;
import java.math.RoundingMode;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.BudgetType;
import software.amazon.awssdk.services.budgets.model.Spend;

/**
 * The figures a cost action rests on, read from AWS Budgets ({@code DescribeBudget}) rather than from the message:
 * anyone allowed to publish to the topic can write a message, only AWS writes the budget. An action goes ahead only
 * on a {@link Confirmed} answer at or above the policy's percent.
 */
public final class BudgetConfirmation {
    public sealed interface Answer permits Confirmed, Refused {
    }

    /** @param percent actual spend as a percent of the limit, 2 places */
    public record Confirmed(Money limit, Money actual, BigDecimal percent) implements Answer {
    }

    /** @param reason for the notice: why no action rests on this budget */
    public record Refused(String reason) implements Answer {
    }

    private final Platform platform;

    public BudgetConfirmation(Platform platform) {
        this.platform = platform;
    }

    /** Confirms that the budget is a cost budget of the alert's period and currency, and how far it is spent. */
    public Answer confirm(String account, BudgetAlert alert) {
        Budget budget;
        try {
            budget = platform.client(BudgetsClient.class)
                    .describeBudget(r -> r.accountId(account).budgetName(alert.budgetName())).budget();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            return new Refused("DescribeBudget answered " + code);
        } catch (SdkException e) {
            return new Refused("DescribeBudget failed (" + e.getClass().getSimpleName() + ")");
        }
        if (budget.budgetType() != BudgetType.COST) {
            return new Refused("the budget is a " + budget.budgetTypeAsString() + " budget, not a cost budget");
        }
        if (alert.period() != BudgetAlert.Period.UNKNOWN && !budget.timeUnitAsString().equals(alert.period().name())) {
            return new Refused("the budget's period is " + budget.timeUnitAsString() + ", the message says "
                    + alert.period());
        }
        Spend limit = budget.budgetLimit();
        Spend actual = budget.calculatedSpend() == null ? null : budget.calculatedSpend().actualSpend();
        if (limit == null || actual == null) {
            return new Refused("the budget has no limit or no calculated actual spend yet");
        }
        if (!limit.unit().equals(alert.budgeted().unit()) || !actual.unit().equals(limit.unit())) {
            return new Refused("the budget is kept in " + limit.unit() + ", the message says " + alert.budgeted().unit());
        }
        BigDecimal limitAmount = limit.amount();
        BigDecimal actualAmount = actual.amount();
        if (limitAmount == null || actualAmount == null) {
            return new Refused("the budget has no limit or no calculated actual spend yet");
        }
        if (limitAmount.signum() <= 0) {
            return new Refused("the budget's limit is " + limitAmount.toPlainString() + ": no percent of it can be confirmed");
        }
        BigDecimal percent = actualAmount.multiply(BigDecimal.valueOf(100)).divide(limitAmount, 2, RoundingMode.HALF_UP);
        return new Confirmed(new Money(limitAmount, limit.unit()), new Money(actualAmount, actual.unit()), percent);
    }
}

package dev.shepherd.budget;

import dev.shepherd.core.Deadline;

/**
 * Decides whether a budget alert may act, and acts. The order of the guards is the order a reader checks them:
 * the policy allows actions here, the alert is an ACTUAL one of a budget the policy names, the budget belongs to
 * this account, and AWS Budgets itself confirms the spend at or above the policy's percent. Only then are the
 * opted-in services scaled down ({@link ScaleToZero}), for real only when the policy's mode is on.
 */
final class CostAction {
    private final CostPolicy policy;
    private final BudgetConfirmation confirmation;
    private final ScaleToZero scale;
    private final String ownAccount;
    private final String environment;

    CostAction(CostPolicy policy, BudgetConfirmation confirmation, ScaleToZero scale, String ownAccount,
            String environment) {
        this.policy = policy;
        this.confirmation = confirmation;
        this.scale = scale;
        this.ownAccount = ownAccount;
        this.environment = environment;
    }

    ActionReport onBudget(BudgetAlert alert, Deadline deadline) {
        if (!policy.acts()) {
            return ActionReport.none("cost actions are off in " + environment + " (" + CostPolicy.parameterName(environment)
                    + ")");
        }
        if (alert.alertType() != BudgetAlert.AlertType.ACTUAL) {
            return ActionReport.none("FORECASTED alerts never act");
        }
        if (!policy.budgets().contains(alert.budgetName())) {
            return ActionReport.none("the cost policy does not act on this budget");
        }
        if (!alert.isCost()) {
            return ActionReport.none("only cost budgets act");
        }
        String account = alert.accountId().orElse(ownAccount);
        if (!account.equals(ownAccount)) {
            return ActionReport.none("the budget belongs to account " + account + "; only this account's ("
                    + ownAccount + ") budgets act here");
        }
        BudgetConfirmation.Answer answer = confirmation.confirm(account, alert);
        if (answer instanceof BudgetConfirmation.Refused(String reason)) {
            return ActionReport.none("not confirmed by AWS Budgets: " + reason);
        }
        var confirmed = (BudgetConfirmation.Confirmed) answer;
        String figures = "AWS Budgets confirms " + BudgetNotices.show(confirmed.actual()) + " of "
                + BudgetNotices.show(confirmed.limit()) + " (" + BudgetNotices.percent(confirmed.percent()) + ")";
        if (confirmed.percent().compareTo(policy.atPercent()) < 0) {
            return ActionReport.none(figures + ", below the policy's " + BudgetNotices.percent(policy.atPercent()));
        }
        boolean dryRun = policy.mode() == CostPolicy.Mode.DRY_RUN;
        ScaleToZero.Result result = scale.scaleDown(dryRun, deadline);
        return ActionReport.of(figures + ", at or above the policy's " + BudgetNotices.percent(policy.atPercent())
                + (dryRun ? "; dry run, nothing changed:" : "; scaled to zero:"), result);
    }

    ScaleToZero.Result restore(boolean dryRun, Deadline deadline) {
        return scale.restore(dryRun, deadline);
    }
}

package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetResponse;
import software.amazon.awssdk.services.budgets.model.InvalidParameterException;
import software.amazon.awssdk.services.budgets.model.NotFoundException;

/**
 * In-memory AWS Budgets {@code DescribeBudget}: a budget is found by {@code AccountId} (12 digits, else
 * {@code InvalidParameterException}) and exact {@code BudgetName}; an unknown one is {@code NotFoundException}.
 *
 * <p>Scenario section {@code "budgets"}: {@code {"budgets": [{"accountId": "123456789012", "budget": {"BudgetName":
 * "monthly", "BudgetLimit": {"Amount": "100.0", "Unit": "USD"}, "TimeUnit": "MONTHLY", "BudgetType": "COST",
 * "CalculatedSpend": {"ActualSpend": {"Amount": "82.5", "Unit": "USD"}, "ForecastedSpend": {"Amount": "131.0",
 * "Unit": "USD"}}}}]}}: {@code budget} is the API's own {@code Budget} JSON.
 */
public final class FakeBudgets extends FakeService implements BudgetsClient {
    private final Map<List<String>, Budget> budgets = new LinkedHashMap<>();

    public FakeBudgets(CallJournal journal) {
        super(journal, BudgetsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "budgets";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "budgets");
        int i = 0;
        for (JsonNode b : section.path("budgets")) {
            String path = "budgets.budgets[" + i++ + "]";
            if (!b.path("accountId").isTextual() || !b.path("budget").isObject()) {
                throw new IllegalArgumentException(path + " needs a string 'accountId' and an object 'budget'");
            }
            addBudget(b.get("accountId").asText(), ScenarioJson.read(b.get("budget"), Budget::builder, path + ".budget"));
        }
    }

    public synchronized void addBudget(String accountId, Budget budget) {
        if (budget.budgetName() == null || budget.timeUnit() == null || budget.budgetType() == null) {
            throw new IllegalArgumentException("a budget needs BudgetName, TimeUnit and BudgetType");
        }
        budgets.put(List.of(accountId, budget.budgetName()), budget);
    }

    @Override
    public synchronized DescribeBudgetResponse describeBudget(DescribeBudgetRequest request) {
        record(request);
        String account = request.accountId();
        if (account == null || !account.matches("\\d{12}")) {
            throw error(InvalidParameterException.builder(), "InvalidParameterException", 400,
                    "Account ID must be 12 digits");
        }
        if (request.budgetName() == null || request.budgetName().isEmpty()) {
            throw error(InvalidParameterException.builder(), "InvalidParameterException", 400, "BudgetName is required");
        }
        Budget found = budgets.get(List.of(account, request.budgetName()));
        if (found == null) {
            throw error(NotFoundException.builder(), "NotFoundException", 400,
                    "Unable to get budget: " + request.budgetName() + " - the budget doesn't exist.");
        }
        return DescribeBudgetResponse.builder().budget(found).build();
    }
}

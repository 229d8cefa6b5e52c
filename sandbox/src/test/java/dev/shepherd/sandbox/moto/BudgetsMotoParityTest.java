package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.BudgetsClient;

/**
 * Budgets: {@code FakeBudgets} versus moto for DescribeBudget. Moto stores the budget as created and adds
 * {@code CostTypes}, {@code TimePeriod} and {@code LastUpdatedTime} of its own; the parity checked is what the guard
 * reads: name, limit, spend, time unit, type, and NotFoundException for an unknown budget.
 */
class BudgetsMotoParityTest extends MotoParityTest {
    private static final String ACCOUNT = "123456789012";
    private static final String BUDGET = """
            {"BudgetName":"team: monthly","BudgetLimit":{"Amount":"100.0","Unit":"USD"},"TimeUnit":"MONTHLY",
             "BudgetType":"COST","CalculatedSpend":{"ActualSpend":{"Amount":"82.51","Unit":"USD"},
             "ForecastedSpend":{"Amount":"131.0","Unit":"USD"}}}""";
    BudgetsClient fake;
    BudgetsClient real;

    @BeforeEach
    void seed() throws Exception {
        moto.raw("budgets", "POST", "/", "AWSBudgetServiceGateway.CreateBudget",
                "{\"AccountId\":\"" + ACCOUNT + "\",\"Budget\":" + BUDGET + "}");
        real = onMoto(BudgetsClient.class);
        fake = new Sandbox().load(Json.parse("{\"budgets\": {\"budgets\": [{\"accountId\": \"" + ACCOUNT
                + "\", \"budget\": " + BUDGET + "}]}}")).client(BudgetsClient.class);
    }

    @Test
    void describeBudgetAnswersWhatTheGuardReads() {
        var answer = sameAnswer(fake, real, c -> {
            var b = c.describeBudget(r -> r.accountId(ACCOUNT).budgetName("team: monthly")).budget();
            return List.of(b.budgetName(), b.budgetLimit(), b.calculatedSpend(), b.timeUnitAsString(),
                    b.budgetTypeAsString());
        });
        assertThat(answer.get(1).toString()).contains("100.0");
    }

    @Test
    void anUnknownBudgetIsNotFound() {
        sameError(fake, real, c -> c.describeBudget(r -> r.accountId(ACCOUNT).budgetName("nope")));
    }
}

package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeBudgets;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.budgets.model.DescribeBudgetRequest;

/** AWS Budgets (JSON 1.1, {@code AWSBudgetServiceGateway}) on the wire versus {@code FakeBudgets}: DescribeBudget. */
class BudgetsContractTest extends ContractTest {
    private static final String BUDGET = """
            {"BudgetName":"team: monthly","BudgetLimit":{"Amount":"100.0","Unit":"USD"},"TimeUnit":"MONTHLY",
             "BudgetType":"COST","CalculatedSpend":{"ActualSpend":{"Amount":"82.51","Unit":"USD"},
             "ForecastedSpend":{"Amount":"131.0","Unit":"USD"}}}""";
    BudgetsClient fake;
    BudgetsClient real;

    @BeforeEach
    void clients() {
        Sandbox sandbox = new Sandbox().load(Json.parse(
                "{\"budgets\": {\"budgets\": [{\"accountId\": \"123456789012\", \"budget\": " + BUDGET + "}]}}"));
        fake = sandbox.client(BudgetsClient.class);
        real = real(BudgetsClient.class);
    }

    private static DescribeBudgetRequest describe(String name) {
        return DescribeBudgetRequest.builder().accountId("123456789012").budgetName(name).build();
    }

    @Test
    void describeBudgetSignedForUsEast1() {
        wire.stubFor(jsonCall("AWSBudgetServiceGateway.DescribeBudget")
                .withRequestBody(equalToJson("{\"AccountId\":\"123456789012\",\"BudgetName\":\"team: monthly\"}"))
                .willReturn(json("{\"Budget\":" + BUDGET + "}")));

        Budget fromWire = real.describeBudget(describe("team: monthly")).budget();
        Budget fromFake = fake.describeBudget(describe("team: monthly")).budget();

        assertThat(fromWire).isEqualTo(fromFake);
        assertThat(fromWire.calculatedSpend().forecastedSpend().amount()).isEqualByComparingTo("131.0");
        assertThat(onlyRequest().getHeader("Authorization")).contains("/us-east-1/budgets/aws4_request");
        assertThat(journal.calls("budgets", "DescribeBudget")).hasSize(1);
    }

    @Test
    void anUnknownBudgetIsNotFoundLikeTheFake() {
        assertWireErrorLikeFake(jsonCall("AWSBudgetServiceGateway.DescribeBudget"), false,
                () -> fake.describeBudget(describe("nope")), () -> real.describeBudget(describe("nope")));
    }

    @Test
    void throttlingIsRetried() {
        stubSequence(() -> jsonCall("AWSBudgetServiceGateway.DescribeBudget"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"Budget\":" + BUDGET + "}")));
        assertThat(real.describeBudget(describe("team: monthly")).budget().budgetName()).isEqualTo("team: monthly");
        assertThat(requests()).hasSize(2);
    }
}

package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.sandbox.FakeCostExplorer;
import dev.shepherd.sandbox.Sandbox;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;

/**
 * Cost Explorer: {@code FakeCostExplorer} versus moto for GetCostAndUsage. Moto tracks no cost: it answers from a
 * queue of canned results ({@code /moto-api/static/ce/cost-and-usage-results}) and validates nothing. So the parity
 * is of shape: the CE-shaped answer served by moto and the fake's answer from the same costs are the same SDK
 * objects (grouped, empty Total, Estimated). Where moto deviates, the fake follows CE: Start == End is accepted by
 * moto and refused by the fake, as CE refuses it.
 */
class CostExplorerMotoParityTest extends MotoParityTest {
    private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
    CostExplorerClient fake;
    CostExplorerClient real;

    @BeforeEach
    void seed() {
        Sandbox sandbox = new Sandbox();
        FakeCostExplorer ce = sandbox.fake(FakeCostExplorer.class);
        ce.addCost(new FakeCostExplorer.Cost(LocalDate.parse("2026-12-01"), EC2, "123456789012", Map.of(),
                new BigDecimal("12.5")));
        ce.addCost(new FakeCostExplorer.Cost(LocalDate.parse("2026-12-01"), "Tax", "123456789012", Map.of(),
                new BigDecimal("-1.25")));
        ce.estimatedFrom(LocalDate.parse("2026-12-01"));
        fake = sandbox.client(CostExplorerClient.class);
        real = onMoto(CostExplorerClient.class);
    }

    private static GetCostAndUsageRequest monthToDate(String end) {
        return GetCostAndUsageRequest.builder().timePeriod(t -> t.start("2026-12-01").end(end))
                .granularity(Granularity.MONTHLY).metrics("UnblendedCost")
                .groupBy(g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE")).build();
    }

    @Test
    void aGroupedMonthToDateAnswerHasTheShapeCeSends() throws Exception {
        moto.raw("ce", "POST", "/moto-api/static/ce/cost-and-usage-results", null, """
                {"results":[{"GroupDefinitions":[{"Type":"DIMENSION","Key":"SERVICE"}],
                  "ResultsByTime":[{"TimePeriod":{"Start":"2026-12-01","End":"2026-12-02"},"Total":{},
                    "Groups":[{"Keys":["%s"],"Metrics":{"UnblendedCost":{"Amount":"12.5","Unit":"USD"}}},
                              {"Keys":["Tax"],"Metrics":{"UnblendedCost":{"Amount":"-1.25","Unit":"USD"}}}],
                    "Estimated":true}],
                  "DimensionValueAttributes":[]}]}""".formatted(EC2));

        var answer = sameAnswer(fake, real, c -> {
            var r = c.getCostAndUsage(monthToDate("2026-12-02"));
            return java.util.List.of(r.resultsByTime(), r.groupDefinitions(), String.valueOf(r.nextPageToken()));
        });
        assertThat(answer.toString()).contains("-1.25");
    }

    @Test
    void startEqualToEndMotoAcceptsTheFakeRefusesAsCeDoes() {
        assertThat(real.getCostAndUsage(monthToDate("2026-12-01")).resultsByTime()).as("moto: no validation").isEmpty();
        try {
            fake.getCostAndUsage(monthToDate("2026-12-01"));
            org.assertj.core.api.Assertions.fail("the fake must refuse Start == End");
        } catch (AwsServiceException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        }
    }
}

package dev.shepherd.budget;

import static dev.shepherd.budget.BudgetEvents.sns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.budget.AnomalyAlert.Form;
import dev.shepherd.budget.AnomalyAlert.RootCause;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Reference section 7, budget guard case 9 (Cost Anomaly Detection), from events/budgets and events/eventbridge. */
class AnomalyAlertTest {
    private static AnomalyAlert anomaly(BudgetMessages.Result r) {
        assertThat(r).isInstanceOf(BudgetMessages.Anomaly.class);
        return ((BudgetMessages.Anomaly) r).alert();
    }

    private static BigDecimal n(String v) {
        return new BigDecimal(v);
    }

    @Test
    void case9SnsAnomalyReadsEveryField() {
        AnomalyAlert a = anomaly(sns("anomaly.json"));
        assertThat(a.form()).isEqualTo(Form.SNS);
        assertThat(a.accountId()).isEqualTo("111122223333");
        assertThat(a.anomalyId()).isEqualTo("0f9e8d7c-6b5a-4c3d-8e2f-1a0b9c8d7e6f");
        assertThat(a.start()).isEqualTo(Instant.parse("2025-06-16T00:00:00Z"));
        assertThat(a.end()).contains(Instant.parse("2025-06-17T00:00:00Z"));
        assertThat(a.score().orElseThrow().current()).isEqualByComparingTo(n("0.81"));
        assertThat(a.dimensionValue()).contains("Amazon Elastic Container Service");
        assertThat(a.impact().totalImpact()).isEqualByComparingTo(n("377.45"));
        assertThat(a.impact().maxImpact()).contains(n("212.4"));
        assertThat(a.impact().totalActualSpend()).contains(n("498.75"));
        assertThat(a.impact().totalExpectedSpend()).contains(n("121.3"));
        assertThat(a.impact().totalImpactPercentage()).contains(n("311.17"));
        assertThat(a.monitorArn()).endsWith(":anomalymonitor/8d2f6a1c-44b7-4e0a-9c3e-1f5b7d9e2a60");
        assertThat(a.monitorName()).isEmpty();
        assertThat(a.accountName()).isEmpty();
        assertThat(a.rootCauses()).singleElement().satisfies((RootCause c) -> {
            assertThat(c.linkedAccount()).contains("444455556666");
            assertThat(c.usageType()).contains("EU-Fargate-vCPU-Hours:perCPU");
            assertThat(c.contribution()).contains(n("301.2"));
        });
        assertThat(a.subscriptionName()).contains("finops-immediate");
        assertThat(a.detailsLink().orElseThrow()).startsWith("https://console.aws.amazon.com/cost-management/");
    }

    @Test
    void case9EmptyRootCausesAndZeroExpectedSpendWithoutPercentage() {
        AnomalyAlert a = anomaly(sns("anomaly-no-root-causes.json"));
        assertThat(a.rootCauses()).isEmpty();
        assertThat(a.impact().totalExpectedSpend()).contains(BigDecimal.ZERO);
        assertThat(a.impact().totalImpactPercentage()).isEmpty();
        assertThat(a.impact().totalImpact()).isEqualByComparingTo(n("14.2"));
    }

    @Test
    void case9EventBridgeFormReadsDimensionValueAccountAndMonitorName() {
        AnomalyAlert a = anomaly(BudgetMessages.classify(null, BudgetEvents.read("eventbridge/cost-anomaly-detected.json")));
        AnomalyAlert viaSns = anomaly(sns("anomaly.json"));
        assertThat(a.form()).isEqualTo(Form.EVENTBRIDGE);
        assertThat(a.dimensionValue()).isEqualTo(viaSns.dimensionValue());
        assertThat(a.accountName()).contains("platform-prod");
        assertThat(a.monitorName()).contains("services-monitor");
        assertThat(a.anomalyId()).isEqualTo(viaSns.anomalyId());
        assertThat(a.impact()).isEqualTo(viaSns.impact());
        assertThat(a.rootCauses()).isEqualTo(viaSns.rootCauses());
    }

    @Test
    void case9DuplicateKeyIsRefusedSoNoImpactIsShadowed() {
        String json = BudgetEvents.read("eventbridge/cost-anomaly-detected.json")
                .replace("\"totalImpact\": 377.45", "\"totalImpact\": 377.45, \"totalImpact\": 0");
        assertThat(json).contains("\"totalImpact\": 0");
        assertThat(BudgetMessages.classify(null, json)).isInstanceOfSatisfying(BudgetMessages.Unrecognized.class,
                u -> assertThat(u.reason()).startsWith(
                        "JSON that is not a cost anomaly: malformed JSON: Duplicate field 'totalImpact' at line"));
    }

    @Test
    void case11OtherJsonTruncatedJsonAndWrongTypesAreUnrecognizedWithoutValues() {
        assertThat(BudgetMessages.classify(null, "{\"AlarmName\":\"x\"}"))
                .isEqualTo(new BudgetMessages.Unrecognized("JSON that is not a cost anomaly: no accountId"));
        assertThat(BudgetMessages.classify(null, "{\"source\":\"aws.cloudwatch\",\"detail-type\":\"x\",\"detail\":{}}"))
                .isEqualTo(new BudgetMessages.Unrecognized("JSON that is not a cost anomaly: an event that is not"
                        + " source aws.ce, detail-type Anomaly Detected"));
        String truncated = BudgetEvents.read("eventbridge/cost-anomaly-detected.json").substring(0, 200);
        assertThat(BudgetMessages.classify(null, truncated)).isInstanceOf(BudgetMessages.Unrecognized.class);
        String wrong = "{\"accountId\":\"111122223333\",\"anomalyId\":\"a\",\"anomalyStartDate\":\"2025-06-16T00:00:00Z\","
                + "\"monitorArn\":\"m\",\"impact\":{\"totalImpact\":\"secret-ish\"}}";
        BudgetMessages.Result r = BudgetMessages.classify(null, wrong);
        assertThat(r).isEqualTo(new BudgetMessages.Unrecognized(
                "JSON that is not a cost anomaly: totalImpact is not a number"));
    }
}

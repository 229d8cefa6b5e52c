package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import dev.shepherd.core.MutableClock;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeCostExplorer;
import dev.shepherd.sandbox.Sandbox;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Cost Explorer enrichment against the sandbox's Cost Explorer, named after the reference's budget-guard case 8. */
class CostContextTest {
    private static final String ACCOUNT = "123456789012";
    private static final String EC2 = "Amazon Elastic Compute Cloud - Compute";
    private static final String RDS = "Amazon Relational Database Service";
    private static final String S3 = "Amazon Simple Storage Service";

    /** A clock the test moves: the cache is per day. */
    final Sandbox sandbox = new Sandbox();
    final FakeCostExplorer ce = sandbox.fake(FakeCostExplorer.class);
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-15T09:30:00Z"));
    final CostContext context = new CostContext(new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, clock), 2);

    {
        ce.useClock(clock);
        ce.estimatedFrom(LocalDate.parse("2026-12-01"));
    }

    private void cost(String date, String service, String amount) {
        cost(date, service, ACCOUNT, Map.of(), amount);
    }

    private void cost(String date, String service, String account, Map<String, String> tags, String amount) {
        ce.addCost(new FakeCostExplorer.Cost(LocalDate.parse(date), service, account, tags, new BigDecimal(amount)));
    }

    private List<JsonNode> usageCalls() {
        return sandbox.journal().calls("ce", "GetCostAndUsage").stream().map(c -> (JsonNode) c.request()).toList();
    }

    @Test
    void groupedResponseWithEmptyTotalIsSummedFromTheGroupsSortedAsNumbersTopNAndTheRestLumped() {
        cost("2026-12-02", EC2, "9.5");
        cost("2026-12-03", RDS, "10.25");
        cost("2026-12-04", RDS, "0.75");
        cost("2026-12-05", S3, "100.01");
        cost("2026-12-06", "AWS Lambda", "0.24");
        cost("2026-12-15", S3, "999"); // today: not in [first, today)

        CostContext.Spend spend = context.byService(ACCOUNT);

        assertThat(spend.top()).extracting(CostContext.Line::key).containsExactly(S3, RDS);
        assertThat(spend.top().get(1).amount()).isEqualByComparingTo("11.00");
        assertThat(spend.rest()).isEqualByComparingTo("9.74");
        assertThat(spend.total()).isEqualByComparingTo("120.75");
        assertThat(spend.unit()).isEqualTo("USD");
        assertThat(List.of(spend.from(), spend.to())).containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-15"));
    }

    @Test
    void negativeAmountsCreditsAreKeptOutOfTheTopAndNetInTheTotal() {
        cost("2026-12-02", EC2, "40");
        cost("2026-12-02", "Credits", "-25.50");
        cost("2026-12-03", "Refund", "-4.50");

        CostContext.Spend spend = context.byService(ACCOUNT);

        assertThat(spend.top()).extracting(CostContext.Line::key).containsExactly(EC2);
        assertThat(spend.credits()).isEqualByComparingTo("-30.00");
        assertThat(spend.rest()).isEqualByComparingTo("0");
        assertThat(spend.total()).isEqualByComparingTo("10.00");
    }

    @Test
    void dayOneOfTheMonthAsksForTodaySoFarSinceStartEqualToEndIsRefused() {
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        cost("2026-11-30", EC2, "50");
        cost("2026-12-01", EC2, "1.20");
        ce.forecastDailyMean(new BigDecimal("2"));

        CostContext.Spend spend = context.byService(ACCOUNT);
        CostContext.Forecast forecast = context.forecast(ACCOUNT);

        assertThat(usageCalls().getFirst().at("/TimePeriod/Start").asText()).isEqualTo("2026-12-01");
        assertThat(usageCalls().getFirst().at("/TimePeriod/End").asText()).isEqualTo("2026-12-02");
        assertThat(spend.total()).isEqualByComparingTo("1.20");
        assertThat(spend.estimated()).isTrue();
        assertThat(forecast.completedDays()).as("no completed day: today is in the forecast").isEqualByComparingTo("0");
        assertThat(forecast.projected()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("62"));
        assertThat(CostContext.monthToDate(LocalDate.parse("2026-12-02")))
                .containsExactly(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-02"));
    }

    @Test
    void estimatedTrueIsFlaggedAndAClosedPeriodIsNot() {
        cost("2026-12-02", EC2, "3");
        assertThat(context.byService(ACCOUNT).estimated()).isTrue();

        ce.estimatedFrom(LocalDate.parse("2027-01-01"));
        assertThat(new CostContext(new Platform(Map.of(), sandbox, clock), 2).byService(ACCOUNT).estimated()).isFalse();
    }

    @Test
    void twoPagesAreFollowedWithTheNextPageToken() {
        ce.pageSize(2);
        cost("2026-12-02", EC2, "1");
        cost("2026-12-02", RDS, "2");
        cost("2026-12-02", S3, "3");

        assertThat(context.byService(ACCOUNT).total()).isEqualByComparingTo("6");
        assertThat(usageCalls()).extracting(c -> c.path("NextPageToken").asText(null))
                .containsExactly(null, "sandbox-page-2");
    }

    @Test
    void projectedIsMonthToDatePlusTheForecastOfTheRemainingDays() {
        cost("2026-12-02", EC2, "70");
        ce.forecastDailyMean(new BigDecimal("3.5"));

        CostContext.Forecast forecast = context.forecast(ACCOUNT);

        // 15 December to 1 January: 17 days at 3.5
        assertThat(forecast.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("59.5"));
        assertThat(forecast.projected()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("129.5"));
        JsonNode asked = sandbox.journal().calls("ce", "GetCostForecast").getFirst().request();
        assertThat(List.of(asked.at("/TimePeriod/Start").asText(), asked.at("/TimePeriod/End").asText()))
                .containsExactly("2026-12-15", "2027-01-01");
    }

    @Test
    void dataUnavailableExceptionMakesTheForecastUnknownWithAReasonNotAFailure() {
        cost("2026-12-02", EC2, "5");

        CostContext.Forecast forecast = context.forecast(ACCOUNT);

        assertThat(forecast.projected()).isEmpty();
        assertThat(forecast.unknownReason()).hasValueSatisfying(r -> assertThat(r).contains("too little history"));
        assertThat(forecast.completedDays()).isEqualByComparingTo("5");
    }

    @Test
    void throttlingSurfacesAndIsNotCachedSoTheNextAlertAsksAgain() {
        sandbox.load(Json.parse("{\"costexplorer\": {\"faults\": {\"GetCostAndUsage\": [\"ThrottlingException\"]}}}"));
        cost("2026-12-02", EC2, "5");

        assertThatThrownBy(() -> context.byService(ACCOUNT)).isInstanceOf(AwsServiceException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ThrottlingException"));
        assertThat(context.byService(ACCOUNT).total()).isEqualByComparingTo("5");
        assertThat(usageCalls()).hasSize(2);
    }

    @Test
    void byEnvironmentTagWithUntaggedCostsAndByLinkedAccount() {
        cost("2026-12-02", EC2, ACCOUNT, Map.of("environment", "dev"), "4");
        cost("2026-12-02", EC2, "210987654321", Map.of("environment", "prod"), "6");
        cost("2026-12-03", S3, ACCOUNT, Map.of(), "1");

        assertThat(context.byTag(ACCOUNT, "environment").top())
                .containsExactly(new CostContext.Line("prod", new BigDecimal("6")), new CostContext.Line("dev", new BigDecimal("4")));
        assertThat(context.byTag(ACCOUNT, "environment").rest()).isEqualByComparingTo("1");
        assertThat(new CostContext(new Platform(Map.of(), sandbox, clock), 5).byTag(ACCOUNT, "environment").top())
                .extracting(CostContext.Line::key).containsExactly("prod", "dev", CostContext.UNTAGGED);
        assertThat(context.byLinkedAccount(ACCOUNT).top()).extracting(CostContext.Line::key)
                .containsExactly("210987654321", ACCOUNT);
    }

    @Test
    void dailySpendForATrend() {
        clock.set(Instant.parse("2026-12-04T08:00:00Z"));
        cost("2026-12-01", EC2, "1");
        cost("2026-12-01", S3, "0.5");
        cost("2026-12-03", EC2, "-2");

        assertThat(context.daily(ACCOUNT)).extracting(d -> d.date().toString() + "=" + d.amount().toPlainString())
                .containsExactly("2026-12-01=1.5", "2026-12-02=0", "2026-12-03=-2");
    }

    @Test
    void aStormOf20AlertsOnOneDayCostsTwoCostExplorerCallsAndTheNextDayAsksAgain() {
        cost("2026-12-02", EC2, "5");
        ce.forecastDailyMean(BigDecimal.ONE);

        for (int alert = 0; alert < 20; alert++) {
            context.byService(ACCOUNT);
            context.forecast(ACCOUNT);
        }
        assertThat(sandbox.journal().calls("ce", "GetCostAndUsage")).hasSize(1);
        assertThat(sandbox.journal().calls("ce", "GetCostForecast")).hasSize(1);

        context.forecast("210987654321");
        assertThat(sandbox.journal().calls("ce", "GetCostForecast")).as("another account, its own entry").hasSize(2);

        clock.set(Instant.parse("2026-12-16T00:05:00Z"));
        context.forecast(ACCOUNT);
        assertThat(sandbox.journal().calls("ce", "GetCostAndUsage")).hasSize(3);
        assertThat(sandbox.journal().calls("ce", "GetCostForecast")).hasSize(3);
    }
}

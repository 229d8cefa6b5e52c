package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeCostExplorer;
import dev.shepherd.sandbox.Sandbox;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastRequest;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.Metric;

/**
 * Cost Explorer (JSON 1.1, target prefix {@code AWSInsightsIndexService}) on the wire versus {@code FakeCostExplorer}:
 * the client signs for us-east-1 whatever the function's region, the month-to-date query and the forecast, their
 * errors, and throttling retried by the SDK.
 */
class CostExplorerContractTest extends ContractTest {
    private static final String SERVICE = "Amazon Elastic Compute Cloud - Compute";
    CostExplorerClient fake;
    CostExplorerClient real;
    FakeCostExplorer ce;

    @BeforeEach
    void clients() {
        Sandbox sandbox = new Sandbox();
        ce = sandbox.fake(FakeCostExplorer.class);
        ce.addCost(new FakeCostExplorer.Cost(LocalDate.parse("2026-12-01"), SERVICE, "123456789012", Map.of(),
                new BigDecimal("12.5")));
        ce.estimatedFrom(LocalDate.parse("2026-12-01"));
        ce.useClock(Clock.fixed(Instant.parse("2026-12-02T07:00:00Z"), ZoneOffset.UTC));
        fake = sandbox.client(CostExplorerClient.class);
        real = real(CostExplorerClient.class);
    }

    private static GetCostAndUsageRequest monthToDate() {
        return GetCostAndUsageRequest.builder().timePeriod(t -> t.start("2026-12-01").end("2026-12-02"))
                .granularity(Granularity.MONTHLY).metrics("UnblendedCost")
                .groupBy(g -> g.type(GroupDefinitionType.DIMENSION).key("SERVICE")).build();
    }

    private static GetCostForecastRequest forecast() {
        return GetCostForecastRequest.builder().timePeriod(t -> t.start("2026-12-02").end("2027-01-01"))
                .granularity(Granularity.MONTHLY).metric(Metric.UNBLENDED_COST).build();
    }

    @Test
    void getCostAndUsageGroupedBySignedForUsEast1() {
        wire.stubFor(jsonCall("AWSInsightsIndexService.GetCostAndUsage").willReturn(json("""
                {"GroupDefinitions":[{"Type":"DIMENSION","Key":"SERVICE"}],
                 "ResultsByTime":[{"TimePeriod":{"Start":"2026-12-01","End":"2026-12-02"},"Total":{},
                   "Groups":[{"Keys":["%s"],"Metrics":{"UnblendedCost":{"Amount":"12.5","Unit":"USD"}}}],
                   "Estimated":true}],
                 "DimensionValueAttributes":[]}""".formatted(SERVICE))));

        GetCostAndUsageResponse fromWire = real.getCostAndUsage(monthToDate());
        GetCostAndUsageResponse fromFake = fake.getCostAndUsage(monthToDate());

        assertThat(fromWire.resultsByTime()).isEqualTo(fromFake.resultsByTime());
        assertThat(fromWire.resultsByTime().getFirst().total()).as("grouped: Total is empty").isEmpty();
        assertThat(fromWire.groupDefinitions()).isEqualTo(fromFake.groupDefinitions());
        var request = onlyRequest();
        assertThat(request.getHeader("Authorization")).contains("/us-east-1/ce/aws4_request");
        assertThat(request.getBodyAsString()).satisfies(body -> assertThat(Json.parse(body)).isEqualTo(Json.parse("""
                {"TimePeriod":{"Start":"2026-12-01","End":"2026-12-02"},"Granularity":"MONTHLY",
                 "Metrics":["UnblendedCost"],"GroupBy":[{"Type":"DIMENSION","Key":"SERVICE"}]}""")));
        assertThat(journal.calls("ce", "GetCostAndUsage")).hasSize(1);
    }

    @Test
    void aNextPageTokenIsSentBack() {
        wire.stubFor(jsonCall("AWSInsightsIndexService.GetCostAndUsage")
                .withRequestBody(containing("\"NextPageToken\":\"sandbox-page-1\""))
                .willReturn(json("{\"ResultsByTime\":[]}")));
        real.getCostAndUsage(monthToDate().toBuilder().nextPageToken("sandbox-page-1").build());
        assertThat(onlyRequest().getBodyAsString()).contains("sandbox-page-1");
    }

    @Test
    void getCostForecast() {
        ce.forecastDailyMean(new BigDecimal("4"));
        wire.stubFor(jsonCall("AWSInsightsIndexService.GetCostForecast")
                .withRequestBody(equalToJson("""
                        {"TimePeriod":{"Start":"2026-12-02","End":"2027-01-01"},"Metric":"UNBLENDED_COST",
                         "Granularity":"MONTHLY"}"""))
                .willReturn(json("""
                        {"Total":{"Amount":"120","Unit":"USD"},
                         "ForecastResultsByTime":[{"TimePeriod":{"Start":"2026-12-02","End":"2027-01-01"},
                           "MeanValue":"120"}]}""")));

        var fromWire = real.getCostForecast(forecast());
        var fromFake = fake.getCostForecast(forecast());

        assertThat(fromWire.total()).isEqualTo(fromFake.total());
        assertThat(fromWire.forecastResultsByTime()).isEqualTo(fromFake.forecastResultsByTime());
        assertThat(onlyRequest().getHeader("Authorization")).contains("/us-east-1/ce/aws4_request");
    }

    @Test
    void dataUnavailableMapsLikeTheFake() {
        assertWireErrorLikeFake(jsonCall("AWSInsightsIndexService.GetCostForecast"), false,
                () -> fake.getCostForecast(forecast()), () -> real.getCostForecast(forecast()));
        assertThat(thrownBy(() -> fake.getCostForecast(forecast()))).isInstanceOf(DataUnavailableException.class);
    }

    @Test
    void startEqualToEndIsAValidationErrorLikeTheFakes() {
        GetCostAndUsageRequest dayOne = monthToDate().toBuilder()
                .timePeriod(t -> t.start("2026-12-01").end("2026-12-01")).build();
        assertWireErrorLikeFake(jsonCall("AWSInsightsIndexService.GetCostAndUsage"), false,
                () -> fake.getCostAndUsage(dayOne), () -> real.getCostAndUsage(dayOne));
    }

    @Test
    void limitExceededMapsLikeTheFakesInjectedFault() {
        Sandbox faulty = new Sandbox().load(Json.parse(
                "{\"costexplorer\": {\"faults\": {\"GetCostAndUsage\": [\"LimitExceededException\"]}}}"));
        CostExplorerClient fakeWithFault = faulty.client(CostExplorerClient.class);
        assertWireErrorLikeFake(jsonCall("AWSInsightsIndexService.GetCostAndUsage"), false,
                () -> fakeWithFault.getCostAndUsage(monthToDate()), () -> real.getCostAndUsage(monthToDate()));
    }

    @Test
    void throttlingIsRetriedAndJournaledOnce() {
        stubSequence(() -> jsonCall("AWSInsightsIndexService.GetCostAndUsage"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"ResultsByTime\":[]}")));
        assertThat(real.getCostAndUsage(monthToDate()).resultsByTime()).isEmpty();
        assertThat(requests()).hasSize(2);
        assertThat(journal.calls("ce", "GetCostAndUsage")).hasSize(1);
    }
}

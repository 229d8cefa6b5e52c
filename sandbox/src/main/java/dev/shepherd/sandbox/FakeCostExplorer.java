package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostExplorerException;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.ForecastResult;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.InvalidNextTokenException;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * In-memory Cost Explorer {@code GetCostAndUsage} and {@code GetCostForecast} over daily cost rows, with the
 * service's rules: {@code TimePeriod} dates are {@code yyyy-MM-dd}, Start inclusive and End exclusive, Start before
 * End ({@code ValidationException} otherwise, as on day 1 with End = today); Granularity MONTHLY or DAILY; at most two
 * GroupBy, by DIMENSION SERVICE / LINKED_ACCOUNT or by TAG (keys {@code "<tag>$<value>"}); with GroupBy the period's
 * {@code Total} is empty. Results page after {@code pageSize} groups with a {@code NextPageToken}. A period reaching
 * {@code estimatedFrom} or later is {@code Estimated}. The forecast's Start must not be before today (the fake's
 * clock, {@link #useClock}); it is {@code DataUnavailableException} unless the scenario gives a daily mean.
 * Only the cost metric {@code UnblendedCost} (forecast {@code UNBLENDED_COST}) is modeled; no {@code Filter}.
 *
 * <p>Scenario section {@code "costexplorer"}: {@code {"costs": [{"date": "2026-12-01", "service": "Amazon Elastic
 * Compute Cloud - Compute", "account": "123456789012", "tags": {"environment": "dev"}, "amount": "12.50"}],
 * "estimatedFrom": "2026-12-01", "pageSize": 100, "forecast": {"dailyMean": "4.00"}}}; amounts are strings as CE
 * sends them, negative for credits and refunds.
 */
public final class FakeCostExplorer extends FakeService implements CostExplorerClient {
    private static final Set<String> METRICS = Set.of("AmortizedCost", "BlendedCost", "NetAmortizedCost",
            "NetUnblendedCost", "NormalizedUsageAmount", "UnblendedCost", "UsageQuantity");
    private static final Set<String> FORECAST_METRICS = Set.of("AMORTIZED_COST", "BLENDED_COST",
            "NET_AMORTIZED_COST", "NET_UNBLENDED_COST", "UNBLENDED_COST");

    /** One day's cost of one service in one account. */
    public record Cost(LocalDate date, String service, String account, Map<String, String> tags, BigDecimal amount) {
    }

    private final List<Cost> costs = new ArrayList<>();
    private LocalDate estimatedFrom = LocalDate.MAX;
    private int pageSize = 100;
    private BigDecimal dailyForecast;
    private Clock clock = Clock.systemUTC();

    public FakeCostExplorer(CallJournal journal) {
        super(journal, CostExplorerClient.class);
    }

    @Override
    public String scenarioKey() {
        return "costexplorer";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "costs", "estimatedFrom", "pageSize", "forecast");
        for (JsonNode c : section.path("costs")) {
            Map<String, String> tags = new LinkedHashMap<>();
            c.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            addCost(new Cost(LocalDate.parse(text(c, "date")), text(c, "service"),
                    c.path("account").asText("123456789012"), tags, new BigDecimal(text(c, "amount"))));
        }
        if (section.has("estimatedFrom")) {
            estimatedFrom(LocalDate.parse(section.get("estimatedFrom").asText()));
        }
        if (section.has("pageSize")) {
            pageSize(section.get("pageSize").asInt());
        }
        if (section.has("forecast")) {
            forecastDailyMean(new BigDecimal(text(section.get("forecast"), "dailyMean")));
        }
    }

    private static String text(JsonNode node, String key) {
        if (!node.path(key).isTextual()) {
            throw new IllegalArgumentException("costexplorer entries need a string '" + key + "'");
        }
        return node.get(key).asText();
    }

    public synchronized void addCost(Cost cost) {
        costs.add(cost);
    }

    /** Periods reaching this day or later are {@code Estimated} (the month still open). */
    public synchronized void estimatedFrom(LocalDate day) {
        estimatedFrom = day;
    }

    public synchronized void pageSize(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("costexplorer.pageSize must be at least 1");
        }
        pageSize = groups;
    }

    /** The forecast's mean cost per remaining day; without one the forecast is {@code DataUnavailableException}. */
    public synchronized void forecastDailyMean(BigDecimal perDay) {
        dailyForecast = perDay;
    }

    /** The clock "today" is read from for the forecast's rule that Start is not in the past. */
    public synchronized void useClock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized GetCostAndUsageResponse getCostAndUsage(GetCostAndUsageRequest request) {
        record(request);
        LocalDate[] period = period(request.timePeriod());
        Granularity granularity = granularity(request.granularity());
        if (!request.hasMetrics() || request.metrics().isEmpty()) {
            throw validation("Metrics is required");
        }
        for (String metric : request.metrics()) {
            if (!METRICS.contains(metric)) {
                throw validation("Invalid metric: " + metric);
            }
            if (!metric.equals("UnblendedCost")) {
                throw new UnsupportedOperationException("the sandbox models UnblendedCost only, not " + metric);
            }
        }
        if (request.filter() != null) {
            throw new UnsupportedOperationException("the sandbox's GetCostAndUsage takes no Filter");
        }
        List<GroupDefinition> groupBy = request.hasGroupBy() ? request.groupBy() : List.of();
        if (groupBy.size() > 2) {
            throw validation("GroupBy takes at most two groups");
        }
        groupBy.forEach(FakeCostExplorer::checkGroup);

        List<ResultByTime> all = new ArrayList<>();
        List<Group> flat = new ArrayList<>();
        List<Integer> owner = new ArrayList<>();
        List<LocalDate[]> slices = slices(period[0], period[1], granularity);
        for (LocalDate[] slice : slices) {
            Map<List<String>, BigDecimal> sums = new LinkedHashMap<>();
            BigDecimal total = BigDecimal.ZERO;
            for (Cost c : costs) {
                if (!c.date().isBefore(slice[0]) && c.date().isBefore(slice[1])) {
                    sums.merge(groupBy.stream().map(g -> key(c, g)).toList(), c.amount(), BigDecimal::add);
                    total = total.add(c.amount());
                }
            }
            ResultByTime.Builder result = ResultByTime.builder().timePeriod(interval(slice))
                    .estimated(slice[1].isAfter(estimatedFrom));
            if (groupBy.isEmpty()) {
                result.total(Map.of("UnblendedCost", money(total)));
            } else {
                result.total(Map.of());
                sums.forEach((keys, amount) -> {
                    flat.add(Group.builder().keys(keys).metrics(Map.of("UnblendedCost", money(amount))).build());
                    owner.add(all.size());
                });
            }
            all.add(result.build());
        }
        int offset = pageOffset(request.nextPageToken(), () -> error(InvalidNextTokenException.builder(),
                "InvalidNextTokenException", 400, "Invalid next token"));
        GetCostAndUsageResponse.Builder response = GetCostAndUsageResponse.builder().groupDefinitions(groupBy);
        if (groupBy.isEmpty()) {
            return response.resultsByTime(all).build();
        }
        if (offset > flat.size()) {
            throw error(InvalidNextTokenException.builder(), "InvalidNextTokenException", 400, "Invalid next token");
        }
        int end = Math.min(flat.size(), offset + pageSize);
        // A page holds the periods its groups belong to, each with only this page's groups.
        Map<Integer, List<Group>> pageGroups = new LinkedHashMap<>();
        for (int i = offset; i < end; i++) {
            pageGroups.computeIfAbsent(owner.get(i), k -> new ArrayList<>()).add(flat.get(i));
        }
        if (offset == 0) {
            for (int p = 0; p < all.size(); p++) {
                pageGroups.putIfAbsent(p, List.of());
            }
        }
        List<ResultByTime> page = new ArrayList<>();
        pageGroups.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> page.add(all.get(e.getKey()).toBuilder().groups(e.getValue()).build()));
        response.resultsByTime(page);
        if (end < flat.size()) {
            response.nextPageToken(pageToken(end));
        }
        return response.build();
    }

    @Override
    public synchronized GetCostForecastResponse getCostForecast(GetCostForecastRequest request) {
        record(request);
        LocalDate[] period = period(request.timePeriod());
        Granularity granularity = granularity(request.granularity());
        if (request.metricAsString() == null || !FORECAST_METRICS.contains(request.metricAsString())) {
            throw validation("Invalid metric: " + request.metricAsString());
        }
        if (!request.metricAsString().equals("UNBLENDED_COST")) {
            throw new UnsupportedOperationException("the sandbox forecasts UNBLENDED_COST only");
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (period[0].isBefore(today)) {
            throw validation("Start date must be equal to or no later than the current date: " + today);
        }
        if (dailyForecast == null) {
            throw error(DataUnavailableException.builder(), "DataUnavailableException", 400,
                    "Insufficient amount of historical data to generate forecast.");
        }
        List<ForecastResult> results = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (LocalDate[] slice : slices(period[0], period[1], granularity)) {
            BigDecimal mean = dailyForecast.multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(slice[0], slice[1])));
            ForecastResult.Builder r = ForecastResult.builder().timePeriod(interval(slice)).meanValue(mean.toPlainString());
            if (request.predictionIntervalLevel() != null) {
                r.predictionIntervalLowerBound(mean.multiply(new BigDecimal("0.9")).toPlainString())
                        .predictionIntervalUpperBound(mean.multiply(new BigDecimal("1.1")).toPlainString());
            }
            results.add(r.build());
            total = total.add(mean);
        }
        return GetCostForecastResponse.builder().total(money(total)).forecastResultsByTime(results).build();
    }

    private static void checkGroup(GroupDefinition g) {
        if (g.type() == GroupDefinitionType.DIMENSION) {
            if (!Set.of("SERVICE", "LINKED_ACCOUNT").contains(g.key())) {
                throw new UnsupportedOperationException("the sandbox groups by SERVICE or LINKED_ACCOUNT, not " + g.key());
            }
        } else if (g.type() != GroupDefinitionType.TAG) {
            throw new UnsupportedOperationException("the sandbox groups by DIMENSION or TAG, not " + g.typeAsString());
        }
        if (g.key() == null || g.key().isEmpty()) {
            throw validation("GroupBy needs a Key");
        }
    }

    private static String key(Cost c, GroupDefinition g) {
        if (g.type() == GroupDefinitionType.TAG) {
            return g.key() + "$" + c.tags().getOrDefault(g.key(), "");
        }
        return g.key().equals("SERVICE") ? c.service() : c.account();
    }

    private static LocalDate[] period(DateInterval interval) {
        if (interval == null || interval.start() == null || interval.end() == null) {
            throw validation("TimePeriod with Start and End is required");
        }
        LocalDate start = date(interval.start());
        LocalDate end = date(interval.end());
        if (!start.isBefore(end)) {
            throw validation("Start date (and hour) should be before end date (and hour)");
        }
        return new LocalDate[] {start, end};
    }

    private static LocalDate date(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // falls through to the service's error
        }
        throw validation("Invalid date format: " + text + ", expected yyyy-MM-dd");
    }

    private static Granularity granularity(Granularity g) {
        if (g != Granularity.MONTHLY && g != Granularity.DAILY) {
            throw validation("Granularity must be MONTHLY or DAILY here, not " + g);
        }
        return g;
    }

    /** Calendar months (or days) clipped to [start, end). */
    private static List<LocalDate[]> slices(LocalDate start, LocalDate end, Granularity granularity) {
        List<LocalDate[]> slices = new ArrayList<>();
        for (LocalDate from = start; from.isBefore(end); ) {
            LocalDate next = granularity == Granularity.DAILY ? from.plusDays(1) : from.withDayOfMonth(1).plusMonths(1);
            LocalDate to = next.isAfter(end) ? end : next;
            slices.add(new LocalDate[] {from, to});
            from = to;
        }
        return slices;
    }

    private static DateInterval interval(LocalDate[] slice) {
        return DateInterval.builder().start(slice[0].toString()).end(slice[1].toString()).build();
    }

    private static MetricValue money(BigDecimal amount) {
        return MetricValue.builder().amount(amount.toPlainString()).unit("USD").build();
    }

    private static CostExplorerException validation(String message) {
        return error(CostExplorerException.builder(), "ValidationException", 400, message);
    }
}

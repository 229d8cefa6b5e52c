package dev.shepherd.budget;

import dev.shepherd.core.Platform;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DataUnavailableException;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.Metric;
import software.amazon.awssdk.services.costexplorer.model.MetricValue;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;

/**
 * Cost Explorer context for a budget alert: month-to-date spend by service, by a cost-allocation tag or by linked
 * account, the projected month, and the daily trend, in UnblendedCost.
 *
 * <p>Period rule: month to date is [first of the month, today), CE's data through yesterday (End is exclusive). On
 * day 1 that period is empty, which CE refuses (Start must be before End), so it is [today, tomorrow): today's
 * spend so far. The forecast covers [today, first of next month) and the projected month is the spend of completed
 * days (none on day 1) plus that forecast.
 *
 * <p>Each request costs $0.01 (each page one request), so answers are cached per (account, UTC day, query): a storm
 * of alerts on one day costs one request per query and page. {@code account} is the account the caller's
 * credentials see; it keys the cache and is not sent.
 */
public final class CostContext {
    private static final String METRIC = "UnblendedCost";
    /** The group label of costs without the tag. */
    public static final String UNTAGGED = "(untagged)";

    public record Line(String key, BigDecimal amount) {
    }

    /**
     * Spend over [from, to): the largest {@code top} positive lines, the other positive ones summed in {@code rest},
     * negative ones (credits, refunds) summed in {@code credits}, and the net {@code total}.
     */
    public record Spend(LocalDate from, LocalDate to, List<Line> top, BigDecimal rest, BigDecimal credits,
            BigDecimal total, String unit, boolean estimated) {
    }

    /** The projected month, or empty with the reason it is unknown (too little history for a forecast). */
    public record Forecast(Optional<BigDecimal> projected, BigDecimal completedDays, Optional<BigDecimal> remaining,
            String unit, Optional<String> unknownReason) {
    }

    public record Day(LocalDate date, BigDecimal amount, boolean estimated) {
    }

    private record Key(String account, LocalDate day, String query) {
    }

    private final Platform platform;
    private final int topN;
    private final Map<Key, Object> cache = new ConcurrentHashMap<>();

    public CostContext(Platform platform, int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be at least 1");
        }
        this.platform = platform;
        this.topN = topN;
    }

    public Spend byService(String account) {
        return grouped(account, GroupDefinitionType.DIMENSION, "SERVICE");
    }

    public Spend byLinkedAccount(String account) {
        return grouped(account, GroupDefinitionType.DIMENSION, "LINKED_ACCOUNT");
    }

    /** By a cost-allocation tag, e.g. {@code environment}; costs without it are {@link #UNTAGGED}. */
    public Spend byTag(String account, String tagKey) {
        return grouped(account, GroupDefinitionType.TAG, tagKey);
    }

    public Forecast forecast(String account) {
        return cached(account, "forecast", () -> {
            LocalDate today = today();
            Spend spent = byService(account);
            BigDecimal completed = today.getDayOfMonth() == 1 ? BigDecimal.ZERO : spent.total();
            GetCostForecastResponse response;
            try {
                response = ce().getCostForecast(r -> r.timePeriod(t -> t.start(today.toString())
                                .end(today.withDayOfMonth(1).plusMonths(1).toString()))
                        .granularity(Granularity.MONTHLY).metric(Metric.UNBLENDED_COST));
            } catch (DataUnavailableException e) {
                return new Forecast(Optional.empty(), completed, Optional.empty(), spent.unit(),
                        Optional.of("Cost Explorer has too little history to forecast this account"));
            }
            BigDecimal remaining = new BigDecimal(response.total().amount());
            return new Forecast(Optional.of(completed.add(remaining)), completed, Optional.of(remaining),
                    response.total().unit(), Optional.empty());
        });
    }

    /** Spend per day of the month-to-date period, oldest first. */
    public List<Day> daily(String account) {
        return cached(account, "daily", () -> {
            List<Day> days = new ArrayList<>();
            for (ResultByTime r : results(GetCostAndUsageRequest.builder().granularity(Granularity.DAILY))) {
                MetricValue total = r.total().get(METRIC);
                days.add(new Day(LocalDate.parse(r.timePeriod().start()),
                        total == null ? BigDecimal.ZERO : new BigDecimal(total.amount()), Boolean.TRUE.equals(r.estimated())));
            }
            return List.copyOf(days);
        });
    }

    private Spend grouped(String account, GroupDefinitionType type, String key) {
        return cached(account, type + ":" + key, () -> {
            GroupDefinition group = GroupDefinition.builder().type(type).key(key).build();
            Map<String, BigDecimal> sums = new java.util.LinkedHashMap<>();
            String unit = "USD";
            boolean estimated = false;
            for (ResultByTime r : results(GetCostAndUsageRequest.builder().granularity(Granularity.MONTHLY)
                    .groupBy(group))) {
                estimated |= Boolean.TRUE.equals(r.estimated());
                // Grouped answers leave Total empty: the groups are summed here.
                for (var g : r.groups()) {
                    MetricValue value = g.metrics().get(METRIC);
                    if (value != null) {
                        sums.merge(label(type, key, g.keys().getFirst()), new BigDecimal(value.amount()), BigDecimal::add);
                        unit = value.unit();
                    }
                }
            }
            return spend(sums, unit, estimated);
        });
    }

    private Spend spend(Map<String, BigDecimal> sums, String unit, boolean estimated) {
        List<Line> positive = sums.entrySet().stream().filter(e -> e.getValue().signum() > 0)
                .map(e -> new Line(e.getKey(), e.getValue()))
                .sorted(Comparator.comparing(Line::amount).reversed().thenComparing(Line::key)).toList();
        List<Line> top = positive.stream().limit(topN).toList();
        BigDecimal rest = positive.stream().skip(topN).map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal credits = sums.values().stream().filter(v -> v.signum() < 0).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal total = sums.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate[] period = monthToDate(today());
        return new Spend(period[0], period[1], top, rest, credits, total, unit, estimated);
    }

    private static String label(GroupDefinitionType type, String key, String groupKey) {
        if (type != GroupDefinitionType.TAG) {
            return groupKey;
        }
        String value = groupKey.startsWith(key + "$") ? groupKey.substring(key.length() + 1) : groupKey;
        return value.isEmpty() ? UNTAGGED : value;
    }

    /** Every page of a month-to-date query. */
    private List<ResultByTime> results(GetCostAndUsageRequest.Builder query) {
        LocalDate[] period = monthToDate(today());
        query.timePeriod(t -> t.start(period[0].toString()).end(period[1].toString())).metrics(METRIC);
        List<ResultByTime> all = new ArrayList<>();
        String token = null;
        do {
            GetCostAndUsageResponse page = ce().getCostAndUsage(query.nextPageToken(token).build());
            all.addAll(page.resultsByTime());
            token = page.nextPageToken();
        } while (token != null && !token.isEmpty());
        return all;
    }

    /** [first of month, today), or [today, tomorrow) on day 1 (see the class comment). */
    static LocalDate[] monthToDate(LocalDate today) {
        LocalDate first = today.withDayOfMonth(1);
        return today.equals(first) ? new LocalDate[] {today, today.plusDays(1)} : new LocalDate[] {first, today};
    }

    private LocalDate today() {
        return LocalDate.now(platform.clock().withZone(ZoneOffset.UTC));
    }

    private CostExplorerClient ce() {
        return platform.client(CostExplorerClient.class);
    }

    /** A failure is not cached, so the next alert asks again. Entries of earlier days are dropped. */
    @SuppressWarnings("unchecked")
    private <T> T cached(String account, String query, Supplier<T> compute) {
        LocalDate today = today();
        cache.keySet().removeIf(k -> !k.day().equals(today));
        Key key = new Key(account, today, query);
        Object hit = cache.get(key);
        if (hit != null) {
            return (T) hit;
        }
        T value = compute.get();
        cache.putIfAbsent(key, value);
        return value;
    }
}

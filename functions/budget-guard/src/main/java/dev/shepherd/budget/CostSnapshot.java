package dev.shepherd.budget;

import dev.shepherd.core.notify.Notice.Fact;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The Cost Explorer context of one alert, as notice facts: month-to-date spend by service and by the cost tag, the
 * projected month and the daily trend. Each part is fetched on its own: one that fails (throttled, denied) says so
 * in its fact and the others still show.
 */
record CostSnapshot(List<Fact> facts) {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

    static CostSnapshot none(String why) {
        return new CostSnapshot(List.of(new Fact("Cost Explorer", why)));
    }

    static CostSnapshot of(CostContext costs, String account, String costTag) {
        List<Fact> facts = new ArrayList<>();
        part(facts, "Top services", () -> spend(costs.byService(account)));
        part(facts, "By " + costTag, () -> spend(costs.byTag(account, costTag)));
        part(facts, "Month end", () -> forecast(costs.forecast(account)));
        part(facts, "Daily trend", () -> trend(costs.daily(account)));
        return new CostSnapshot(List.copyOf(facts));
    }

    private static void part(List<Fact> facts, String name, Supplier<String> value) {
        String text;
        try {
            text = value.get();
        } catch (AwsServiceException e) {
            text = "unavailable (" + (e.awsErrorDetails() == null ? e.getClass().getSimpleName()
                    : e.awsErrorDetails().errorCode()) + ")";
        } catch (SdkException e) {
            text = "unavailable (" + e.getClass().getSimpleName() + ")";
        }
        facts.add(new Fact(name, text));
    }

    private static String spend(CostContext.Spend s) {
        List<String> lines = new ArrayList<>();
        for (CostContext.Line line : s.top()) {
            lines.add(line.key() + ": " + money(line.amount(), s.unit()));
        }
        if (s.rest().signum() > 0) {
            lines.add("everything else: " + money(s.rest(), s.unit()));
        }
        if (s.credits().signum() < 0) {
            lines.add("credits and refunds: " + money(s.credits(), s.unit()));
        }
        lines.add("total " + money(s.total(), s.unit()) + " from " + DAY.format(s.from()) + " to "
                + DAY.format(s.to().minusDays(1)) + (s.estimated() ? " (estimated)" : ""));
        return String.join("\n", lines);
    }

    private static String forecast(CostContext.Forecast f) {
        if (f.projected().isEmpty()) {
            return "no forecast: " + f.unknownReason().orElse("Cost Explorer gave none");
        }
        return money(f.projected().get(), f.unit()) + " projected (" + money(f.completedDays(), f.unit())
                + " spent + " + money(f.remaining().orElse(BigDecimal.ZERO), f.unit()) + " forecast)";
    }

    private static String trend(List<CostContext.Day> days) {
        if (days.isEmpty()) {
            return "no daily data yet";
        }
        BigDecimal low = days.stream().map(CostContext.Day::amount).reduce(BigDecimal::min).orElseThrow();
        BigDecimal high = days.stream().map(CostContext.Day::amount).reduce(BigDecimal::max).orElseThrow();
        CostContext.Day last = days.getLast();
        return Sparkline.of(days.stream().map(CostContext.Day::amount).toList()) + "  " + DAY.format(days.getFirst().date())
                + " to " + DAY.format(last.date()) + ", " + BudgetNotices.usd(low) + " to " + BudgetNotices.usd(high)
                + " a day, latest " + BudgetNotices.usd(last.amount()) + (last.estimated() ? " (estimated)" : "");
    }

    /** Cost Explorer's unit is USD; anything else is shown as written rather than taken for a currency. */
    private static String money(BigDecimal amount, String unit) {
        return unit != null && unit.matches("[A-Z]{3}") ? BudgetNotices.show(new Money(amount, unit))
                : BudgetNotices.show(new Quantity(amount, unit == null ? "" : unit));
    }
}

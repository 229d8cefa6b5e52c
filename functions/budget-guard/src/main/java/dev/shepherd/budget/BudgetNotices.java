package dev.shepherd.budget;

import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notice.Fact;
import dev.shepherd.core.notify.Notice.Link;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The budget guard's notices: where the money goes, whether it gets worse, and what was done about it. Budget
 * notices are {@link Phase#INFO}: they go to the routes of their severity and never page anyone (a budget is for the
 * working day). Text from the message (budget names, subjects, an unknown message) goes in as plain text; each
 * channel escapes it for its own markup.
 */
final class BudgetNotices {
    static final String SOURCE = "budget-guard";
    static final String BUDGETS_CONSOLE = "https://console.aws.amazon.com/billing/home#/budgets";
    static final String COST_EXPLORER = "https://console.aws.amazon.com/cost-management/home#/cost-explorer";

    private final String environment;

    BudgetNotices(String environment) {
        this.environment = environment;
    }

    /** A budget alert with its context and the cost action's outcome (or why there was none). */
    Notice budget(BudgetAlert alert, String key, CostSnapshot context, ActionReport action, Instant now) {
        boolean actual = alert.alertType() == BudgetAlert.AlertType.ACTUAL;
        String figure = alert.amount().map(BudgetNotices::show).orElse("(amount not in the message)");
        String title = "Budget " + alert.budgetName() + ": " + (actual ? "actual " : "forecast ") + figure + " of "
                + show(alert.budgeted()) + alert.amountPercent().map(p -> " (" + percent(p) + ")").orElse("");
        String summary = (actual ? "Spend" : "Forecast spend") + " crossed the alert threshold of "
                + show(alert.threshold()) + alert.thresholdPercent().map(p -> " (" + percent(p) + " of the budget)")
                .orElse("") + " for " + periodText(alert.period()) + "."
                + (alert.notes().isEmpty() ? "" : "\nNote: " + String.join("; ", alert.notes()) + ".");
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Budget", alert.budgetName() + " (" + alert.budgetType() + ", "
                + alert.period().name().toLowerCase(Locale.ROOT) + ")"));
        facts.add(new Fact("Alert", alert.alertType() + " over " + show(alert.threshold())
                + alert.date().map(d -> " on " + d).orElse("")));
        alert.accountId().ifPresent(a -> facts.add(new Fact("Account", a)));
        if (!alert.isCost()) {
            facts.add(new Fact("Units", "a " + alert.budgetType() + " budget: its figures are not money and are not"
                    + " compared with Cost Explorer"));
        } else if (!alert.budgeted().unit().equals("USD")) {
            facts.add(new Fact("Currency", "the budget is kept in " + alert.budgeted().unit()
                    + "; Cost Explorer figures below are USD and are not compared with it"));
        }
        facts.addAll(context.facts());
        facts.add(new Fact("Cost action", String.join("\n", action.lines())));
        Severity severity = action.changed() || (actual && alert.amountPercent()
                .filter(p -> p.compareTo(BigDecimal.valueOf(100)) >= 0).isPresent()) ? Severity.HIGH : Severity.MEDIUM;
        return new Notice(SOURCE, environment, severity, Phase.INFO, title, summary, facts,
                List.of(new Link("Open AWS Budgets", BUDGETS_CONSOLE), new Link("Open Cost Explorer", COST_EXPLORER)),
                key, List.of(), now);
    }

    /** A cost anomaly, first seen or grown since its last notice. */
    Notice anomaly(AnomalyAlert alert, boolean grew, String key, Instant now) {
        AnomalyAlert.Impact impact = alert.impact();
        String what = alert.dimensionValue().or(alert::monitorName).orElse("a cost monitor");
        String title = "Cost anomaly" + (grew ? " grew" : "") + ": " + what + " +" + usd(impact.totalImpact())
                + impact.totalImpactPercentage().map(p -> " (" + percent(p) + ")").orElse("");
        StringBuilder summary = new StringBuilder("Spend above what Cost Anomaly Detection expected");
        impact.totalActualSpend().ifPresent(a -> summary.append(": ").append(usd(a)));
        impact.totalExpectedSpend().ifPresent(e -> summary.append(" against ").append(usd(e)).append(" expected"));
        summary.append(", since ").append(alert.start()).append(alert.end().map(e -> " until " + e).orElse(""))
                .append('.');
        if (impact.totalImpactPercentage().isEmpty()) {
            summary.append(" No percentage: the expected spend was nothing.");
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("Account", alert.accountId() + alert.accountName().map(n -> " (" + n + ")").orElse("")));
        facts.add(new Fact("Monitor", alert.monitorName().orElse(alert.monitorArn())));
        alert.score().ifPresent(s -> facts.add(new Fact("Score", s.current().toPlainString() + " (max "
                + s.max().toPlainString() + ")")));
        facts.add(new Fact("Root causes", alert.rootCauses().isEmpty() ? "none given"
                : alert.rootCauses().stream().map(BudgetNotices::rootCause).collect(Collectors.joining("\n"))));
        facts.add(new Fact("Cost action", "none: cost anomalies are notified only"));
        List<Link> links = alert.detailsLink().filter(BudgetNotices::consoleLink)
                .map(l -> List.of(new Link("Open the anomaly", l))).orElse(List.of());
        return new Notice(SOURCE, environment, Severity.MEDIUM, Phase.INFO, title, summary.toString(), facts, links,
                key, List.of(alert.monitorArn()), now);
    }

    /** A message on the budget topic that is neither: forwarded raw, never acted on. */
    Notice unrecognized(Envelope.SnsNotification n, String reason, String key, Instant now) {
        List<Fact> facts = new ArrayList<>();
        if (n.subject() != null) {
            facts.add(new Fact("Subject", n.subject()));
        }
        facts.add(new Fact("Why", "not read as a budget or cost anomaly alert: " + reason));
        facts.add(new Fact("Topic", n.topicArn()));
        facts.add(new Fact("Cost action", "none: an unread message never triggers one"));
        return new Notice(SOURCE, environment, Severity.MEDIUM, Phase.INFO, "Unrecognised message on the budget topic",
                n.message(), facts, List.of(), key, List.of(n.topicArn()), now);
    }

    /** What a restore did (or would do, in a dry run). */
    Notice restore(ScaleToZero.Result result, String key, Instant now) {
        boolean trouble = !result.of(ScaleToZero.Kind.FAILED).isEmpty() || !result.of(ScaleToZero.Kind.SKIPPED).isEmpty();
        int restored = result.of(ScaleToZero.Kind.RESTORED).size();
        String title = result.dryRun() ? "Cost restore plan: " + result.of(ScaleToZero.Kind.PLANNED).size()
                + " service(s) would be brought back" : "Cost restore: " + restored + " service(s) brought back";
        List<String> lines = result.outcomes().stream().map(ScaleToZero.Outcome::line).toList();
        return new Notice(SOURCE, environment, trouble ? Severity.MEDIUM : Severity.LOW, Phase.INFO, title,
                trouble ? "Some services were not restored: see each line." : "",
                List.of(new Fact("Services", lines.isEmpty() ? "none held a restore record" : String.join("\n", lines))),
                List.of(), key, List.of(), now);
    }

    private static String rootCause(AnomalyAlert.RootCause c) {
        List<String> parts = new ArrayList<>();
        c.service().ifPresent(parts::add);
        c.usageType().ifPresent(parts::add);
        c.region().ifPresent(parts::add);
        c.linkedAccount().ifPresent(a -> parts.add("account " + a + c.linkedAccountName().map(n -> " (" + n + ")")
                .orElse("")));
        return (parts.isEmpty() ? "(unnamed)" : String.join(", ", parts))
                + c.contribution().map(v -> ": " + usd(v)).orElse("");
    }

    /**
     * Only links into the AWS console are kept: anyone who may publish to the topic writes the message, and a notice
     * must not carry their link to a reader who trusts Shepherd's notices.
     */
    static boolean consoleLink(String url) {
        try {
            URI uri = URI.create(url);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return "https".equals(uri.getScheme()) && uri.getUserInfo() == null && uri.getPort() == -1
                    && (host.equals("console.aws.amazon.com") || host.endsWith(".console.aws.amazon.com"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String periodText(BudgetAlert.Period period) {
        return switch (period) {
            case DAILY -> "the day";
            case MONTHLY -> "the current month";
            case QUARTERLY -> "the current quarter";
            case ANNUALLY -> "the current year";
            case UNKNOWN -> "the budget period";
        };
    }

    /** {@code $4,182.37} for USD, {@code 1,234.56 EUR} for other currencies, {@code 120.5 Hrs} for quantities. */
    static String show(Measure m) {
        String number = grouped(m.amount());
        if (m instanceof Money money) {
            return money.currency().equals("USD") ? (m.amount().signum() < 0 ? "-$" + number.substring(1) : "$" + number)
                    : number + " " + money.currency();
        }
        return m.unit().isEmpty() ? number : number + " " + m.unit();
    }

    static String usd(BigDecimal amount) {
        return show(new Money(amount, "USD"));
    }

    static String percent(BigDecimal p) {
        return p.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() + " %";
    }

    private static String grouped(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }
}

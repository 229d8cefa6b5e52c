package dev.shepherd.budget;

import dev.shepherd.budget.BudgetAlert.AlertType;
import dev.shepherd.budget.BudgetAlert.Period;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AWS Budgets SNS text (reference 2.1). Anyone able to publish to the topic writes this text, so it is
 * recognised only by positive anchors and read by its labels, each at the start of its own line: a budget name
 * containing {@code Budget Name:} or colons stays on its labelled line and the value is everything after the
 * first {@code ": "}. The prose sentence changes wording between channels and years, so it only supplies the
 * period and a cross-check. Reasons and notes name what failed, never a value other than the budget name.
 */
final class BudgetAlertParser {
    static final String NAME = "Budget Name";
    static final String TYPE = "Budget Type";
    static final String BUDGETED = "Budgeted Amount";
    static final String ALERT_TYPE = "Alert Type";
    static final String THRESHOLD = "Alert Threshold";
    private static final List<String> LABELS =
            List.of(NAME, TYPE, BUDGETED, ALERT_TYPE, THRESHOLD, "ACTUAL Amount", "FORECASTED Amount");

    private static final String HEADER = "AWS Budget Notification";
    private static final Pattern ACCOUNT = Pattern.compile("AWS Account (\\d{12})");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final String SENTENCE_THRESHOLD = "is greater than ";
    private static final String SENTENCE_AMOUNT = "associated with this budget is ";
    private static final Pattern SENTENCE_END = Pattern.compile("(.+?)\\.(?:\\s|$)");

    private BudgetAlertParser() {
    }

    static BudgetMessages.Result parse(String subject, String message) {
        List<String> lines = (message == null ? "" : message).lines().map(String::strip).toList();
        String first = lines.stream().filter(l -> !l.isEmpty()).findFirst().orElse("");
        boolean anchored = (subject != null && subject.startsWith("AWS Budgets:")) || first.startsWith(HEADER);
        if (!anchored) {
            return new BudgetMessages.Unrecognized(
                    "neither the subject starts with 'AWS Budgets:' nor the body with '" + HEADER + "'");
        }
        Map<String, String> labelled = new LinkedHashMap<>();
        List<String> prose = new ArrayList<>();
        for (String line : lines) {
            String label = LABELS.stream().filter(l -> line.startsWith(l + ":")).findFirst().orElse(null);
            if (label == null) {
                prose.add(line);
            } else if (labelled.putIfAbsent(label, line.substring(label.length() + 1).strip()) != null) {
                return new BudgetMessages.Unrecognized("the " + label + " line appears more than once");
            }
        }
        String name = labelled.get(NAME);
        if (name == null || name.isEmpty()) {
            return new BudgetMessages.Unrecognized("no " + NAME + " line");
        }
        String about = "budget '" + name + "': ";
        List<String> missing = LABELS.subList(1, 5).stream().filter(l -> !labelled.containsKey(l)).toList();
        if (!missing.isEmpty()) {
            return new BudgetMessages.Unrecognized(about + "no " + String.join(", ", missing) + " line");
        }
        AlertType alertType;
        try {
            alertType = AlertType.valueOf(labelled.get(ALERT_TYPE));
        } catch (IllegalArgumentException e) {
            return new BudgetMessages.Unrecognized(about + ALERT_TYPE + " is neither ACTUAL nor FORECASTED");
        }
        String type = labelled.get(TYPE);
        Function<String, Measure> read = "Cost".equals(type) ? Money::parse : Quantity::parse;
        Measure budgeted;
        Measure threshold;
        Optional<Measure> amount;
        String amountLabel = alertType + " Amount";
        String reading = BUDGETED;
        try {
            budgeted = read.apply(labelled.get(BUDGETED));
            reading = THRESHOLD;
            String t = labelled.get(THRESHOLD);
            threshold = read.apply(t.startsWith(">") ? t.substring(1) : t);
            reading = amountLabel;
            amount = Optional.ofNullable(labelled.get(amountLabel)).map(read);
        } catch (IllegalArgumentException e) {
            return new BudgetMessages.Unrecognized(about + reading + " is unreadable: " + e.getMessage());
        }

        List<String> notes = new ArrayList<>();
        if (amount.isEmpty()) {
            notes.add("no " + amountLabel + " line");
        }
        if (!budgeted.unit().equals(threshold.unit())) {
            notes.add(BUDGETED + " and " + THRESHOLD + " are in different units");
        } else if (budgeted.amount().signum() == 0) {
            notes.add(BUDGETED + " is 0: no percentage");
        }
        String sentence = String.join(" ", prose);
        Period period = period(sentence);
        if (period == Period.UNKNOWN) {
            notes.add("the sentence does not state the period");
        }
        Optional<Measure> stated = sentenceAmount(sentence, read);
        if (stated.isPresent() && amount.isPresent() && !same(stated.get(), amount.get())) {
            notes.add("the sentence amount differs from the " + amountLabel + " line; the labelled value is used");
        }
        return new BudgetMessages.Budget(new BudgetAlert(name, type, alertType, period, budgeted, threshold, amount,
                stated, date(first, notes), account(lines), notes));
    }

    private static boolean same(Measure a, Measure b) {
        return a.unit().equals(b.unit()) && a.amount().compareTo(b.amount()) == 0;
    }

    /** Read after the last "is greater than", so a budget name in the sentence cannot supply the period. */
    private static Period period(String sentence) {
        int at = sentence.lastIndexOf(SENTENCE_THRESHOLD);
        if (at < 0) {
            return Period.UNKNOWN;
        }
        String rest = sentence.substring(at);
        int end = rest.indexOf(". ");
        rest = end < 0 ? rest : rest.substring(0, end + 1);
        if (rest.contains(" per day.")) {
            return Period.DAILY;
        } else if (rest.contains(" for the current month.")) {
            return Period.MONTHLY;
        } else if (rest.contains(" for the current quarter.")) {
            return Period.QUARTERLY;
        } else if (rest.contains(" for the current year.")) {
            return Period.ANNUALLY;
        }
        return Period.UNKNOWN;
    }

    private static Optional<Measure> sentenceAmount(String sentence, Function<String, Measure> read) {
        int at = sentence.lastIndexOf(SENTENCE_AMOUNT);
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = SENTENCE_END.matcher(sentence.substring(at + SENTENCE_AMOUNT.length()));
        if (!m.lookingAt()) {
            return Optional.empty();
        }
        try {
            return Optional.of(read.apply(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> date(String first, List<String> notes) {
        if (!first.startsWith(HEADER + " ")) {
            notes.add("no " + HEADER + " header");
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(first.substring(HEADER.length() + 1).strip(), DATE));
        } catch (DateTimeParseException e) {
            notes.add("the header date is not of the form June 18, 2025");
            return Optional.empty();
        }
    }

    private static Optional<String> account(List<String> lines) {
        return lines.stream().map(ACCOUNT::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst();
    }
}

package dev.shepherd.budget;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of money with its ISO currency code. {@link #parse} reads the forms AWS Budgets text uses: a sign
 * before the number ({@code $4,182.37}, {@code $0.5}, {@code €1.234,56}) or a three-letter code before or after it,
 * separated by a space ({@code EUR 12.00}, {@code 12.00 USD}). {@code $} is read as USD, the only dollar AWS
 * Budgets renders with that sign. Separator rules are in {@link Decimals}: {@code $} and {@code £} amounts are
 * en-US ({@code ,} groups, {@code .} decimal); other signs and codes infer the separators and refuse ambiguity.
 */
public record Money(BigDecimal amount, String currency) implements Measure {
    private static final Map<Character, String> SIGNS = Map.of('$', "USD", '€', "EUR", '£', "GBP");
    private static final Pattern CODE_FIRST = Pattern.compile("([A-Z]{3}) +(\\S+)");
    private static final Pattern CODE_LAST = Pattern.compile("(\\S+) +([A-Z]{3})");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        if (currency == null || !CODE.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be a three-letter ISO code");
        }
    }

    @Override
    public String unit() {
        return currency;
    }

    /** @throws IllegalArgumentException when the text is not one of the forms above; the message never quotes it */
    public static Money parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no amount");
        }
        String currency = SIGNS.get(t.charAt(0));
        if (currency != null) {
            Decimals.Style style = t.charAt(0) == '€' ? Decimals.Style.INFERRED : Decimals.Style.EN_US;
            return new Money(Decimals.parse(t.substring(1), style), currency);
        }
        Matcher m = CODE_FIRST.matcher(t);
        if (m.matches()) {
            return new Money(Decimals.parse(m.group(2), Decimals.Style.INFERRED), m.group(1));
        }
        m = CODE_LAST.matcher(t);
        if (m.matches()) {
            return new Money(Decimals.parse(m.group(1), Decimals.Style.INFERRED), m.group(2));
        }
        throw new IllegalArgumentException("no currency sign ($, €, £) or three-letter currency code");
    }
}

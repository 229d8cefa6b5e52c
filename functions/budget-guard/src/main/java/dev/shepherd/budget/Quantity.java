package dev.shepherd.budget;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure of a usage, RI or Savings Plans budget: a number and the unit text after it ({@code 120.5 Hrs},
 * {@code 80%}); the unit may be empty. Never money, so never compared with Cost Explorer amounts. Numbers follow
 * {@link Decimals.Style#EN_US}, as AWS renders them.
 */
public record Quantity(BigDecimal amount, String unit) implements Measure {
    private static final Pattern FORM = Pattern.compile("([0-9.,]+) *(.*)");

    public Quantity {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unit, "unit");
    }

    /** @throws IllegalArgumentException when no number leads the text; the message never quotes it */
    public static Quantity parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a quantity: a number followed by an optional unit");
        }
        return new Quantity(Decimals.parse(m.group(1), Decimals.Style.EN_US), m.group(2).strip());
    }
}

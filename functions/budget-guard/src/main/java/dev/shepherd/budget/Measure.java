package dev.shepherd.budget;

import java.math.BigDecimal;

/** A figure from a budget alert: money for cost budgets, a quantity with its unit for every other budget type. */
public sealed interface Measure permits Money, Quantity {
    BigDecimal amount();

    /** The currency code for money, the unit text for a quantity; two measures compare only when these are equal. */
    String unit();
}

package dev.shepherd.budget;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * The number rules behind {@link Money} and {@link Quantity}. Only digits with {@code ,} or {@code .} separators;
 * no sign, no exponent, no spaces. A group separator must split the integer part into groups of exactly three
 * (first group one to three digits); a decimal separator occurs once and has at least one digit on each side.
 * <ul>
 *   <li>{@link Style#EN_US}: {@code ,} groups and {@code .} is decimal, always. This is how AWS renders {@code $}
 *       amounts and usage figures, so {@code $1,234} is 1234 and {@code $1.234} is 1.234.</li>
 *   <li>{@link Style#INFERRED} (other currency signs and codes): with both separators the rightmost one is decimal;
 *       one separator occurring several times groups; one occurring once is decimal unless exactly three digits
 *       follow it, which could be either ({@code 1.234}) and is refused rather than guessed.</li>
 * </ul>
 */
final class Decimals {
    enum Style { EN_US, INFERRED }

    private static final Pattern CHARS = Pattern.compile("[0-9.,]+");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private Decimals() {
    }

    /** @throws IllegalArgumentException saying which rule the number breaks, never quoting it */
    static BigDecimal parse(String text, Style style) {
        if (!CHARS.matcher(text).matches()) {
            throw new IllegalArgumentException("not a number: only digits with ',' or '.' separators are read");
        }
        char decimal;
        char group;
        if (style == Style.EN_US) {
            decimal = '.';
            group = ',';
        } else {
            int dot = text.lastIndexOf('.');
            int comma = text.lastIndexOf(',');
            if (dot >= 0 && comma >= 0) {
                decimal = dot > comma ? '.' : ',';
            } else if (dot < 0 && comma < 0) {
                decimal = 0;
            } else {
                // exactly one kind of separator
                char only = dot >= 0 ? '.' : ',';
                int at = Math.max(dot, comma);
                if (text.indexOf(only) != at) {
                    decimal = 0;
                } else if (text.length() - at - 1 == 3) {
                    throw new IllegalArgumentException(
                            "ambiguous number: one separator followed by three digits may group or be decimal");
                } else {
                    decimal = only;
                }
            }
            group = decimal == '.' ? ',' : decimal == ',' ? '.' : (dot >= 0 ? '.' : ',');
        }
        String integer = text;
        String fraction = null;
        int at = decimal == 0 ? -1 : text.indexOf(decimal);
        if (at >= 0) {
            if (text.indexOf(decimal, at + 1) >= 0) {
                throw new IllegalArgumentException("not a number: more than one decimal separator");
            }
            integer = text.substring(0, at);
            fraction = text.substring(at + 1);
            if (!DIGITS.matcher(fraction).matches()) {
                throw new IllegalArgumentException("not a number: the decimal part must be digits only");
            }
        }
        if (integer.indexOf(group) >= 0) {
            String g = Pattern.quote(String.valueOf(group));
            if (!integer.matches("[0-9]{1,3}(" + g + "[0-9]{3})+")) {
                throw new IllegalArgumentException("not a number: digit groups must be of three");
            }
            integer = integer.replace(String.valueOf(group), "");
        } else if (!DIGITS.matcher(integer).matches()) {
            throw new IllegalArgumentException("not a number: digits are needed before the decimal separator");
        }
        return new BigDecimal(fraction == null ? integer : integer + "." + fraction);
    }
}

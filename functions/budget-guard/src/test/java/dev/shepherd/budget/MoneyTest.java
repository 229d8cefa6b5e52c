package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reference section 7, budget guard case 2 (amount formats), and the separator rules in {@link Decimals}. */
class MoneyTest {
    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "$4,182.37    | 4182.37   | USD",
            "$0.5         | 0.5       | USD",
            "$100         | 100       | USD",
            "$1,000       | 1000      | USD",
            "$1.234       | 1.234     | USD",
            "$1,234,567.8 | 1234567.8 | USD",
            "€1.234,56    | 1234.56   | EUR",
            "€1,234.56    | 1234.56   | EUR",
            "€12,5        | 12.5      | EUR",
            "€1.234.567   | 1234567   | EUR",
            "EUR 12.00    | 12.00     | EUR",
            "12.00 USD    | 12.00     | USD",
            "£0.16        | 0.16      | GBP",
            "  $7.10      | 7.10      | USD"})
    void readsAwsAmountForms(String text, String amount, String currency) {
        Money m = Money.parse(text);
        assertThat(m.currency()).isEqualTo(currency);
        assertThat(m.amount()).isEqualTo(new BigDecimal(amount));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"4182.37", "", "$", "$ ", "$-5", "$1e3", "$1,23", "$1,2345.00", "$1.2.3", "$.5", "$5.",
            "$1,000,00", "€1.234", "EUR 1,000", "usd 12", "12 US", "$1 000", "€1.234.56", "USD12"})
    void refusesWhatItCannotReadWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> Money.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain(text.strip().length() > 1 ? text.strip().substring(1) : "\u0000"));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"€1.234", "EUR 1,000", "1.500 EUR"})
    void oneSeparatorBeforeThreeDigitsIsAmbiguousOutsideDollars(String text) {
        assertThatThrownBy(() -> Money.parse(text)).hasMessageStartingWith("ambiguous number");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"usd", "US", "", "USDX"})
    void currencyMustBeAnIsoCode(String code) {
        assertThatThrownBy(() -> new Money(BigDecimal.ONE, code)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} -> {1} [{2}]")
    @CsvSource(delimiter = '|', value = {"120.5 Hrs | 120.5 | Hrs", "80% | 80 | %", "1,000 GB-Mo | 1000 | GB-Mo", "7 | 7 |''"})
    void quantitiesKeepTheirUnit(String text, String amount, String unit) {
        Quantity q = Quantity.parse(text);
        assertThat(q.amount()).isEqualTo(new BigDecimal(amount));
        assertThat(q.unit()).isEqualTo(unit);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"$5", "Hrs 5", "", "-3 Hrs"})
    void aQuantityStartsWithANumber(String text) {
        assertThatThrownBy(() -> Quantity.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

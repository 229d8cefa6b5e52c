package dev.shepherd.budget;

import static dev.shepherd.budget.BudgetEvents.budget;
import static dev.shepherd.budget.BudgetEvents.sns;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.budget.BudgetAlert.AlertType;
import dev.shepherd.budget.BudgetAlert.Period;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reference section 7, budget guard cases 1-6 and 11, from the files in events/budgets. */
class BudgetAlertTest {
    private static Money usd(String amount) {
        return new Money(new BigDecimal(amount), "USD");
    }

    private static void sameValue(Object actual, Measure expected) {
        assertThat(actual).isInstanceOf(expected.getClass());
        Measure m = (Measure) actual;
        assertThat(m.unit()).isEqualTo(expected.unit());
        assertThat(m.amount()).isEqualByComparingTo(expected.amount());
    }

    @Nested
    class Case1ActualForecastedDaily {
        @Test
        void actualMonthlyReadsEveryLabelHeaderDateAndAccount() {
            BudgetAlert a = budget("actual-monthly.json");
            assertThat(a.budgetName()).isEqualTo("platform-monthly");
            assertThat(a.budgetType()).isEqualTo("Cost");
            assertThat(a.isCost()).isTrue();
            assertThat(a.alertType()).isEqualTo(AlertType.ACTUAL);
            assertThat(a.period()).isEqualTo(Period.MONTHLY);
            sameValue(a.budgeted(), usd("5000.00"));
            sameValue(a.threshold(), usd("4000.00"));
            sameValue(a.amount().orElseThrow(), usd("4182.37"));
            assertThat(a.date()).contains(LocalDate.of(2025, 6, 18));
            assertThat(a.accountId()).contains("111122223333");
            assertThat(a.thresholdPercent()).contains(new BigDecimal("80.00"));
            assertThat(a.notes()).isEmpty();
        }

        @Test
        void forecastedMonthlyReadsTheForecastedAmountLine() {
            BudgetAlert a = budget("forecasted-monthly.json");
            assertThat(a.alertType()).isEqualTo(AlertType.FORECASTED);
            assertThat(a.period()).isEqualTo(Period.MONTHLY);
            sameValue(a.amount().orElseThrow(), usd("356.9"));
            assertThat(a.accountId()).contains("444455556666");
            assertThat(a.date()).contains(LocalDate.of(2025, 6, 9));
            assertThat(a.notes()).isEmpty();
        }

        @Test
        void dailyWordingGivesTheDailyPeriod() {
            BudgetAlert a = budget("actual-daily.json");
            assertThat(a.period()).isEqualTo(Period.DAILY);
            sameValue(a.amount().orElseThrow(), usd("2.15"));
            sameValue(a.sentenceAmount().orElseThrow(), usd("2.15"));
        }
    }

    @Nested
    class Case2AmountFormats {
        @Test
        void euroBudgetStaysEuro() {
            BudgetAlert a = budget("eur-budget.json");
            assertThat(a.isCost()).isTrue();
            sameValue(a.budgeted(), new Money(new BigDecimal("1500.00"), "EUR"));
            sameValue(a.amount().orElseThrow(), new Money(new BigDecimal("1234.56"), "EUR"));
            assertThat(a.thresholdPercent()).contains(new BigDecimal("66.67"));
        }

        @Test
        void usageBudgetIsAQuantityNeverMoney() {
            BudgetAlert a = budget("usage-budget.json");
            assertThat(a.budgetType()).isEqualTo("Usage");
            assertThat(a.isCost()).isFalse();
            sameValue(a.budgeted(), new Quantity(new BigDecimal("100"), "Hrs"));
            sameValue(a.amount().orElseThrow(), new Quantity(new BigDecimal("120.5"), "Hrs"));
            assertThat(a.amountPercent()).contains(new BigDecimal("120.50"));
        }

        @Test
        void missingAmountLineIsKeptAsMissingAndNoted() {
            BudgetAlert a = budget("missing-amount-line.json");
            assertThat(a.amount()).isEmpty();
            assertThat(a.amountPercent()).isEmpty();
            sameValue(a.sentenceAmount().orElseThrow(), usd("4182.37"));
            assertThat(a.notes()).containsExactly("no ACTUAL Amount line");
        }

        @Test
        void costBudgetWithAnAmountWithoutCurrencyIsUnrecognized() {
            BudgetMessages.Result r = BudgetMessages.classify("AWS Budgets: x has exceeded your alert threshold",
                    "AWS Budget Notification June 18, 2025\nBudget Name: x\nBudget Type: Cost\nBudgeted Amount: 5000\n"
                            + "Alert Type: ACTUAL\nAlert Threshold: > $4,000.00\nACTUAL Amount: $4,182.37\n");
            assertThat(r).isEqualTo(new BudgetMessages.Unrecognized("budget 'x': Budgeted Amount is unreadable:"
                    + " no currency sign ($, €, £) or three-letter currency code"));
        }
    }

    @Nested
    class Case3PercentageThresholdAndZeroBudget {
        @Test
        void percentageThresholdShownAsDollarsIsEightyPercent() {
            BudgetAlert a = budget("percentage-threshold.json");
            sameValue(a.threshold(), usd("0.16"));
            assertThat(a.thresholdPercent()).contains(new BigDecimal("80.00"));
            assertThat(a.amountPercent()).contains(new BigDecimal("85.00"));
        }

        @Test
        void zeroBudgetHasNoPercentAndNoDivisionError() {
            BudgetAlert a = budget("zero-budget.json");
            sameValue(a.budgeted(), usd("0"));
            sameValue(a.amount().orElseThrow(), usd("0.5"));
            assertThat(a.thresholdPercent()).isEmpty();
            assertThat(a.amountPercent()).isEmpty();
            assertThat(a.notes()).containsExactly("Budgeted Amount is 0: no percentage");
        }
    }

    @Nested
    class Case4NamesAndLineEndings {
        @Test
        void nameWithColonsAndBudgetNameInsideIsReadFromItsLine() {
            BudgetAlert a = budget("name-with-colons.json");
            assertThat(a.budgetName()).isEqualTo("team: data Budget Name: spend");
            assertThat(a.period()).isEqualTo(Period.MONTHLY);
            sameValue(a.amount().orElseThrow(), usd("4182.37"));
        }

        @Test
        void crlfReadsTheSameAsLf() {
            assertThat(BudgetEvents.read("budgets/crlf.json")).contains("\\r\\n");
            assertThat(budget("crlf.json")).isEqualTo(budget("actual-monthly.json"));
        }

        @Test
        void aRepeatedLabelIsUnrecognizedNotShadowed() {
            BudgetMessages.Result r = BudgetMessages.classify("AWS Budgets: x",
                    "Budget Name: x\nBudget Type: Cost\nBudgeted Amount: $1\nAlert Type: ACTUAL\n"
                            + "Alert Threshold: > $1\nAlert Threshold: > $0.01\n");
            assertThat(r).isEqualTo(new BudgetMessages.Unrecognized("the Alert Threshold line appears more than once"));
        }
    }

    @Nested
    class Case5EmailWordingAndUnknownText {
        @Test
        void emailWordingStillParsesByLabelsWithUnknownPeriod() {
            BudgetAlert a = budget("email-wording.json");
            assertThat(a.budgetName()).isEqualTo("web-prod");
            sameValue(a.amount().orElseThrow(), usd("0.04"));
            assertThat(a.period()).isEqualTo(Period.UNKNOWN);
            assertThat(a.sentenceAmount()).isEmpty();
            assertThat(a.notes()).containsExactly("the sentence does not state the period");
        }

        @Test
        void unknownTextIsUnrecognizedAndQuotesNothing() {
            BudgetMessages.Result r = sns("unknown-text.json");
            assertThat(r).isInstanceOf(BudgetMessages.Unrecognized.class);
            assertThat(((BudgetMessages.Unrecognized) r).reason()).doesNotContain("4,182").doesNotContain("invoice");
        }

        @Test
        void anchorWithoutBudgetNameLineIsUnrecognized() {
            assertThat(BudgetMessages.classify("AWS Budgets: x has exceeded", "Budgeted Amount: $1\n"))
                    .isEqualTo(new BudgetMessages.Unrecognized("no Budget Name line"));
        }

        @Test
        void missingRequiredLabelsAreNamedButNotTheirValues() {
            assertThat(BudgetMessages.classify(null, "AWS Budget Notification June 18, 2025\nBudget Name: x\n"
                    + "Budgeted Amount: $1,000.00\n"))
                    .isEqualTo(new BudgetMessages.Unrecognized(
                            "budget 'x': no Budget Type, Alert Type, Alert Threshold line"));
        }

        @Test
        void unknownAlertTypeIsUnrecognized() {
            assertThat(BudgetMessages.classify("AWS Budgets: x", "Budget Name: x\nBudget Type: Cost\n"
                    + "Budgeted Amount: $1\nAlert Type: PREDICTED\nAlert Threshold: > $1\n"))
                    .isEqualTo(new BudgetMessages.Unrecognized("budget 'x': Alert Type is neither ACTUAL nor FORECASTED"));
        }

        @Test
        void emptyMessageIsUnrecognized() {
            assertThat(BudgetMessages.classify("AWS Budgets: x", "  ")).isInstanceOf(BudgetMessages.Unrecognized.class);
            assertThat(BudgetMessages.classify(null, null)).isInstanceOf(BudgetMessages.Unrecognized.class);
        }
    }

    @Nested
    class Case6SentenceDisagreesWithLabel {
        @Test
        void labelledValueWinsBothKeptDisagreementNoted() {
            BudgetAlert a = budget("sentence-disagrees.json");
            sameValue(a.amount().orElseThrow(), usd("0.5"));
            sameValue(a.sentenceAmount().orElseThrow(), usd("1.03"));
            assertThat(a.amountPercent()).contains(new BigDecimal("100.00"));
            assertThat(a.notes()).containsExactly(
                    "the sentence amount differs from the FORECASTED Amount line; the labelled value is used");
        }
    }

    @Nested
    class Case11ForecastedAboveHundredPercent {
        @Test
        void forecastAboveBudgetIsReadAsForecastedWithItsPercent() {
            BudgetAlert a = budget("forecasted-monthly.json");
            assertThat(a.alertType()).isEqualTo(AlertType.FORECASTED);
            assertThat(a.amountPercent()).contains(new BigDecimal("118.97"));
        }
    }
}

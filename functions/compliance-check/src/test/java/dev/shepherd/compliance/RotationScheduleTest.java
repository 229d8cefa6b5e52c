package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;

/** The schedule forms of the Secrets Manager user guide ("Rotation schedules"), in UTC (edge cases 15, 27). */
class RotationScheduleTest {
    static RotationSchedule schedule(String expression) {
        return RotationSchedule.of(RotationRulesType.builder().scheduleExpression(expression).build());
    }

    @ParameterizedTest(name = "{0} after {1} opens at {2}")
    @CsvSource(delimiter = '|', value = {
            "cron(0 16 L * ? *)        | 2026-02-10T00:00:00Z | 2026-02-28T16:00:00Z",
            "cron(0 0 ? * SUN#1 *)     | 2026-06-15T12:00:00Z | 2026-07-05T00:00:00Z",
            "cron(0 0 ? * 2#5 *)       | 2026-06-15T12:00:00Z | 2026-06-29T00:00:00Z",
            "cron(0 8 ? * 6L *)        | 2026-06-15T12:00:00Z | 2026-06-26T08:00:00Z",
            "cron(0 9 ? JAN-MAR MON-FRI *) | 2026-06-15T12:00:00Z | 2027-01-01T09:00:00Z",
            "cron(0 4/12 * * ? *)      | 2026-06-15T04:00:00Z | 2026-06-15T16:00:00Z",
            "cron(0 8 1/7 * ? *)       | 2026-06-22T08:00:00Z | 2026-06-29T08:00:00Z",
            "cron(0 23 ? * L *)        | 2026-06-15T12:00:00Z | 2026-06-20T23:00:00Z",
    })
    void cronOpensItsNextWindow(String expression, String after, String opens) {
        RotationSchedule.Cron cron = (RotationSchedule.Cron) schedule(expression);

        assertThat(cron.cron().firstAfter(Instant.parse(after), RotationSchedule.CRON_HORIZON_DAYS))
                .contains(Instant.parse(opens));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cron(30 4 * * ? *)", "cron(0 4 * * ? 2026)", "cron(0 0 1 * MON *)", "cron(0 0 ? * ? *)",
            "cron(0 0 * * ?)", "cron(0 24 * * ? *)", "cron(0 0 15W * ? *)", "cron(0 10-5 * * ? *)", "rate(5 minutes)",
            "rate(0 days)", "at(2026-06-01T00:00:00)"})
    void anExpressionOutsideTheGuidesGrammarIsRefusedNotGuessed(String expression) {
        assertThatThrownBy(() -> schedule(expression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ScheduleExpression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0h", "25h", "3 hours"})
    void aWindowDurationOutsideOneToTwentyFourHoursIsRefused(String duration) {
        assertThatThrownBy(() -> RotationSchedule.of(RotationRulesType.builder().scheduleExpression("rate(1 day)")
                .duration(duration).build())).hasMessageContaining("Duration");
    }

    @ParameterizedTest(name = "{0} rotated at {1} is due by {2}")
    @CsvSource(delimiter = '|', value = {
            "rate(1 day)          | 2026-06-15T10:00:00Z | 2026-06-17T00:00:00Z",
            "rate(10 days)        | 2026-06-05T23:30:00Z | 2026-06-16T00:00:00Z",
            "rate(12 hours)       | 2026-06-15T00:30:00Z | 2026-06-15T13:30:00Z",
            "cron(0 16 1,15 * ? *) | 2026-06-15T15:59:00Z | 2026-06-16T00:00:00Z",
    })
    void dueByTheCloseOfTheNextWindow(String expression, String rotated, String due) {
        assertThat(schedule(expression).dueBy(Instant.parse(rotated))).contains(Instant.parse(due));
    }

    @Test
    void aCronThatNeverOpensAWindowHasNoDueDate() {
        assertThat(schedule("cron(0 0 30 2 ? *)").dueBy(Instant.parse("2026-06-15T00:00:00Z"))).isEmpty();
    }

    @Test
    void automaticallyAfterDaysCountsOnlyWithoutAnExpression() {
        RotationSchedule days = RotationSchedule.of(RotationRulesType.builder().automaticallyAfterDays(7L).build());
        assertThat(days.toString()).isEqualTo("every 7 days (AutomaticallyAfterDays)");
        assertThatThrownBy(() -> RotationSchedule.of(RotationRulesType.builder().automaticallyAfterDays(0L).build()))
                .hasMessageContaining("neither a ScheduleExpression nor AutomaticallyAfterDays");
    }
}

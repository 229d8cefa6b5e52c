package dev.shepherd.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
    @ParameterizedTest
    @CsvSource({
            "2019-10-02T17:04:40Z, 2019-10-02T17:04:40Z",
            "2025-06-18T10:06:12.512Z, 2025-06-18T10:06:12.512Z",
            "2023-08-04T12:36:15.490+0000, 2023-08-04T12:36:15.490Z",
            "2023-08-04T14:36:15.490+0200, 2023-08-04T12:36:15.490Z"})
    void bothAwsFormsParseToTheSameInstant(String text, String expected) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-08-04T12:36:15.490+00:00", "2023-08-04T12:36:15+0000", "2023-02-30T12:36:15.490+0000",
            "02/10/19 16:59:00", "2019-10-02 17:04:40Z", "", "2019-10-02T17:04:40"})
    void anythingElseIsRefusedWithoutQuotingIt(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a timestamp of the form 2019-10-02T17:04:40Z or 2023-08-04T12:36:15.490+0000");
    }
}

package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SparklineTest {
    static List<BigDecimal> days(String... amounts) {
        return java.util.Arrays.stream(amounts).map(BigDecimal::new).toList();
    }

    @Test
    void lowestDayIsTheLowestBarAndHighestTheHighest() {
        assertThat(Sparkline.of(days("60", "70", "80", "90", "100", "110", "120", "130"))).isEqualTo("▁▂▃▄▅▆▇█");
    }

    @Test
    void aFlatMonthReadsFlat() {
        assertThat(Sparkline.of(days("5.00", "5.00", "5.00"))).isEqualTo("▄▄▄");
    }

    @Test
    void aCreditDayBelowZeroIsTheBottom() {
        assertThat(Sparkline.of(days("-10", "0", "10"))).isEqualTo("▁▅█");
    }

    @Test
    void noDaysIsEmptyAndMoreThanAMonthKeepsTheLatest() {
        assertThat(Sparkline.of(List.of())).isEmpty();
        List<BigDecimal> many = IntStream.range(0, 40).mapToObj(i -> BigDecimal.valueOf(i < 9 ? 1000 : i)).toList();
        String line = Sparkline.of(many);
        // The nine oldest days (1000 each) are dropped, so they do not flatten the month shown.
        assertThat(line).hasSize(Sparkline.MAX_DAYS).isEqualTo(Sparkline.of(many.subList(9, 40))).startsWith("▁")
                .endsWith("█");
    }
}

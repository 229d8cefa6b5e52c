package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The restore record is written by Shepherd but held in a tag anyone with TagResource can change: strict on read. */
class RestoreRecordTest {
    @Test
    void roundTripsWithAndWithoutScaling() {
        RestoreRecord plain = new RestoreRecord(3, null);
        RestoreRecord scaled = new RestoreRecord(4, new RestoreRecord.Scaling(2, 6, false, true, true));

        assertThat(plain.encode()).isEqualTo("v1 desired=3");
        assertThat(scaled.encode()).isEqualTo("v1 desired=4 min=2 max=6 suspend=os");
        assertThat(RestoreRecord.decode(plain.encode())).isEqualTo(plain);
        assertThat(RestoreRecord.decode(scaled.encode())).isEqualTo(scaled);
        assertThat(RestoreRecord.decode("v1 desired=1 min=0 max=0 suspend=-").scaling().max()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1 desired=", "v2 desired=3", "v1 desired=-1", "v1 desired=3 ", "v1  desired=3",
            "v1 desired=3 min=4 max=2 suspend=-", "v1 desired=3 min=1 max=2", "v1 desired=3 min=1 max=2 suspend=",
            "v1 desired=3 min=1 max=2 suspend=oi", "v1 desired=1234567890", "{\"desired\": 3}",
            "v1 desired=3\nv1 desired=9"})
    void anythingElseIsRefusedWithoutQuotingIt(String value) {
        assertThatThrownBy(() -> RestoreRecord.decode(value)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("9\n"));
    }

    @Test
    void nullIsRefused() {
        assertThatThrownBy(() -> RestoreRecord.decode(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

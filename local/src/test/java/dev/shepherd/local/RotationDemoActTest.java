package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The act runs end to end and shows what it promises: new passwords accepted, old ones refused or kept. */
class RotationDemoActTest {
    @Test
    void theActRotatesBothWaysAndShowsTheOutcome() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        RotationDemoAct.play(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("login with the new AWSCURRENT password: accepted")
                .contains("login with the old password:            refused")
                .contains("AWSCURRENT is now orders_reporting_clone: login accepted")
                .contains("still works until the next rotation: login accepted")
                .contains("secretsmanager:PutSecretValue").contains("secretsmanager:UpdateSecretVersionStage")
                .doesNotContain("initial-Pa55word").doesNotContain("admin-Pa55word");
    }
}

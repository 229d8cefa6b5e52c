package dev.shepherd.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming against the sandbox, whose fakes journal every AWS call: it makes none (so it writes nothing
 * and reads no secret), emits nothing but its one line, and the rotation after it runs as on a fresh handler.
 */
class RotationPrimingTest {
    static final String GENERIC = "{\"apiKey\": \"initial-api-key-never-logged\", \"rotatedKeys\": [\"apiKey\"]}";

    @Test
    void theCannedWorkRunsCleanlyOffline() {
        new RotationPriming(new Platform(Map.of("AWS_REGION", "eu-west-1"), new Sandbox(), Clock.systemUTC())).run();
    }

    @Test
    void primingMakesNoCallAndTheNextRotationIsAFreshOnes() throws Exception {
        Harness fresh = new Harness();
        List<String> freshCalls = rotation(fresh);

        Harness primed = new Harness();
        String output;
        try (CapturedLogs captured = new CapturedLogs()) {
            Priming priming = new Priming(new RotationPriming(
                    new Platform(Map.of("AWS_REGION", "eu-west-1"), primed.sandbox, Clock.systemUTC())));
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            output = captured.everything();
        }
        assertThat(primed.sandbox.journal().calls()).as("AWS calls while priming").isEmpty();
        assertThat(output.lines().filter(l -> !l.isBlank())).singleElement().asString().contains("primed for the snapshot")
                .doesNotContain("placeholder");

        assertThat(rotation(primed)).isEqualTo(freshCalls);
    }

    /** A whole generic rotation; its calls with the secret's ARN and version ids (random per run) made neutral. */
    private static List<String> rotation(Harness h) {
        String arn = h.seed(GENERIC);
        h.rotate(arn);
        CallJournal journal = h.sandbox.journal();
        return journal.calls().stream().map(c -> (c.action() + " " + c.request()).replace(arn, "ARN")
                .replaceAll("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}", "ID")).toList();
    }
}

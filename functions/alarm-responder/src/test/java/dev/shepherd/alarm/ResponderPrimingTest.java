package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.sandbox.FakeScheduler;
import dev.shepherd.sandbox.FakeSns;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming against the sandbox, whose fakes journal every AWS call: it makes none (so it writes no ledger
 * item, stops nothing, publishes nothing, schedules nothing and reads no secret), and a handler primed after its
 * init answers the next alarm exactly as a fresh one does.
 */
class ResponderPrimingTest {
    static final String ALARM = "cloudwatch/eventbridge-metric-alarm.json";

    @Test
    void theCannedWorkRunsCleanlyOffline() {
        Sandbox sandbox = new Sandbox();
        // run() itself, not through Priming, which would only log a failure
        new ResponderPriming(new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, Clock.systemUTC())).run();

        assertThat(sandbox.journal().calls()).isEmpty();
    }

    @Test
    void primingMakesNoCallAndTheNextAlarmIsHandledAsByAFreshHandler() throws Exception {
        AlarmResponderHandlerTest fresh = world();
        AlarmResponderHandlerTest primed = world();
        try {
            JsonNode freshOut = fresh.invoke(ALARM);

            Platform platform = new Platform(AlarmResponderHandlerTest.env(), primed.sandbox, primed.clock);
            primed.handler = new AlarmResponderHandler(platform);
            List<String> afterInit = primed.calls();
            new ResponderPriming(platform).run(); // itself, so that a failure fails the test
            Priming priming = new Priming(new ResponderPriming(platform));
            try (LogCapture logs = LogCapture.capture()) {
                priming.beforeCheckpoint(null);
                priming.afterRestore(null);
                assertThat(logs.lines()).as("its one line, and no failure").singleElement().asString()
                        .contains("primed for the snapshot");
            }

            assertThat(afterInit).as("init reads the routes").containsExactly("ssm:GetParameter");
            assertThat(primed.calls()).as("AWS calls while priming").isEqualTo(afterInit);
            assertThat(primed.sandbox.fake(FakeSns.class).published()).isEmpty();
            assertThat(primed.sandbox.fake(FakeScheduler.class).pending()).isEmpty();
            assertThat(primed.hooks.received("/pagerduty")).isEmpty();

            JsonNode primedOut = primed.invoke(ALARM);

            assertThat(neutral(primedOut)).isEqualTo(neutral(freshOut)).contains("Stopped CodeDeploy");
            // The channels send in parallel, so the calls are compared in any order.
            assertThat(primed.calls()).as("the same calls, the mapping read again: priming filled no cache")
                    .containsExactlyInAnyOrderElementsOf(fresh.calls())
                    .containsSubsequence("ssm:GetParameter", "ssm:GetParameter", "codedeploy:StopDeployment");
            assertThat(primed.sandbox.fake(FakeSns.class).published()).hasSize(1);
        } finally {
            fresh.stop();
            primed.stop();
        }
    }

    /** The answer with the fake's random SNS message ids made neutral. */
    private static String neutral(JsonNode answer) {
        return answer.toString().replaceAll(
                "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}", "ID");
    }

    private static AlarmResponderHandlerTest world() throws Exception {
        AlarmResponderHandlerTest world = new AlarmResponderHandlerTest();
        world.world();
        return world;
    }
}

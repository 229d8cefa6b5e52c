package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming against the sandbox, whose fakes journal every AWS call: it makes none (so no write and no
 * secret read), and a handler primed after its init answers the next invocation exactly as a fresh one does.
 */
class HookPrimingTest {
    static final String SECRET_PARAMETER_VALUE = "sk-live-ParameterValueNeverLogged-4242";

    @Test
    void theCannedWorkRunsCleanlyOffline() {
        Platform platform = new Platform(Map.of("AWS_REGION", "eu-west-1"), new Sandbox(), Clock.systemUTC());
        new HookPriming(platform).run();
    }

    @Test
    void primingMakesNoCallAndTheNextInvocationIsAFreshOnes() throws Exception {
        try (TestServer green = TestServer.healthy(); LogCapture logs = LogCapture.capture()) {
            HookHarness fresh = CodeDeployEcsHookTest.hook()
                    .listenerOn(CodeDeployEcsHookTest.LB, CodeDeployEcsHookTest.TEST_LISTENER, green.port());
            JsonNode freshOut = fresh.invoke(CodeDeployEcsHookTest.EVENT);

            HookHarness primed = CodeDeployEcsHookTest.hook()
                    .listenerOn(CodeDeployEcsHookTest.LB, CodeDeployEcsHookTest.TEST_LISTENER, green.port());
            primed.afterInit(platform -> {
                Priming priming = new Priming(new HookPriming(platform));
                priming.beforeCheckpoint(null);
                priming.afterRestore(null);
                assertThat(primed.journal().calls()).as("AWS calls while priming").isEmpty();
            });
            JsonNode primedOut = primed.invoke(CodeDeployEcsHookTest.EVENT);

            assertThat(primedOut).isEqualTo(freshOut);
            // The plan's checks run in parallel, so the calls are compared in any order.
            assertThat(calls(primed.journal())).containsExactlyInAnyOrderElementsOf(calls(fresh.journal()))
                    .as("the plan is read again: priming left nothing in the caches")
                    .anyMatch(c -> c.startsWith("ssm:GetParameter "));
            assertThat(green.received()).hasSize(2);
            assertThat(logs.lines()).anyMatch(l -> l.contains("primed for the snapshot"))
                    .noneMatch(l -> l.contains("priming failed"))
                    .noneMatch(l -> l.contains(SECRET_PARAMETER_VALUE));
        }
    }

    private static List<String> calls(CallJournal journal) {
        return journal.calls().stream().map(c -> c.action() + " " + c.request()).toList();
    }
}

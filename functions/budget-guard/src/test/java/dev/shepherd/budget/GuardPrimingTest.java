package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.LogCapture;
import dev.shepherd.core.Platform;
import dev.shepherd.core.Priming;
import dev.shepherd.sandbox.FakeDynamoDb;
import dev.shepherd.sandbox.Sandbox;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SnapStart priming against the sandbox, whose fakes journal every AWS call: it makes none (so it claims no alert,
 * bills no Cost Explorer request, scales no service, publishes nothing and reads no secret), and a handler primed
 * after its init answers the next alert exactly as a fresh one does, Cost Explorer cache included.
 */
class GuardPrimingTest {
    static final String ALERT = "budgets/dev-actual-over.json";
    static final String TABLE = "shepherd-dev-budget-alerts";

    @Test
    void theCannedWorkRunsCleanlyOffline() {
        Sandbox sandbox = new Sandbox();
        // run() itself, not through Priming, which would only log a failure
        new GuardPriming(new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, Clock.systemUTC())).run();

        assertThat(sandbox.journal().calls()).isEmpty();
    }

    @Test
    void primingMakesNoCallAndTheNextAlertIsHandledAsByAFreshHandler() throws IOException {
        BudgetGuardHandlerTest fresh = world();
        BudgetGuardHandlerTest primed = world();
        JsonNode freshOut = fresh.invoke(ALERT);

        Platform platform = new Platform(BudgetGuardHandlerTest.env(), primed.sandbox, BudgetGuardHandlerTest.CLOCK);
        primed.handler = new BudgetGuardHandler(platform);
        List<String> afterInit = calls(primed);
        new GuardPriming(platform).run(); // itself, so that a failure fails the test
        Priming priming = new Priming(new GuardPriming(platform));
        try (LogCapture logs = LogCapture.capture()) {
            priming.beforeCheckpoint(null);
            priming.afterRestore(null);
            assertThat(logs.lines()).as("its one line, and no failure").singleElement().asString()
                    .contains("primed for the snapshot");
        }

        assertThat(afterInit).as("init reads the routes and the cost policy")
                .containsExactly("ssm:GetParameter", "ssm:GetParameter");
        assertThat(calls(primed)).as("AWS calls while priming").isEqualTo(afterInit);
        assertThat(primed.sandbox.fake(FakeDynamoDb.class).size(TABLE)).as("ledger items").isZero();
        assertThat(primed.writes()).as("ECS and Application Auto Scaling writes").isZero();
        assertThat(primed.notices()).isEmpty();

        JsonNode primedOut = primed.invoke(ALERT);

        assertThat(neutral(primedOut)).isEqualTo(neutral(freshOut)).contains("SCALED shepherd-dev/preview-web");
        assertThat(calls(primed)).as("the same calls, Cost Explorer asked again: priming filled no cache")
                .containsExactlyInAnyOrderElementsOf(calls(fresh));
        assertThat(primed.sandbox.journal().calls("ce", "GetCostAndUsage")).hasSize(3);
        assertThat(primed.svc("preview-web").desiredCount()).isZero();
        assertThat(primed.notices()).hasSize(1);
    }

    private static List<String> calls(BudgetGuardHandlerTest world) {
        return world.sandbox.journal().calls().stream().map(c -> c.action()).toList();
    }

    /** The answer with the fake's random SNS message ids made neutral. */
    private static String neutral(JsonNode answer) {
        return answer.toString().replaceAll(
                "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}", "ID");
    }

    /** The scenario with the cost policy switched on, so the alert scales services down. */
    private static BudgetGuardHandlerTest world() {
        BudgetGuardHandlerTest world = new BudgetGuardHandlerTest();
        world.world();
        world.modeOn();
        return world;
    }
}

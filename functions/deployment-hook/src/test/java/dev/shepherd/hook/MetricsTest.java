package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each check outcome and the verdict are counted as EMF metrics in namespace Shepherd. */
class MetricsTest {
    @Test
    void checkOutcomesAndTheVerdictAreCounted() {
        HookHarness h = HookHarness.scenario("hook-ecs-codedeploy.json").env("HOOK_EVENT", "AfterAllowTestTraffic")
                .overlay("""
                        {"cloudwatch": {"metricAlarms": [{"AlarmName": "orders-api-5xx", "StateValue": "ALARM"}]}}""")
                .plan(CodeDeployEcsHookTest.PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [
                          {"type": "alarms", "alarmNames": ["orders-api-5xx"]}, {"type": "targetHealth"}]}}}""");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            h.invoke(CodeDeployEcsHookTest.EVENT);
        } finally {
            System.setOut(stdout);
        }

        String emf = captured.toString(StandardCharsets.UTF_8);
        assertThat(emf).containsPattern("\"CheckFailed\":1(\\.0)?[,}]").containsPattern("\"check\":\"alarms\"");
        assertThat(emf).containsPattern("\"CheckPassed\":1(\\.0)?[,}]").containsPattern("\"check\":\"targetHealth\"");
        assertThat(emf).containsPattern("\"HookVerdict\":1(\\.0)?[,}]").contains("\"verdict\":\"Failed\"");
        assertThat(emf).contains("\"Namespace\":\"Shepherd\"");
    }
}

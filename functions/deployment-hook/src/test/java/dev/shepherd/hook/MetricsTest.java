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

    static String emf(Runnable invocation) {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            invocation.run();
        } finally {
            System.setOut(stdout);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void item16_theVerdictDimensionIsSpeltTheSameForCodeDeployAndEcs() throws java.io.IOException {
        String codeDeploy = emf(() -> HookHarness.scenario("hook-ecs-codedeploy.json")
                .env("HOOK_EVENT", "AfterAllowTestTraffic").plan(CodeDeployEcsHookTest.PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": []}}}""").invoke(CodeDeployEcsHookTest.EVENT));
        String ecsRollback = emf(() -> EcsNativeHookTest.hook().invoke("ecs/production-traffic-shift-rollback.json"));
        String ecsUnknown = emf(() -> EcsNativeHookTest.hook().invoke("codedeploy/console-test-empty.json"));
        String ecsWarmUp;
        try (TestServer green = TestServer.answering(TestServer.Answer.of(503, "{}"))) {
            ecsWarmUp = emf(() -> EcsNativeHookTest.hook()
                    .listenerOn(EcsNativeHookTest.LB, EcsNativeHookTest.TEST_LISTENER, green.port())
                    .invoke(EcsNativeHookTest.EVENT));
        }

        assertThat(codeDeploy).contains("\"verdict\":\"Succeeded\"");
        assertThat(ecsRollback).contains("\"verdict\":\"Succeeded\"");
        assertThat(ecsUnknown).contains("\"verdict\":\"Failed\"");
        assertThat(ecsWarmUp).contains("\"verdict\":\"InProgress\"");
        assertThat(codeDeploy + ecsRollback + ecsUnknown + ecsWarmUp)
                .doesNotContain("\"verdict\":\"SUCCEEDED\"", "\"verdict\":\"FAILED\"", "\"verdict\":\"IN_PROGRESS\"");
    }
}

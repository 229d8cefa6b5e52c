package dev.shepherd.hook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.LogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CodeDeploy ECS blue/green hook end to end: real event file, real handler, sandbox, loopback servers. */
class CodeDeployEcsHookTest {
    static final String SCENARIO = "hook-ecs-codedeploy.json";
    static final String EVENT = "codedeploy/ecs-after-allow-test-traffic.json";
    static final String DEPLOYMENT = "d-7RQ2M4XKP";
    static final String EXECUTION = "eyJlbmNyeXB0ZWREYXRhIjoiU2FtcGxlT25seSIsIml2UGFyYW1ldGVyU3BlYyI6IkFBQUEiLCJtYXRlcmlhbFNldFNlcmlhbCI6MX0=";
    static final String PLAN = "/shepherd/dev/deployments/AppECS-orders-cluster-orders-api/DgpECS-orders-cluster-orders-api";
    static final String LB = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/orders-alb/0a1b2c3d4e5f6a7b";
    static final String TEST_LISTENER = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b2c3d4e5f6a7b/3333cccc4444dddd";

    static HookHarness hook() {
        return HookHarness.scenario(SCENARIO).env("HOOK_EVENT", "AfterAllowTestTraffic");
    }

    /** The one report's status, asserting there was exactly one and that it carried both ids. */
    static String reportedStatus(HookHarness h) {
        List<CallJournal.Call> reports = h.reports();
        assertThat(reports).hasSize(1);
        JsonNode request = reports.getFirst().request();
        assertThat(request.path("deploymentId").asText()).isEqualTo(DEPLOYMENT);
        assertThat(request.path("lifecycleEventHookExecutionId").asText()).isEqualTo(EXECUTION);
        return request.path("status").asText();
    }

    static ObjectNode deploymentInfo(ObjectNode scenario) {
        return (ObjectNode) scenario.at("/codedeploy/deployments/0/deploymentInfo");
    }

    static ArrayNode lifecycleEvents(ObjectNode scenario) {
        return (ArrayNode) scenario.at("/codedeploy/deployments/0/targets/0/ecsTarget/lifecycleEvents");
    }

    @Test
    void allChecksPassOnTheScenarioPlanWithTheDerivedTestEndpoint() throws IOException {
        try (TestServer green = TestServer.healthy()) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port());

            JsonNode out = h.invoke(EVENT);

            assertThat(reportedStatus(h)).isEqualTo("Succeeded");
            assertThat(out.path("status").asText()).isEqualTo("Succeeded");
            assertThat(green.received()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/health"));
            assertThat(h.journal().calls("elasticloadbalancing", "DescribeTargetHealth")).singleElement()
                    .satisfies(c -> assertThat(c.request().path("TargetGroupArn").asText()).contains("orders-tg-2"));
            assertThat(h.journal().calls("cloudwatch", "DescribeAlarms")).hasSize(1);
            assertThat(h.journal().calls("secretsmanager", "DescribeSecret")).hasSize(1);
            assertThat(h.sandbox.fake(dev.shepherd.sandbox.FakeCodeDeploy.class).reportedStatus(DEPLOYMENT, EXECUTION))
                    .hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("Succeeded"));
        }
    }

    @Test
    void anExplicitUrlWithHeadersAndAVersionMatchIsSentAsPlanned() throws IOException {
        try (TestServer green = TestServer.healthy()) {
            HookHarness h = hook().plan(PLAN, """
                    {"allowedHosts": ["127.0.0.1"], "plainHttpHosts": ["127.0.0.1"], "stages": {"AfterAllowTestTraffic": {"checks": [
                      {"type": "http", "name": "version", "url": "%s", "headers": {"x-shepherd-test": "green"},
                       "jsonPointer": "/version", "jsonEquals": "1.4.2", "consecutiveSuccesses": 2, "intervalMillis": 10}]}}}
                    """.formatted(green.url("/version")));

            h.invoke(EVENT);

            assertThat(reportedStatus(h)).isEqualTo("Succeeded");
            assertThat(green.received()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("x-shepherd-test")).isEqualTo("green"));
        }
    }

    @Test
    void oneFailingCheckFailsTheEvent() {
        HookHarness h = hook().overlay("""
                {"cloudwatch": {"metricAlarms": [{"AlarmName": "orders-api-5xx", "StateValue": "ALARM"}]}}""")
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [
                          {"type": "alarms", "alarmNames": ["orders-api-5xx", "orders-api-latency-p99"]},
                          {"type": "targetHealth", "minHealthyTargets": 2}]}}}""");

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke(EVENT);

            assertThat(reportedStatus(h)).isEqualTo("Failed");
            assertThat(out.path("reason").asText()).contains("orders-api-5xx is ALARM").doesNotContain("targetHealth");
            // Each result is logged with its reason under the deployment's correlation keys.
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("WARN check alarms 'alarms' failed: orders-api-5xx is ALARM")
                    .contains("deploymentId=" + DEPLOYMENT).contains("lifecycleEventHookExecutionId=" + EXECUTION));
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("INFO check targetHealth 'targetHealth' passed")
                    .contains("deploymentId=" + DEPLOYMENT));
        }
    }

    @Test
    void checksRunInParallel() throws IOException {
        TestServer.Answer slow = TestServer.Answer.of(200, "{}").after(Duration.ofMillis(1500));
        try (TestServer a = TestServer.answering(slow); TestServer b = TestServer.answering(slow)) {
            HookHarness h = hook().plan(PLAN, """
                    {"allowedHosts": ["127.0.0.1"], "plainHttpHosts": ["127.0.0.1"], "stages": {"AfterAllowTestTraffic": {"checks": [
                      {"type": "http", "name": "a", "url": "%s"}, {"type": "http", "name": "b", "url": "%s"}]}}}"""
                    .formatted(a.url("/a"), b.url("/b")));

            long started = System.nanoTime();
            h.invoke(EVENT);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2900));
            assertThat(reportedStatus(h)).isEqualTo("Succeeded");
            assertThat(a.received()).hasSize(1);
            assertThat(b.received()).hasSize(1);
        }
    }

    @Test
    void aCheckThatThrowsFailsTheEvent() {
        HookHarness h = hook().overlay("""
                {"elbv2": {"faults": {"DescribeTargetHealth": [{"code": "InternalFailure", "status": 500}]}}}""")
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "targetHealth"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("error: ElasticLoadBalancingV2Exception");
    }

    @Test
    void aRetriedInvocationMeetsAnAlreadyCompletedEventAndReturnsNormally() throws IOException {
        try (TestServer green = TestServer.healthy()) {
            HookHarness h = hook().listenerOn(LB, TEST_LISTENER, green.port());

            h.invoke(EVENT);
            JsonNode second = h.invoke(EVENT);

            // Each invocation reported once; the second met LifecycleEventAlreadyCompleted and did not throw.
            assertThat(h.reports()).hasSize(2);
            assertThat(second.path("status").asText()).isEqualTo("Failed");
            assertThat(h.sandbox.fake(dev.shepherd.sandbox.FakeCodeDeploy.class).reportedStatus(DEPLOYMENT, EXECUTION))
                    .hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("Succeeded"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDeniedException", "ThrottlingException", "InternalFailure"})
    void aReportThatDoesNotReachCodeDeployFailsTheInvocationSoLambdaRetriesIt(String error) {
        HookHarness h = hook().overlay("""
                {"codedeploy": {"faults": {"PutLifecycleEventHookExecutionStatus": ["%s"]}}}""".formatted(error))
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": []}}}""");

        try (LogCapture logs = LogCapture.capture()) {
            assertThatThrownBy(() -> h.invoke(EVENT)).isInstanceOf(ReportNotDeliveredException.class)
                    .hasMessageContaining("could not report Succeeded");
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).startsWith("ERROR could not report Succeeded"));
        }
        // Lambda's async retry: the fault is spent, the verdict is delivered once.
        h.invoke(EVENT);
        assertThat(h.reports()).hasSize(2);
        assertThat(h.sandbox.fake(dev.shepherd.sandbox.FakeCodeDeploy.class).reportedStatus(DEPLOYMENT, EXECUTION))
                .hasValueSatisfying(s -> assertThat(s.toString()).isEqualTo("Succeeded"));
    }

    @Test
    void anUnknownExecutionIdIsLoggedAndReportedOnlyOnce() {
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"AfterAllowTestTraffic": {"checks": []}}}""");
        String event = "{\"DeploymentId\": \"d-7RQ2M4XKP\", \"LifecycleEventHookExecutionId\": \"not-a-real-token\"}";

        try (LogCapture logs = LogCapture.capture()) {
            h.invokeRaw(event.getBytes(), Duration.ofSeconds(60));

            assertThat(h.reports()).hasSize(1);
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("InvalidLifecycleEventHookExecutionId"));
        }
    }

    @Test
    void aDeploymentFromAnotherRegionFailsClosedAndTheReportErrorIsHandled() {
        HookHarness h = hook();
        String event = "{\"DeploymentId\": \"d-0THERREG1\", \"LifecycleEventHookExecutionId\": \"" + EXECUTION + "\"}";

        JsonNode out = h.invokeRaw(event.getBytes(), Duration.ofSeconds(60));

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("does not exist in this account and region");
        assertThat(h.reports()).singleElement()
                .satisfies(c -> assertThat(c.request().path("status").asText()).isEqualTo("Failed"));
    }

    @Test
    void aMalformedDeploymentIdFailsClosedWithAClearReason() {
        HookHarness h = hook();
        String event = "{\"DeploymentId\": \"not-a-deployment\", \"LifecycleEventHookExecutionId\": \"" + EXECUTION + "\"}";

        JsonNode out = h.invokeRaw(event.getBytes(), Duration.ofSeconds(60));

        assertThat(out.path("status").asText()).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("'not-a-deployment' is not a CodeDeploy deployment id");
        // The report is attempted once; CodeDeploy refuses the id for good, so nothing is retried.
        assertThat(h.reports()).hasSize(1);
    }

    @Test
    void aHangingCheckIsAbandonedAndFailedIsReportedWithinTheReserve() throws IOException {
        try (TestServer hung = TestServer.answering(TestServer.Answer.of(200, "{}").after(Duration.ofSeconds(30)))) {
            HookHarness h = hook().env("REPORT_RESERVE_SECONDS", "2").plan(PLAN, """
                    {"allowedHosts": ["127.0.0.1"], "plainHttpHosts": ["127.0.0.1"], "stages": {"AfterAllowTestTraffic": {"checks": [
                      {"type": "http", "url": "%s", "timeoutSeconds": 600}]}}}""".formatted(hung.url("/ready")));

            long started = System.nanoTime();
            JsonNode out = h.invoke(EVENT, Duration.ofSeconds(4));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(reportedStatus(h)).isEqualTo("Failed");
            assertThat(took).isLessThan(Duration.ofMillis(3500));
            // The check's own timeout and the runner's cut-off both end at the deadline: either may come first.
            assertThat(out.path("reason").asText()).containsAnyOf("did not finish", "no answer within");
        }
    }

    @Test
    void invokedWithLessTimeThanTheReserveReportsFailedAtOnce() {
        HookHarness h = hook().env("REPORT_RESERVE_SECONDS", "5");

        JsonNode out = h.invoke(EVENT, Duration.ofSeconds(3));

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("out of time");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Stopped", "Failed", "Succeeded"})
    void aFinishedDeploymentIsNotValidatedNorReported(String status) {
        HookHarness h = hook().edit(s -> deploymentInfo(s).put("status", status));

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke(EVENT);

            assertThat(h.reports()).isEmpty();
            assertThat(out.path("status").asText()).isEqualTo("NotReported");
            assertThat(h.journal().calls("ssm", "GetParameter")).isEmpty();
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("is already " + status));
        }
    }

    @Test
    void anInPlaceDeploymentFailsWithAReason() {
        HookHarness h = hook().edit(s -> deploymentInfo(s).putObject("deploymentStyle")
                .put("deploymentType", "IN_PLACE").put("deploymentOption", "WITHOUT_TRAFFIC_CONTROL"));

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("IN_PLACE is not BLUE_GREEN");
    }

    @Test
    void aServerDeploymentFailsClosedAndCodeDeploysRefusalIsHandled() {
        HookHarness h = hook().edit(s -> deploymentInfo(s).put("computePlatform", "Server"));

        try (LogCapture logs = LogCapture.capture()) {
            JsonNode out = h.invoke(EVENT);

            assertThat(reportedStatus(h)).isEqualTo("Failed");
            assertThat(out.path("reason").asText()).contains("compute platform Server");
            assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("UnsupportedActionForDeploymentType"));
        }
    }

    @Test
    void withoutHookEventTheHookFailsClosed() {
        // Every CodeDeploy hook in template.yaml sets HOOK_EVENT; this one stands for a misconfigured deployment.
        HookHarness h = hook().env("HOOK_EVENT", null).outsideTheTemplate();

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("HOOK_EVENT is not set");
    }

    @Test
    void aHookEventOtherThanTheOneInProgressFailsClosed() {
        // E.g. the same function registered for two events in the AppSpec: it can only serve its own.
        HookHarness h = hook().env("HOOK_EVENT", "AfterAllowTraffic");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText())
                .contains("serves AfterAllowTraffic but the deployment's in-progress lifecycle event is AfterAllowTestTraffic");
    }

    @Test
    void twoEventsInProgressAreAmbiguousAndFailClosed() {
        HookHarness h = hook().edit(s -> ((ObjectNode) lifecycleEvents(s).get(5)).put("status", "InProgress"));

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("AfterAllowTestTraffic and BeforeAllowTraffic");
    }

    @Test
    void aMissingPlanFailsClosedNamingItsParameter() {
        HookHarness h = hook().edit(s -> ((ObjectNode) s.path("ssm")).putArray("parameters"));

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("no check plan at SSM parameter " + PLAN);
    }

    @Test
    void aMalformedPlanFailsClosedNamingEveryProblem() {
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"AfterAllowTestTraffic": {"checks": [
                  {"type": "http", "path": "/health", "expectedStatus": 200},
                  {"type": "smoke"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("unknown field 'expectedStatus'").contains("type is 'smoke'");
    }

    @Test
    void aStageMissingFromThePlanFailsClosed() {
        HookHarness h = hook().plan(PLAN, """
                {"stages": {"AfterAllowTraffic": {"checks": []}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("has no stage AfterAllowTestTraffic");
    }

    @Test
    void withoutATestListenerADerivedHttpCheckFails() {
        HookHarness h = hook().edit(s -> ((ObjectNode) deploymentInfo(s).at("/loadBalancerInfo/targetGroupPairInfoList/0"))
                .remove("testTrafficRoute"))
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "http", "path": "/health"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("has no test listener");
    }

    @Test
    void beforeTestTrafficADerivedHttpCheckFailsBecauseTheListenerStillServesBlue() throws IOException {
        try (TestServer blue = TestServer.healthy()) {
            HookHarness h = hook().env("HOOK_EVENT", "AfterInstall")
                    .edit(s -> {
                        ArrayNode events = lifecycleEvents(s);
                        for (int i = 2; i < events.size(); i++) {
                            ((ObjectNode) events.get(i)).put("status", i == 2 ? "InProgress" : "Pending");
                        }
                        ((ObjectNode) s.at("/codedeploy/deployments/0")).putObject("hookExecutions")
                                .put(EXECUTION, "AfterInstall");
                    })
                    .listenerOn(LB, TEST_LISTENER, blue.port())
                    .plan(PLAN, """
                            {"stages": {"AfterInstall": {"checks": [{"type": "http", "path": "/health"}]}}}""");

            JsonNode out = h.invoke(EVENT);

            assertThat(reportedStatus(h)).isEqualTo("Failed");
            assertThat(out.path("reason").asText()).contains("still routes to the original task set");
            assertThat(blue.received()).isEmpty();
        }
    }

    @Test
    void aGreenTargetGroupThatDoesNotExistFails() {
        HookHarness h = hook().edit(s -> ((ObjectNode) s.at("/codedeploy/deployments/0/targets/0/ecsTarget/taskSetsInfo/1/targetGroup"))
                .put("name", "orders-tg-9"))
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "targetHealth"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("target group orders-tg-9 not found");
    }

    @Test
    void noRegisteredTargetsFails() {
        HookHarness h = hook().overlay("""
                {"elbv2": {"targetHealth": {"orders-tg-2": []}}}""")
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "targetHealth"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("has 0 target(s), the plan needs at least 1");
    }

    @Test
    void mixedTargetStatesFailNamingEachUnhealthyTarget() {
        HookHarness h = hook().overlay("""
                {"elbv2": {"targetHealth": {"orders-tg-2": [
                  {"Target": {"Id": "10.0.1.17", "Port": 8080}, "TargetHealth": {"State": "healthy"}},
                  {"Target": {"Id": "10.0.2.23", "Port": 8080}, "TargetHealth": {"State": "initial"}},
                  {"Target": {"Id": "10.0.3.31", "Port": 8080}, "TargetHealth": {"State": "draining"}}]}}}""")
                .plan(PLAN, """
                        {"stages": {"AfterAllowTestTraffic": {"checks": [{"type": "targetHealth"}]}}}""");

        JsonNode out = h.invoke(EVENT);

        assertThat(reportedStatus(h)).isEqualTo("Failed");
        assertThat(out.path("reason").asText()).contains("10.0.2.23:8080 is initial", "10.0.3.31:8080 is draining")
                .doesNotContain("10.0.1.17");
    }
}

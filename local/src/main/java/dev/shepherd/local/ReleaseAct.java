package dev.shepherd.local;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeCodeDeploy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A CodeDeploy blue/green release of orders-api on ECS reaching AfterAllowTestTraffic: the green task set
 * (a real loopback server behind the test listener) is checked by the real deployment hook, which tells
 * CodeDeploy to go on or to roll back. The world comes from the hook's own sample scenario and event.
 */
final class ReleaseAct implements DemoAct {
    static final String FUNCTION = "CodeDeployHookAfterAllowTestTraffic";
    static final String SCENARIO = "events/scenarios/hook-ecs-codedeploy.json";
    static final String EVENT = "events/codedeploy/ecs-after-allow-test-traffic.json";
    static final String PLAN = "/shepherd/dev/deployments/AppECS-orders-cluster-orders-api/DgpECS-orders-cluster-orders-api";
    private static final String LOAD_BALANCER =
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/orders-alb/0a1b2c3d4e5f6a7b";
    private static final String TEST_LISTENER =
            "arn:aws:elasticloadbalancing:eu-west-1:111122223333:listener/app/orders-alb/0a1b2c3d4e5f6a7b/3333cccc4444dddd";
    private static final String EXPECTED_VERSION = "1.5.0";

    private final Path repo;
    private final String title;
    private final int healthStatus;
    private final String greenVersion;
    private final String alarmState;
    private final boolean shouldPass;

    private ReleaseAct(Path repo, String title, int healthStatus, String greenVersion, String alarmState,
            boolean shouldPass) {
        this.repo = repo;
        this.title = title;
        this.healthStatus = healthStatus;
        this.greenVersion = greenVersion;
        this.alarmState = alarmState;
        this.shouldPass = shouldPass;
    }

    static ReleaseAct healthy(Path repo) {
        return new ReleaseAct(repo, "a healthy release passes validation", 200, EXPECTED_VERSION, "OK", true);
    }

    static ReleaseAct broken(Path repo) {
        return new ReleaseAct(repo, "a broken release fails validation and rolls back", 503, "1.4.2", "ALARM", false);
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public void play(Stage stage) throws IOException {
        String body = "{\"status\": \"" + (healthStatus == 200 ? "UP" : "DOWN") + "\", \"version\": \"" + greenVersion + "\"}";
        try (LoopbackService green = LoopbackService.answering(healthStatus, body)) {
            stage.sandbox().load(repo.resolve(SCENARIO));
            stage.sandbox().load(Json.parse(world(green.port())));
            stage.say("deployment d-7RQ2M4XKP of orders-api: green task set running version " + greenVersion
                    + " behind the test listener (loopback port " + green.port() + "), answering " + healthStatus
                    + " on /health");
            stage.say("alarm orders-api-5xx is " + alarmState + "; the check plan in SSM (" + PLAN + ") asks for "
                    + "/health with version " + EXPECTED_VERSION + ", alarms OK, 2 healthy targets, config present");

            stage.invoke("CodeDeploy runs the AfterAllowTestTraffic hook", FUNCTION, Files.readString(repo.resolve(EVENT)));

            String event = Json.parse(Files.readString(repo.resolve(EVENT))).path("LifecycleEventHookExecutionId").asText();
            String reported = stage.sandbox().fake(FakeCodeDeploy.class).reportedStatus("d-7RQ2M4XKP", event)
                    .map(Object::toString).orElse("nothing");
            stage.say("the green side received: " + green.received());
            boolean passed = reported.equals("Succeeded");
            stage.verdict((passed ? "PASSED" : "FAILED") + ": the hook reported " + reported + " to CodeDeploy, which "
                    + (passed ? "goes on to shift production traffic to green" : "stops the deployment and rolls back to blue"));
            if (passed != shouldPass) {
                throw new IllegalStateException("expected the release to " + (shouldPass ? "pass" : "fail")
                        + " but the hook reported " + reported);
            }
        }
    }

    /** The scenario's load balancer points at the loopback server; the plan checks it and the alarm has a state. */
    private String world(int port) {
        String plan = """
                {"allowedHosts": ["127.0.0.1"], "stages": {"AfterAllowTestTraffic": {"checks": [
                  {"type": "http", "name": "health", "path": "/health", "jsonPointer": "/version",
                   "jsonEquals": "%s", "attempts": 2, "intervalMillis": 200},
                  {"type": "alarms", "alarmNames": ["orders-api-5xx", "orders-api-latency-p99"]},
                  {"type": "targetHealth", "minHealthyTargets": 2},
                  {"type": "config", "parameters": ["/orders/dev/feature-flags"], "secrets": ["orders/dev/db"]}]}}}
                """.formatted(EXPECTED_VERSION);
        return """
                {"elbv2": {"loadBalancers": [{"LoadBalancerArn": "%s", "DNSName": "127.0.0.1", "LoadBalancerName": "orders-alb",
                                              "Scheme": "internal", "Type": "application"}],
                           "listeners": [{"ListenerArn": "%s", "LoadBalancerArn": "%s", "Port": %d, "Protocol": "HTTP"}]},
                 "cloudwatch": {"metricAlarms": [{"AlarmName": "orders-api-5xx", "StateValue": "%s",
                                                  "MetricName": "HTTPCode_Target_5XX_Count", "Namespace": "AWS/ApplicationELB"}]},
                 "ssm": {"parameters": [{"Name": "%s", "Type": "String", "Value": %s}]}}
                """.formatted(LOAD_BALANCER, TEST_LISTENER, LOAD_BALANCER, port, alarmState, PLAN,
                Json.write(Json.write(Json.parse(plan))));
    }
}

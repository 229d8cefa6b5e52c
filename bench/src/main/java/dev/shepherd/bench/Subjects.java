package dev.shepherd.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The subjects of a run: the two baselines, then each function that has been packaged. */
final class Subjects {
    static final String HELLO = "hello";
    static final String NAIVE = "naive";
    static final String TUNED = "tuned";
    static final String TELEMETRY = "tuned+telemetry";

    /**
     * A function module, the handler Lambda runs, its sample event, the sandbox scenario it runs against, and the
     * environment its template gives it.
     */
    record Function(String name, String module, String handler, String event, String scenario,
                    Map<String, String> env, boolean stream) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("deployment-hook", "functions/deployment-hook", "dev.shepherd.hook.DeploymentHookHandler",
                    "events/codedeploy/ecs-after-allow-test-traffic.json", "bench/scenarios/hook-ecs-codedeploy.json",
                    Map.of("HOOK_EVENT", "AfterAllowTestTraffic", "POWERTOOLS_SERVICE_NAME", "deployment-hook"), true),
            new Function("secret-rotation", "functions/secret-rotation", "dev.shepherd.rotation.SecretRotationHandler",
                    "bench/events/secret-rotation-create.json", null,
                    Map.of("POWERTOOLS_SERVICE_NAME", "secret-rotation", "PASSWORD_LENGTH", "32"), false),
            // The template's variables, its intrinsics resolved as in account 111122223333 (the event's) with no
            // alarm source topic; the routes and the deployment come from the loopback endpoint's canned answers.
            new Function("alarm-responder", "functions/alarm-responder", "dev.shepherd.alarm.AlarmResponderHandler",
                    "events/cloudwatch/eventbridge-metric-alarm.json", "events/scenarios/alarm-orders-release.json",
                    Map.of("POWERTOOLS_SERVICE_NAME", "alarm-responder",
                            "INCIDENT_TABLE", "shepherd-dev-incidents",
                            "SCHEDULE_GROUP", "shepherd-dev-escalations",
                            "SCHEDULER_ROLE_ARN", "arn:aws:iam::111122223333:role/shepherd-dev-alarm-scheduler",
                            "SELF_FUNCTION_ARN",
                            "arn:aws:lambda:eu-west-1:111122223333:function:shepherd-dev-alarm-responder:live",
                            "ALARM_TOPIC_ARNS", "",
                            "FLAP_WINDOW_SECONDS", "600"), true),
            // The template's variables as in account 111122223333 (the event's); the routes and a cost policy that
            // acts come from the loopback endpoint's canned answers, the scenario's policy is a dry run.
            new Function("budget-guard", "functions/budget-guard", "dev.shepherd.budget.BudgetGuardHandler",
                    "events/budgets/dev-actual-over.json", "events/scenarios/budget-dev-overrun.json",
                    Map.of("POWERTOOLS_SERVICE_NAME", "budget-guard",
                            "ALERT_TABLE", "shepherd-dev-budget-alerts",
                            "ACCOUNT_ID", "111122223333",
                            "BUDGET_TOPIC_ARNS", "arn:aws:sns:eu-west-1:111122223333:shepherd-dev-budget-alerts",
                            "CLAIM_LEASE_SECONDS", "180"), true),
            // The daily run (every check) in the scenario's account; no report bucket, as the S3 client would need
            // the loopback endpoint's name for its bucket host.
            new Function("compliance-check", "functions/compliance-check", "dev.shepherd.compliance.ComplianceCheckHandler",
                    "events/schedules/compliance-daily.json", "events/scenarios/compliance-dev-day.json",
                    Map.of("POWERTOOLS_SERVICE_NAME", "compliance-check", "ACCOUNT_ID", "123456789012"), true));

    /**
     * A SnapStart init as the runtime client runs it: with this initialisation type it calls the CRaC hooks
     * registered at init ({@code beforeCheckpoint}, the handlers' priming) and asks the Runtime API to be restored
     * before its first poll. org.crac reaches the client's own CRaC context through its compat switch.
     */
    static final Map<String, String> SNAPSTART_ENV = Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start");
    static final List<String> SNAPSTART_JVM = List.of("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");

    private Subjects() {
    }

    /** The runtime interface client and its dependencies, which every subject runs on. */
    static List<Path> runtimeJars(Path lib) {
        List<Path> jars = jarsIn(lib.resolve("runtime"));
        if (jars.isEmpty()) {
            throw new IllegalStateException(lib.resolve("runtime") + " holds no jars: build first with "
                    + "./mvnw -pl bench -am package -DskipTests");
        }
        return jars;
    }

    static List<Subject> baselines(Path root, Path lib) {
        Path event = root.resolve("bench/events/codedeploy-ecs-hook.json");
        return List.of(
                new Subject(HELLO, "runtime client + a handler that returns a string (the floor)",
                        "dev.shepherd.bench.HelloHandler", List.of(required(lib.resolve("hello.jar"))),
                        List.of(lib.resolve("hello.jar")), event, Map.of(), List.of()),
                new Subject(NAIVE, "CodeDeployClient.create(), SDK defaults, Apache+Netty on the class path",
                        "dev.shepherd.bench.NaiveHookHandler", List.of(required(lib.resolve("naive.jar"))),
                        List.of(lib.resolve("naive.jar")), event, Map.of(), List.of()),
                new Subject(TUNED, "the same call on core's client (URLConnection, explicit region and credentials)",
                        "dev.shepherd.bench.TunedHookHandler", List.of(required(lib.resolve("core.jar"))),
                        List.of(lib.resolve("core.jar")), event, Map.of(), List.of()),
                new Subject(TELEMETRY, "tuned, inside core's Telemetry (Powertools logging + one EMF metric)",
                        "dev.shepherd.bench.TelemetryHookHandler", List.of(required(lib.resolve("core.jar"))),
                        List.of(lib.resolve("core.jar")), event, Map.of(), List.of()));
    }

    /**
     * Each function when its shaded jar exists: as deployed, against the loopback AWS endpoint (the figure closest
     * to Lambda), inside the sandbox, and initialised for SnapStart (its own priming run at init). Functions not
     * built yet are reported in {@code skipped}.
     */
    static List<Subject> functions(Path root, Path lib, List<String> skipped) {
        List<Subject> subjects = new ArrayList<>();
        for (Function f : FUNCTIONS) {
            List<Path> shaded = jarsIn(root.resolve(f.module()).resolve("target")).stream()
                    .filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).toList();
            Path event = root.resolve(f.event());
            if (shaded.size() != 1) {
                skipped.add(f.name() + ": expected one shaded *-lambda.jar in " + f.module() + "/target, found "
                        + shaded.size() + " (package the module with its maven-shade-plugin execution)");
                continue;
            }
            if (!Files.isRegularFile(event)) {
                skipped.add(f.name() + ": sample event " + f.event() + " is missing");
                continue;
            }
            subjects.add(new Subject(f.name(), "as deployed (shaded jar), AWS SDK against the loopback endpoint",
                    f.handler(), shaded, shaded, event, f.env(), List.of()));
            if (f.stream()) {
                var env = new HashMap<>(f.env());
                env.put("SHEPHERD_BENCH_TARGET", f.handler());
                if (f.scenario() != null) {
                    env.put("SHEPHERD_BENCH_SCENARIO", root.resolve(f.scenario()).toString());
                }
                subjects.add(new Subject(f.name() + "@sandbox", "the same jar inside the sandbox (fakes' classes count)",
                        "dev.shepherd.bench.SandboxBoot",
                        List.of(shaded.get(0), required(lib.resolve("sandbox.jar"))), shaded, event, env, List.of()));
            } else {
                skipped.add(f.name() + "@sandbox: no bench scenario seeds its secret yet");
            }
            var snapStartEnv = new HashMap<>(f.env());
            snapStartEnv.putAll(SNAPSTART_ENV);
            subjects.add(new Subject(f.name() + "+snapstart", "as deployed, initialised for SnapStart: its priming runs "
                    + "before the first poll", f.handler(), shaded, shaded, event, snapStartEnv, SNAPSTART_JVM));
        }
        return subjects;
    }

    private static Path required(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -pl bench -am package -DskipTests");
        }
        return jar;
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

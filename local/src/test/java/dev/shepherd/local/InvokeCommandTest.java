package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.shepherd.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code shepherd invoke} end to end, in-process: arguments → handler → stdout, stderr, exit code, journal. */
class InvokeCommandTest {
    static final Path REPO = Path.of(System.getProperty("shepherd.repo.root", ".."));

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return Json.parse(out);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(InvokeCommandTest.class.getResource("/invoke/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Run shepherd(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Shepherd(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Path.of("."), Map.of()).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static String[] invoke(String function, String event, String... options) {
        List<String> args = new ArrayList<>(List.of("invoke", function, resource(event).toString(),
                "--template", resource("template.yaml").toString()));
        args.addAll(List.of(options));
        return args.toArray(String[]::new);
    }

    @Test
    void streamHandlerGetsRawEventAndTemplateEnvironmentAndOnlyItsResponseReachesStdout() throws IOException {
        Path journal = tmp.resolve("journal.jsonl");

        Run run = shepherd(invoke("EchoFunction", "echo.json", "--journal", journal.toString()));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip().lines()).hasSize(1);
        JsonNode response = run.json();
        assertThat(response.get("event")).isEqualTo(Json.parse(Files.readString(resource("echo.json"))));
        assertThat(Json.MAPPER.convertValue(response.get("environment"), Map.class)).isEqualTo(Map.of(
                "SHEPHERD_ENVIRONMENT", "staging",
                "POWERTOOLS_LOG_LEVEL", "DEBUG",
                "AWS_REGION", "eu-west-1",
                "TOPIC_ARN", "<Topic>",
                "TOPIC_NAME", "<Topic.TopicName>",
                "PLAN_PATH", "/shepherd/staging/deployments/eu-west-1",
                "ESCAPED", "${Literal}-<Topic.TopicName>",
                "GUARD", "relaxed",
                "JOINED", "a:123456789012"));
        assertThat(response.get("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(response.get("remainingMillis").asInt()).isBetween(1, 30_000);
        assertThat(run.out()).doesNotContain("noise");
        assertThat(run.err()).contains("echo: noise that must not reach stdout", "echo: logged through the Lambda logger");
        assertThat(journal).exists().isEmptyFile();
    }

    @Test
    void pojoHandlerGetsTheEventDeserialisedAsTheLambdaRuntimeDoes() {
        Run run = shepherd("invoke", "RotationFunction",
                REPO.resolve("events/secretsmanager/rotation-create-secret.json").toString(),
                "--template", resource("template.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("step").asText()).isEqualTo("createSecret");
        assertThat(run.json().get("secretId").asText())
                .isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds/orders-app-Ab12Cd");
        assertThat(run.json().get("token").asText()).isEqualTo("5f1e9a2c-7b3d-4e8f-9a0b-1c2d3e4f5a6b");
    }

    @Test
    void handlerReturningNothingPrintsNull() {
        Path event = write("ok.json", "{\"ok\": true}");

        Run run = shepherd("invoke", "FailingFunction", event.toString(),
                "--template", resource("template.yaml").toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("null");
    }

    @Test
    void throwingHandlerExitsNonZeroWithItsMessageOnStderrAndStillWritesTheJournal() {
        Path journal = tmp.resolve("journal.jsonl");

        Run run = shepherd(invoke("FailingFunction", "failing.json", "--journal", journal.toString()));

        assertThat(run.exit()).isEqualTo(Shepherd.FUNCTION_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("FailingFunction failed", "IllegalStateException",
                "the check plan for orders is missing");
        assertThat(journal).exists().isEmptyFile();
    }

    @Test
    void malformedEventIsAFunctionErrorNamingTheEventType() {
        Run run = shepherd(invoke("RotationFunction", "malformed.json"));

        assertThat(run.exit()).isEqualTo(Shepherd.FUNCTION_FAILED);
        assertThat(run.err()).contains("does not deserialise into", "SecretsManagerRotationEvent");
    }

    @Test
    void handlerOutlivingTheTemplateTimeoutIsStoppedLikeLambdaDoes() {
        long start = System.nanoTime();

        Run run = shepherd(invoke("SleepyFunction", "failing.json"));

        assertThat(run.exit()).isEqualTo(Shepherd.FUNCTION_FAILED);
        assertThat(run.err()).contains("Task timed out after 1.00 seconds");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000);
    }

    @Test
    void awsModeUsesTheRealSdkAgainstTheStandardEndpointSettingAndJournalsTheCall() throws IOException {
        HttpServer ssm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> received = new ArrayList<>();
        ssm.createContext("/", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Amz-Target") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = """
                    {"Parameter": {"Name": "/shepherd/staging/deployments/orders/blue-green", "Type": "SecureString",
                     "Value": "s3cr3t-plan", "Version": 1}}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ssm.start();
        Map<String, String> saved = new java.util.HashMap<>();
        Map<String, String> props = Map.of("aws.endpointUrl", "http://127.0.0.1:" + ssm.getAddress().getPort(),
                "aws.accessKeyId", "AKIDLOCAL", "aws.secretAccessKey", "local-secret");
        props.forEach((k, v) -> saved.put(k, System.setProperty(k, v)));
        Path journal = tmp.resolve("journal.jsonl");
        try {
            Run run = shepherd(invoke("EchoFunction", "echo-ssm.json", "--aws", "--journal", journal.toString()));

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.json().get("parameterType").asText()).isEqualTo("SecureString");
            assertThat(received).singleElement().asString().startsWith("AmazonSSM.GetParameter ")
                    .contains("/shepherd/staging/deployments/orders/blue-green");
            List<String> lines = Files.readAllLines(journal);
            assertThat(lines).hasSize(1);
            JsonNode call = Json.parse(lines.get(0));
            assertThat(call.get("service").asText()).isEqualTo("ssm");
            assertThat(call.get("operation").asText()).isEqualTo("GetParameter");
            assertThat(call.get("request").get("Name").asText()).isEqualTo("/shepherd/staging/deployments/orders/blue-green");
            assertThat(call.get("request").get("WithDecryption").asBoolean()).isTrue();
            assertThat(run.out() + run.err() + lines).doesNotContain("s3cr3t-plan");
        } finally {
            ssm.stop(0);
            saved.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }

    @Test
    void realHookFromTheRealTemplateOnARealEventAndScenario() throws IOException {
        Path journal = tmp.resolve("journal.jsonl");

        Run run = shepherd("invoke", "EcsDeploymentHook", REPO.resolve("events/ecs/production-traffic-shift-rollback.json").toString(),
                "--scenario", REPO.resolve("events/scenarios/hook-ecs-native.json").toString(),
                "--template", REPO.resolve("template.yaml").toString(), "--journal", journal.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("hookStatus").asText()).isEqualTo("SUCCEEDED");
        // The event's own weights show the rollback, so it is answered without any AWS call.
        assertThat(Files.exists(journal) ? Files.readAllLines(journal) : java.util.List.<String>of()).isEmpty();
    }

    @Test
    void realRotationCreateSecretFromTheSampleEventAndScenarioStoresAPendingValueWithoutShowingIt() throws IOException {
        Path journal = tmp.resolve("journal.jsonl");

        Run run = shepherd("invoke", "SecretRotationFunction",
                REPO.resolve("events/secretsmanager/rotation-create-secret.json").toString(),
                "--scenario", REPO.resolve("events/scenarios/rotation-orders-db.json").toString(),
                "--template", REPO.resolve("template.yaml").toString(), "--journal", journal.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("null");
        List<String> calls = Files.readAllLines(journal);
        assertThat(calls).anySatisfy(line -> assertThat(line).contains("\"operation\":\"GetRandomPassword\""));
        assertThat(calls).filteredOn(line -> line.contains("\"operation\":\"PutSecretValue\"")).singleElement()
                .satisfies(line -> assertThat(line).contains("\"VersionStages\":[\"AWSPENDING\"]")
                        .contains("\"SecretString\":\"*** redacted ***\""));
        assertThat(run.err()).doesNotContain("initial-Pa55word");
    }

    @Test
    void realHookAnsweringAnUnknownEventMakesNoCallAndStillWritesTheJournal() throws IOException {
        Path journal = tmp.resolve("journal.jsonl");

        Run run = shepherd("invoke", "EcsDeploymentHook", REPO.resolve("events/ecs/unknown-stage.json").toString(),
                "--template", REPO.resolve("template.yaml").toString(), "--journal", journal.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.json().get("hookStatus").asText()).isEqualTo("FAILED");
        assertThat(journal).exists().isEmptyFile();
    }

    @Test
    void aHandlerWhoseInitRejectsItsConfigurationIsAFunctionErrorNamingTheSetting() {
        Run run = shepherd("invoke", "CodeDeployHookAfterInstall",
                REPO.resolve("events/codedeploy/ecs-after-allow-test-traffic.json").toString(),
                "--template", REPO.resolve("template.yaml").toString(), "--env", "HOOK_EVENT=Install");

        assertThat(run.exit()).isEqualTo(Shepherd.FUNCTION_FAILED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("init of DeploymentHookHandler failed", "HOOK_EVENT is 'Install'");
    }

    @Test
    void badArgumentsAreAUsageError() {
        assertUsage(shepherd(), "no command given");
        assertUsage(shepherd("deploy"), "unknown command 'deploy'");
        assertUsage(shepherd("invoke", "EchoFunction"), "invoke needs <FunctionLogicalId> <event.json>");
        assertUsage(shepherd(invoke("EchoFunction", "echo.json", "--verbose")), "unknown option --verbose");
        assertUsage(shepherd(invoke("EchoFunction", "echo.json", "--journal")), "--journal needs a file");
        assertUsage(shepherd(invoke("EchoFunction", "echo.json", "--env", "NOVALUE")), "--env needs NAME=VALUE");
        assertUsage(shepherd(invoke("EchoFunction", "echo.json", "--aws", "--scenario", "x.json")),
                "cannot be combined with --aws");
        assertUsage(shepherd(), "usage: shepherd invoke");
    }

    @Test
    void wrongFunctionEventOrTemplateIsAClearErrorNotAStackTrace() {
        Run unknown = shepherd(invoke("NoSuchFunction", "echo.json"));
        assertThat(unknown.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(unknown.err()).contains("no AWS::Serverless::Function named 'NoSuchFunction'", "EchoFunction");

        Run missingEvent = shepherd("invoke", "EchoFunction", tmp.resolve("nope.json").toString(),
                "--template", resource("template.yaml").toString());
        assertThat(missingEvent.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(missingEvent.err()).contains("cannot read event file").contains("nope.json");

        Run missingClass = shepherd(invoke("MissingFunction", "echo.json"));
        assertThat(missingClass.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(missingClass.err()).contains("DoesNotExist is not on the class path");

        Run notAHandler = shepherd(invoke("NotAFunction", "echo.json"));
        assertThat(notAHandler.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(notAHandler.err()).contains("implements neither RequestHandler nor RequestStreamHandler");

        Run badScenario = shepherd(invoke("EchoFunction", "echo.json", "--scenario", write("s.json",
                "{\"glacier\": {}}").toString()));
        assertThat(badScenario.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(badScenario.err()).contains("scenario names unknown service 'glacier'");
    }

    private static void assertUsage(Run run, String message) {
        assertThat(run.exit()).isEqualTo(Shepherd.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains(message);
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(tmp.resolve(name), content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

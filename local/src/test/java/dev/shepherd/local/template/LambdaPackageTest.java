package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.shepherd.core.Json;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The jar each template function deploys, as Lambda gets it: it holds the handler, no second HTTP client and no
 * sandbox, and it still logs. (Shading once let Powertools' Log4j2Plugins.dat overwrite log4j-core's, and every
 * function went silent in Lambda while all in-process tests passed.)
 */
class LambdaPackageTest {
    static Stream<String> codeUris() {
        Template template = Template.load(RepoFiles.template());
        return template.functionIds().stream().map(id -> template.function(id).codeUri()).distinct();
    }

    private static Path jar(String codeUri) {
        Path jar = RepoFiles.root().resolve(codeUri);
        assumeTrue(Files.isRegularFile(jar), jar + " is not built (run ./mvnw package); skipping its package check");
        return jar;
    }

    @ParameterizedTest
    @MethodSource("codeUris")
    void theJarHoldsTheHandlerAndNoApacheNettyOrSandboxClasses(String codeUri) throws IOException {
        Template template = Template.load(RepoFiles.template());
        try (ZipFile zip = new ZipFile(jar(codeUri).toFile())) {
            template.functionIds().stream().map(template::function).filter(f -> f.codeUri().equals(codeUri))
                    .forEach(f -> assertThat(zip.getEntry(f.handlerClass().replace('.', '/') + ".class"))
                            .as("handler %s in %s", f.handlerClass(), codeUri).isNotNull());
            assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/apache/"))
                    .noneMatch(n -> n.startsWith("software/amazon/awssdk/http/nio/netty/"))
                    .noneMatch(n -> n.startsWith("io/netty/"))
                    .noneMatch(n -> n.startsWith("dev/shepherd/sandbox/"));
        }
    }

    @ParameterizedTest
    @MethodSource("codeUris")
    void theJarLogsJsonInAFreshJvm(String codeUri) throws Exception {
        Path jar = jar(codeUri);
        Path probeClasses = Path.of(LogProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", jar + File.pathSeparator + probeClasses,
                LogProbe.class.getName(), "alive").redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        // Powertools' Lambda JSON layout, field for field: the jar's Log4j plugin index is cut to the plugins the
        // configuration uses (tools/jar-trim), so a plugin missing from that list would show here.
        assertThat(output.lines().toList()).as("log lines from %s", codeUri).hasSize(2).allMatch(l -> l.startsWith("{"));
        List<JsonNode> lines = output.lines().map(Json::parse).toList();
        List<String> context = List.of("function_arn", "function_name", "function_request_id", "function_version",
                "service", "timestamp");
        assertThat(lines.get(0).path("level").asText()).isEqualTo("INFO");
        assertThat(lines.get(0).path("message").asText()).isEqualTo("probe alive");
        assertThat(fields(lines.get(0))).containsExactlyElementsOf(
                Stream.concat(Stream.of("level", "message"), context.stream()).toList());
        assertThat(lines.get(1).path("level").asText()).isEqualTo("WARN");
        assertThat(fields(lines.get(1))).containsExactlyElementsOf(
                Stream.concat(Stream.of("level", "message", "error"), context.stream()).toList());
        assertThat(lines.get(1).path("error").path("name").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(lines.get(1).path("error").path("message").asText()).isEqualTo("probe exception");
        assertThat(lines.get(1).path("error").path("stack").asText())
                .startsWith("java.lang.IllegalStateException: probe exception\n\tat " + LogProbe.class.getName());
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static Stream<FunctionSpec> functions() {
        Template template = Template.load(RepoFiles.template());
        return template.functionIds().stream().map(template::function);
    }

    /**
     * What the template fills in with intrinsics (a table's name, a role's ARN, a topic, the account), as
     * placeholders of the right shape, and the SSM endpoint for functions that read their routes at init.
     */
    private static Map<String, String> intrinsicStandIns(int ssmPort) {
        return Map.of("INCIDENT_TABLE", "probe-incidents", "SCHEDULE_GROUP", "probe-escalations",
                "SCHEDULER_ROLE_ARN", "arn:aws:iam::111122223333:role/probe",
                "SELF_FUNCTION_ARN", "arn:aws:lambda:eu-west-1:111122223333:function:probe:live",
                "ALERT_TABLE", "probe-budget-alerts", "ACCOUNT_ID", "111122223333",
                "BUDGET_TOPIC_ARNS", "arn:aws:sns:eu-west-1:111122223333:probe-budget-alerts",
                "AWS_ENDPOINT_URL_SSM", "http://127.0.0.1:" + ssmPort);
    }

    /**
     * Answers a read of {@code /shepherd/dev/routes} with the smallest route file a notifying function accepts at
     * init, and any other parameter (the budget guard's optional cost policy) with ParameterNotFound.
     */
    private static HttpServer ssmWithRoutes() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        String routes = "{\"defaultSeverity\":\"high\",\"channels\":{\"ops\":{\"type\":\"sns\",\"topicArn\":"
                + "\"arn:aws:sns:eu-west-1:111122223333:shepherd-probe\"}},\"severities\":{\"high\":{\"notify\":[\"ops\"]}}}";
        byte[] found = Json.write(Json.MAPPER.createObjectNode().set("Parameter", Json.MAPPER.createObjectNode()
                .put("Name", "/shepherd/dev/routes").put("Type", "String").put("Value", routes).put("Version", 1)))
                .getBytes(StandardCharsets.UTF_8);
        byte[] notFound = "{\"__type\":\"ParameterNotFound\",\"message\":\"no such parameter\"}"
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            String name = Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                    .path("Name").asText();
            byte[] body = name.equals("/shepherd/dev/routes") ? found : notFound;
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(body == found ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    /**
     * SDK cores before 2.53 built every service's metadata (about 300 classes) with the first client; a service
     * module of an older version must not bring that back. The handler is constructed as at Lambda init.
     */
    @ParameterizedTest
    @MethodSource("functions")
    void initLoadsNoServiceMetadata(FunctionSpec function) throws Exception {
        Path jar = jar(function.codeUri());
        Path probeClasses = Path.of(InitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xlog:class+load=info:stdout", "-cp",
                jar + File.pathSeparator + probeClasses, InitProbe.class.getName(), function.handlerClass())
                .redirectErrorStream(true);
        builder.environment().clear();
        // The template's literal variables (HOOK_EVENT, ...); intrinsics are left out and the essentials set below.
        function.environment().properties().stream().filter(e -> e.getValue().isValueNode())
                .forEach(e -> builder.environment().put(e.getKey(), e.getValue().asText()));
        builder.environment().putAll(Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev",
                "AWS_LAMBDA_FUNCTION_NAME", "probe", "AWS_ACCESS_KEY_ID", "AKIDPROBE", "AWS_SECRET_ACCESS_KEY", "probe",
                "AWS_SESSION_TOKEN", "probe"));
        HttpServer ssm = ssmWithRoutes();
        String output;
        try {
            builder.environment().putAll(intrinsicStandIns(ssm.getAddress().getPort()));
            Process process = builder.start();
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();
        } finally {
            ssm.stop(0);
        }

        assertThat(output).as("init of %s", function.handlerClass()).contains("constructed " + function.handlerClass());
        assertThat(output.lines().filter(l -> l.contains("software.amazon.awssdk.regions.servicemetadata.")))
                .as("service metadata classes loaded at init of %s", function.handlerClass()).isEmpty();
    }
}

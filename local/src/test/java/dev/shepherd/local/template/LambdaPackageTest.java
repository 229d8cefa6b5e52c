package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.core.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(output.lines().filter(l -> l.startsWith("{")).map(Json::parse))
                .as("JSON log lines from %s:%n%s", codeUri, output)
                .anySatisfy(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("INFO");
                    assertThat(line.path("message").asText()).isEqualTo("probe alive");
                });
    }

    static Stream<FunctionSpec> functions() {
        Template template = Template.load(RepoFiles.template());
        return template.functionIds().stream().map(template::function);
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
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe JVM finished").isTrue();

        assertThat(output).as("init of %s", function.handlerClass()).contains("constructed " + function.handlerClass());
        assertThat(output.lines().filter(l -> l.contains("software.amazon.awssdk.regions.servicemetadata.")))
                .as("service metadata classes loaded at init of %s", function.handlerClass()).isEmpty();
    }
}

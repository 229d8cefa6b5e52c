package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.core.Json;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
}

package dev.shepherd.trim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.MethodModel;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trims a jar made the way a function's is (the real SSM module, the SDK it needs, and code that calls it), then runs
 * the trimmed client against a loopback server.
 */
class JarTrimTest {

    static final String SSM = "software/amazon/awssdk/services/ssm/";
    static final String CLIENT = SSM + "DefaultSsmClient.class";

    /** The SDK jars of the test class path, merged as the shade plugin merges them. */
    static Map<String, byte[]> sdk;

    @TempDir
    Path dir;

    @BeforeAll
    static void mergeSdk() throws IOException {
        sdk = new LinkedHashMap<>();
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String p = path.replace(File.separatorChar, '/');
            if (p.endsWith(".jar") && (p.contains("/software/amazon/awssdk/") || p.contains("/org/reactivestreams/")
                    || p.contains("/org/slf4j/"))) {
                try (ZipInputStream in = new ZipInputStream(Files.newInputStream(Path.of(path)))) {
                    for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                        byte[] bytes = in.readAllBytes();
                        if (e.getName().startsWith("META-INF/services/") && sdk.containsKey(e.getName())) {
                            sdk.merge(e.getName(), bytes, JarTrimTest::lines);
                        } else if (!e.isDirectory()) {
                            sdk.putIfAbsent(e.getName(), bytes);
                        }
                    }
                }
            }
        }
        assertThat(sdk).containsKeys(CLIENT, SSM + "model/PutParameterRequest.class",
                "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
    }

    @Test
    void keepsTheOperationsTheJarCallsAndTheClientStillWorks() throws Exception {
        Path jar = jar("app.jar", "ReadsParameter");
        int ssmBefore = count(read(jar), SSM);
        assertThat(call(jar, "ReadsParameter", 400, "application/x-amz-json-1.1", ssmError("ParameterAlreadyExists"),
                null)).isEqualTo("ParameterAlreadyExistsException:ParameterAlreadyExists");

        JarTrim.Result result = JarTrim.trim(jar);

        Map<String, byte[]> out = read(jar);
        assertThat(out).containsKeys(SSM + "model/GetParameterRequest.class", SSM + "model/GetParameterResponse.class",
                        SSM + "model/ParameterNotFoundException.class",
                        SSM + "model/GetParametersByPathRequest.class",
                        SSM + "paginators/GetParametersByPathIterable.class")
                .doesNotContainKeys(SSM + "model/PutParameterRequest.class", SSM + "model/DeleteParameterRequest.class",
                        SSM + "model/ParameterAlreadyExistsException.class",
                        SSM + "paginators/DescribeParametersIterable.class",
                        SSM + "internal/warmup/SsmWarmUpProvider.class");
        // getParametersByPath is called only by the paginator the fixture names: reached through the fixed point.
        assertThat(operations(out.get(CLIENT))).contains("getParameter", "getParametersByPath")
                .doesNotContain("putParameter", "deleteParameter", "describeParameters", "sendCommand");
        String consumer = "(Ljava/util/function/Consumer;)Ljava/util/concurrent/CompletableFuture;";
        assertThat(methods(out.get(SSM + "SsmAsyncClient.class"))).contains("getParameter" + consumer)
                .doesNotContain("putParameter" + consumer, "deleteParameter" + consumer);
        assertThat(result.keptOperations().get("ssm")).containsExactlyInAnyOrder("getParameter",
                "getParametersByPath", "getParametersByPathPaginator");
        assertThat(new String(out.getOrDefault(JarTrim.WARM_UP_PROVIDERS, new byte[0]), StandardCharsets.UTF_8))
                .doesNotContain("Ssm");
        int ssmAfter = count(out, SSM);
        assertThat(ssmAfter).isLessThan(ssmBefore / 5);
        assertThat(result.perService().get("ssm")).containsExactly(ssmBefore, ssmAfter);
        // Nothing outside the service packages is touched.
        for (Map.Entry<String, byte[]> e : out.entrySet()) {
            if (!e.getKey().startsWith("software/amazon/awssdk/services/") && !e.getKey().equals(JarTrim.WARM_UP_PROVIDERS)) {
                assertThat(e.getValue()).as(e.getKey()).isEqualTo(entry(e.getKey()));
            }
        }

        try (URLClassLoader loader = loader(jar)) {
            // Every kept service class loads and its signatures resolve: no kept method names a removed class.
            for (String entry : out.keySet()) {
                if (entry.startsWith(SSM) && entry.endsWith(".class")) {
                    Class<?> c = Class.forName(entry.replace('/', '.').replace(".class", ""), false, loader);
                    c.getDeclaredMethods();
                    c.getDeclaredFields();
                }
            }
        }
        List<String> targets = new CopyOnWriteArrayList<>();
        assertThat(call(jar, "ReadsParameter", 200, "application/x-amz-json-1.1", """
                {"Parameter":{"Name":"/app/flag","Type":"String","Value":"on","Version":3}}""", targets))
                .isEqualTo("on");
        assertThat(targets).containsExactly("AmazonSSM.GetParameter");
        // getParameter declares ParameterNotFound; PutParameter's ParameterAlreadyExists now maps to the base class.
        assertThat(call(jar, "ReadsParameter", 400, "application/x-amz-json-1.1", ssmError("ParameterNotFound"), null))
                .isEqualTo("ParameterNotFoundException:ParameterNotFound");
        assertThat(call(jar, "ReadsParameter", 400, "application/x-amz-json-1.1", ssmError("ParameterAlreadyExists"),
                null)).isEqualTo("SsmException:ParameterAlreadyExists");
    }

    @Test
    void unregistersTheModeledExceptionsNoKeptOperationThrows() throws Exception {
        String sns = "software/amazon/awssdk/services/sns/";
        Path jar = jar("sns.jar", "PublishesToSns");
        assertThat(call(jar, "PublishesToSns", 403, "text/xml", snsError("TopicLimitExceeded"), null))
                .isEqualTo("TopicLimitExceededException:TopicLimitExceeded");

        JarTrim.trim(jar);

        // Publish declares NotFound and the KMS errors, not CreateTopic's TopicLimitExceeded or TagPolicy.
        assertThat(read(jar)).containsKeys(sns + "model/NotFoundException.class",
                        sns + "model/KmsThrottlingException.class", sns + "model/SnsException.class")
                .doesNotContainKeys(sns + "model/TopicLimitExceededException.class",
                        sns + "model/TagPolicyException.class");
        assertThat(call(jar, "PublishesToSns", 200, "text/xml", """
                <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>\
                <MessageId>m-1</MessageId></PublishResult><ResponseMetadata><RequestId>r-1</RequestId>\
                </ResponseMetadata></PublishResponse>""", null)).isEqualTo("m-1");
        assertThat(call(jar, "PublishesToSns", 404, "text/xml", snsError("NotFound"), null))
                .isEqualTo("NotFoundException:NotFound");
        // An error code no kept operation declares still arrives, as the service's base exception.
        assertThat(call(jar, "PublishesToSns", 403, "text/xml", snsError("TopicLimitExceeded"), null))
                .isEqualTo("SnsException:TopicLimitExceeded");
    }

    @Test
    void theSameInputGivesTheSameJarAndATrimmedJarIsAFixedPoint() throws IOException {
        Path a = jar("a.jar", "ReadsParameter");
        Path b = jar("b.jar", "ReadsParameter");
        JarTrim.trim(a);
        JarTrim.trim(b);
        assertThat(a).hasSameBinaryContentAs(b);

        // Trimming again removes nothing (the constant pools may be laid out anew, so bytes are not compared).
        JarTrim.Result again = JarTrim.trim(a);
        assertThat(again.classesAfter()).isEqualTo(again.classesBefore());
        assertThat(read(a).keySet()).containsExactlyElementsOf(read(b).keySet());
        assertThat(operations(read(a).get(CLIENT))).isEqualTo(operations(read(b).get(CLIENT)));
    }

    @Test
    void refusesAJarThatRunsTheSdkWarmUpAndLeavesItUntouched() throws IOException {
        Path jar = jar("app.jar", "ReadsParameter", "CallsSdkWarmUp");
        byte[] before = Files.readAllBytes(jar);

        assertThatThrownBy(() -> JarTrim.trim(jar)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev/shepherd/trim/fixture/CallsSdkWarmUp")
                .hasMessageContaining("SdkWarmUp")
                .hasMessageContaining("Priming");
        assertThat(Files.readAllBytes(jar)).isEqualTo(before);
        assertThat(dir.resolve("app.jar.trim")).doesNotExist();
    }

    @Test
    void aClientWithNoOperationCalledKeepsNone() throws Exception {
        Path jar = jar("app.jar", "NamesClient");
        JarTrim.Result result = JarTrim.trim(jar);
        Map<String, byte[]> out = read(jar);
        assertThat(out).containsKeys(CLIENT, SSM + "SsmClient.class");
        assertThat(operations(out.get(CLIENT))).isEmpty();
        assertThat(result.keptOperations()).doesNotContainKey("ssm");
        // A class named only in a descriptor stays: reflection and the verifier resolve it.
        assertThat(out).containsKey(SSM + "model/GetParametersRequest.class");
        try (URLClassLoader loader = loader(jar)) {
            assertThat(loader.loadClass("dev.shepherd.trim.fixture.NamesClient").getDeclaredMethods()).hasSize(2);
        }
    }

    @Test
    void theLinkCheckCatchesARemovedClassAndARemovedOperation() throws IOException {
        Map<String, byte[]> before = entries("ReadsParameter");
        Map<String, byte[]> noResponse = new LinkedHashMap<>(before);
        noResponse.remove(SSM + "model/GetParameterResponse.class");
        assertThatThrownBy(() -> JarTrim.verify(before, noResponse)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("would not link")
                .hasMessageContaining("names removed " + SSM + "model/GetParameterResponse");

        // A client trimmed for code that calls nothing, then given code that calls getParameter.
        Path jar = jar("app.jar", "NamesClient");
        JarTrim.trim(jar);
        Map<String, byte[]> trimmed = read(jar);
        String reads = "dev/shepherd/trim/fixture/ReadsParameter.class";
        trimmed.put(reads, before.get(reads));
        assertThatThrownBy(() -> JarTrim.verify(before, trimmed)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("calls " + SSM + "SsmClient.getParameter, which was removed");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    /**
     * Runs {@code fixture}'s one public static method from {@code jar} alone (nothing from this class path) against
     * a loopback server that answers every request with the given response, and returns what it returned.
     */
    private static Object call(Path jar, String fixture, int status, String contentType, String body,
                               List<String> targets) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            if (targets != null) {
                targets.add(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            }
            exchange.getRequestBody().readAllBytes();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(bytes);
            }
        });
        server.start();
        try (URLClassLoader loader = loader(jar)) {
            Class<?> c = loader.loadClass("dev.shepherd.trim.fixture." + fixture);
            Method run = Arrays.stream(c.getMethods())
                    .filter(m -> m.getDeclaringClass() == c && m.getParameterCount() > 0
                            && Arrays.stream(m.getParameterTypes()).allMatch(t -> t == String.class))
                    .findFirst().orElseThrow();
            String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
            return run.getParameterCount() == 1 ? run.invoke(null, endpoint) : run.invoke(null, endpoint, "/app/flag");
        } finally {
            server.stop(0);
        }
    }

    private static URLClassLoader loader(Path jar) throws IOException {
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    }

    private static String ssmError(String code) {
        return "{\"__type\":\"%s\",\"message\":\"refused\"}".formatted(code);
    }

    private static String snsError(String code) {
        return """
                <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type>\
                <Code>%s</Code><Message>refused</Message></Error><RequestId>r-2</RequestId></ErrorResponse>"""
                .formatted(code);
    }

    private Path jar(String name, String... fixtures) throws IOException {
        Path jar = dir.resolve(name);
        write(entries(fixtures), jar);
        return jar;
    }

    private static Map<String, byte[]> entries(String... fixtures) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (String fixture : fixtures) {
            String entry = "dev/shepherd/trim/fixture/" + fixture + ".class";
            try (InputStream in = JarTrimTest.class.getClassLoader().getResourceAsStream(entry)) {
                entries.put(entry, in.readAllBytes());
            }
        }
        entries.putAll(sdk);
        return entries;
    }

    private static byte[] entry(String name) {
        if (sdk.containsKey(name)) {
            return sdk.get(name);
        }
        try (InputStream in = JarTrimTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> operations(byte[] client) {
        return ClassFile.of().parse(client).methods().stream()
                .filter(m -> m.methodType().stringValue().contains(SSM + "model/"))
                .map(MethodModel::methodName).map(Object::toString).collect(Collectors.toSet());
    }

    private static Set<String> methods(byte[] cls) {
        return ClassFile.of().parse(cls).methods().stream()
                .map(m -> m.methodName().stringValue() + m.methodType().stringValue()).collect(Collectors.toSet());
    }

    private static int count(Map<String, byte[]> entries, String prefix) {
        return (int) entries.keySet().stream().filter(e -> e.startsWith(prefix) && e.endsWith(".class")).count();
    }

    private static Map<String, byte[]> read(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : new ArrayList<>(zip.stream().toList())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    private static void write(Map<String, byte[]> entries, Path jar) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
    }

    private static byte[] lines(byte[] a, byte[] b) {
        String first = new String(a, StandardCharsets.UTF_8);
        return (first.endsWith("\n") ? first : first + "\n").concat(new String(b, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }
}

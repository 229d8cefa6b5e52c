package dev.shepherd.rotation;

import static dev.shepherd.rotation.Harness.field;
import static dev.shepherd.rotation.Harness.logsIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.shepherd.core.AwsClients;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/**
 * An independent check of FakeSecretsManager: the same rotations, through the real handler and the real SDK
 * client from core's {@link AwsClients}, against moto's Secrets Manager on loopback ({@code moto_server}, started
 * here; skipped when it is not installed). The test itself plays Secrets Manager's part with a separate client:
 * {@code CreateSecret}, then {@code RotateSecret} naming a Lambda function that moto knows but does not run
 * (its {@code use_docker} is switched off), so moto creates the value-less AWSPENDING version as AWS does, and
 * then the test makes the four invocations itself.
 */
class MotoContractTest {
    private static Process moto;
    private static String endpoint;
    private static SecretsManagerClient operator;
    private static String rotationLambdaArn;
    private CallJournal journal;
    private SecretRotationHandler handler;

    @BeforeAll
    static void startMoto() throws Exception {
        Optional<Path> binary = findMotoServer();
        assumeTrue(binary.isPresent(), "moto_server is not installed (pip install 'moto[server]'): moto contract skipped");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        moto = new ProcessBuilder(binary.get().toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        endpoint = "http://127.0.0.1:" + port;
        long until = System.nanoTime() + 30_000_000_000L;
        while (!accepts(port)) {
            assumeTrue(moto.isAlive() && System.nanoTime() < until, "moto_server did not start within 30 s: skipped");
            Thread.sleep(100);
        }
        System.setProperty("aws.endpointUrl", endpoint);
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "moto-secret");
        rotationLambdaArn = registerRotationFunction();
        operator = SecretsManagerClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "moto")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopMoto() {
        System.clearProperty("aws.endpointUrl");
        if (operator != null) {
            operator.close();
        }
        if (moto != null) {
            moto.destroy();
        }
    }

    @BeforeEach
    void handler() {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev"));
        // Without the CA, PostgreSQL's certificate does not verify, and that is no reason for a plain login.
        Databases.postgresCertificate().ifPresent(ca -> env.put("DB_CA_BUNDLE", ca.toString()));
        journal = CallJournal.recording();
        handler = new SecretRotationHandler(new Platform(env, new AwsClients(env, journal), Clock.systemUTC()));
    }

    private String create(String value) {
        return operator.createSecret(r -> r.name("rds/" + UUID.randomUUID()).secretString(value)).arn();
    }

    private String begin(String arn) {
        return operator.rotateSecret(r -> r.secretId(arn).rotationLambdaARN(rotationLambdaArn)
                .rotationRules(rr -> rr.automaticallyAfterDays(30L))).versionId();
    }

    private String step(String arn, String token, Step step) {
        return handler.decide(Harness.event(step.wire(), arn, token), new LocalContext("secret-rotation", 60_000));
    }

    private String rotate(String arn) {
        String token = begin(arn);
        for (Step step : Step.values()) {
            step(arn, token, step);
        }
        return token;
    }

    private String current(String arn) {
        return operator.getSecretValue(r -> r.secretId(arn).versionStage("AWSCURRENT")).secretString();
    }

    /**
     * Moto refuses RotateSecret while AWSPENDING shares AWSCURRENT's version, a state AWS accepts (and AWS's own
     * functions leave); an operator's clean-up of the label makes the next rotation start on both.
     */
    private void clearPendingOnCurrent(String arn) {
        DescribeSecretResponse d = operator.describeSecret(r -> r.secretId(arn));
        SecretStore.versionWith(d, "AWSPENDING").ifPresent(v -> operator.updateSecretVersionStage(r -> r.secretId(arn)
                .versionStage("AWSPENDING").removeFromVersionId(v)));
    }

    @Test
    void thePlaceholderHasNoValueUntilCreateSecretAndRetriesAreNoOps() {
        String arn = create("{\"apiKey\":\"initial\",\"rotatedKeys\":[\"apiKey\"],\"keep\":1}");
        String token = begin(arn);
        assertThat(new SecretStore(operator, Deadline.of(Clock.systemUTC(), 60_000, Duration.ZERO)).pending(arn, token)).isEmpty();

        step(arn, token, Step.CREATE);
        String pending = new SecretStore(operator, Deadline.of(Clock.systemUTC(), 60_000, Duration.ZERO)).pending(arn, token).orElseThrow();
        assertThat(step(arn, token, Step.CREATE)).contains("reused");
        assertThat(new SecretStore(operator, Deadline.of(Clock.systemUTC(), 60_000, Duration.ZERO)).pending(arn, token)).contains(pending);
        step(arn, token, Step.SET);
        step(arn, token, Step.TEST);
        step(arn, token, Step.FINISH);

        assertThat(current(arn)).isEqualTo(pending);
        assertThat(Json.parse(current(arn)).get("keep").asInt()).isEqualTo(1);
        for (Step s : Step.values()) {
            assertThat(step(arn, token, s)).contains("already AWSCURRENT");
        }
        assertThat(journal.calls("secretsmanager", "PutSecretValue")).hasSize(1);
    }

    @Test
    void postgresSingleUserAndAlternatingUsersRotateAgainstMoto() throws SQLException {
        int port = Databases.postgres().getPort();
        String user = "moto_" + ProcessHandle.current().pid();
        PostgresRotationTest.createRole(user, "initial-pw");
        String single = create(Json.write(Harness.secret("postgres", "localhost", port, user, "initial-pw")));
        String before = current(single);
        rotate(single);
        assertThat(logsIn(current(single))).isTrue();
        assertThat(logsIn(before)).isFalse();

        String master = create(Json.write(Json.MAPPER.createObjectNode().put("host", "localhost").put("port", port)
                .put("username", Databases.PG_ADMIN)
                .put("password", Databases.PG_ADMIN_PASSWORD)));
        String alternating = create(Json.write(Harness.secret("postgres", "localhost", port, user,
                field(current(single), "password")).put("masterarn", master)));
        String first = current(alternating);
        rotate(alternating);
        assertThat(field(current(alternating), "username")).isEqualTo(user + "_clone");
        assertThat(logsIn(current(alternating))).isTrue();
        assertThat(logsIn(first)).isTrue();

        clearPendingOnCurrent(alternating);
        rotate(alternating);
        assertThat(field(current(alternating), "username")).isEqualTo(user);
        assertThat(logsIn(current(alternating))).isTrue();
    }

    /**
     * Moto checks that RotateSecret names an existing function (with an existing role) and invokes it; with
     * docker off, an invocation is a no-op. Set up over moto's plain HTTP APIs (it does not check signatures).
     */
    private static String registerRotationFunction() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        send(http, HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/config"))
                .POST(BodyPublishers.ofString("{\"lambda\": {\"use_docker\": false}}")), "moto-api");
        String trust = URLEncoder.encode("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}", StandardCharsets.UTF_8);
        send(http, HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("Action=CreateRole&Version=2010-05-08&RoleName=shepherd-rotation"
                        + "&AssumeRolePolicyDocument=" + trust)), "iam");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("placeholder.txt"));
            z.write("not run".getBytes(StandardCharsets.UTF_8));
        }
        String function = Json.write(Json.MAPPER.createObjectNode().put("FunctionName", "shepherd-rotation")
                .put("Runtime", "java21").put("Handler", SecretRotationHandler.class.getName())
                .put("Role", "arn:aws:iam::123456789012:role/shepherd-rotation")
                .set("Code", Json.MAPPER.createObjectNode().put("ZipFile", Base64.getEncoder().encodeToString(zip.toByteArray()))));
        String created = send(http, HttpRequest.newBuilder(URI.create(endpoint + "/2015-03-31/functions"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(function)), "lambda");
        return Json.parse(created).get("FunctionArn").asText();
    }

    private static String send(HttpClient http, HttpRequest.Builder request, String service) throws Exception {
        HttpResponse<String> response = http.send(request.header("Authorization", "AWS4-HMAC-SHA256 Credential="
                + "AKIDEXAMPLE/20260101/eu-west-1/" + service + "/aws4_request, SignedHeaders=host, Signature=0").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("moto setup (" + service + ") answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<Path> findMotoServer() {
        Stream<String> dirs = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                Stream.of(System.getProperty("user.home") + "/.pyenv/shims"));
        return dirs.filter(d -> !d.isBlank()).map(d -> Path.of(d, "moto_server")).filter(Files::isExecutable).findFirst();
    }
}

package dev.shepherd.rotation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.LocalContext;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/** Each Secrets Manager call rotation makes, on the wire through core's real client: request shape and error mapping. */
class SecretStoreWireTest {
    private static final String ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:rds/app-Ab12Cd";
    private static final String TOKEN = "5f1e9a2c-7b3d-4e8f-9a0b-1c2d3e4f5a6b";
    static WireMockServer sm;
    private SecretStore store;

    @BeforeAll
    static void start() {
        sm = AwsWireStub.start();
    }

    @AfterAll
    static void stop() {
        AwsWireStub.stop(sm);
    }

    @BeforeEach
    void client() {
        sm.resetAll();
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1");
        store = new SecretStore(new AwsClients(env, CallJournal.recording()).client(SecretsManagerClient.class),
                Deadline.of(Clock.systemUTC(), 60_000, Duration.ZERO));
    }

    private static void answer(String operation, int status, String body) {
        sm.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager." + operation))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody(body)));
    }

    private static void verifyBody(String operation, String json) {
        sm.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager." + operation))
                .withRequestBody(equalToJson(json, true, true)));
    }

    @Test
    void thePendingVersionIsReadByIdAndLabelAndNotFoundMeansNoValueYet() {
        answer("GetSecretValue", 400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find"
                + " the specified secret value for VersionId: " + TOKEN + "\"}");

        assertThat(store.pending(ARN, TOKEN)).isEmpty();
        verifyBody("GetSecretValue", "{\"SecretId\":\"" + ARN + "\",\"VersionId\":\"" + TOKEN
                + "\",\"VersionStage\":\"AWSPENDING\"}");
    }

    @Test
    void putPendingSendsTheTokenOnlyThePendingLabelAndTheRotationToken() {
        answer("PutSecretValue", 200, "{\"ARN\":\"" + ARN + "\",\"VersionId\":\"" + TOKEN + "\",\"VersionStages\":[\"AWSPENDING\"]}");

        store.putPending(ARN, TOKEN, "{\"password\":\"x\"}", Optional.of("rotation-token"));

        verifyBody("PutSecretValue", "{\"SecretId\":\"" + ARN + "\",\"ClientRequestToken\":\"" + TOKEN
                + "\",\"SecretString\":\"{\\\"password\\\":\\\"x\\\"}\",\"VersionStages\":[\"AWSPENDING\"],"
                + "\"RotationToken\":\"rotation-token\"}");
    }

    @Test
    void aConflictingPutIsReportedAsResourceExists() {
        answer("PutSecretValue", 400, "{\"__type\":\"ResourceExistsException\",\"message\":\"You can't modify an existing version\"}");
        assertThatThrownBy(() -> store.putPending(ARN, TOKEN, "v", Optional.empty())).isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void promoteMovesCurrentFromTheOldVersion() {
        answer("UpdateSecretVersionStage", 200, "{\"ARN\":\"" + ARN + "\"}");
        store.promote(ARN, TOKEN, Optional.of("0ld0ld0l-d0ld-0ld0-ld0l-d0ld0ld0ld0l"));
        verifyBody("UpdateSecretVersionStage", "{\"SecretId\":\"" + ARN + "\",\"VersionStage\":\"AWSCURRENT\",\"MoveToVersionId\":\""
                + TOKEN + "\",\"RemoveFromVersionId\":\"0ld0ld0l-d0ld-0ld0-ld0l-d0ld0ld0ld0l\"}");
    }

    @Test
    void describeIsRetriedWhenThrottled() {
        sm.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs(STARTED).willSetStateTo("again")
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        sm.stubFor(post(urlEqualTo("/")).inScenario("t").whenScenarioStateIs("again")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withBody("{\"ARN\":\"" + ARN + "\",\"RotationEnabled\":true,\"VersionIdsToStages\":{\""
                                + TOKEN + "\":[\"AWSPENDING\"]}}")));

        assertThat(store.describe(ARN).versionIdsToStages()).containsKey(TOKEN);
        sm.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void randomPasswordErrorsPropagate() {
        answer("GetRandomPassword", 400, "{\"__type\":\"InvalidParameterException\",\"message\":\"Password length is too short\"}");
        assertThatThrownBy(() -> store.randomPassword(software.amazon.awssdk.services.secretsmanager.model
                .GetRandomPasswordRequest.builder().passwordLength(2L).build())).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void item7_aSecretsManagerThatNeverAnswersFailsTheStepInAboutTheDeadline() {
        sm.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)
                .withHeader("Content-Type", "application/x-amz-json-1.1").withBody("{}")));
        Map<String, String> env = Map.of("AWS_REGION", "eu-west-1", "SHEPHERD_ENVIRONMENT", "dev");
        SecretRotationHandler handler = new SecretRotationHandler(
                new Platform(env, new AwsClients(env, CallJournal.recording()), Clock.systemUTC()));
        // 4 s left, 2 s of them kept back to report: Secrets Manager gets 2 s, not the client's 15 s call timeout.
        long start = System.nanoTime();

        assertThatThrownBy(() -> handler.decide(Harness.event("createSecret", ARN, TOKEN),
                new LocalContext("secret-rotation", 4_000)))
                .isInstanceOf(RotationException.class)
                .hasMessageContaining("DescribeSecret").hasMessageContaining("before the Lambda deadline");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1_500), Duration.ofMillis(3_500));
    }
}

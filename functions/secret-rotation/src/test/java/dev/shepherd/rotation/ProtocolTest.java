package dev.shepherd.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SecretsManagerRotationEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.FakeSecretsManager;
import dev.shepherd.sandbox.FakeSecretsManager.Timing;
import dev.shepherd.sandbox.LocalContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;

/** The protocol and the generic strategy, on the sandbox: pre-checks, retries, event validation, settings. */
class ProtocolTest {
    private static final String API_SECRET = """
            {"username": "shepherd", "apiKey": "initial-key", "rotatedKeys": ["apiKey"], "endpoint": "https://partner.example"}""";
    private final Harness h = new Harness();

    static Path eventPath(String name) {
        return Path.of(System.getProperty("shepherd.repo.root", "../.."), "events", "secretsmanager", name);
    }

    static SecretsManagerRotationEvent eventFile(String name) {
        return EventLoader.loadSecretsManagerRotationEvent(eventPath(name).toString());
    }

    @Test
    void theSampleEventsDriveAFullRotationPassingTheRotationToken() throws Exception {
        String arn = h.seed(API_SECRET);
        String token = eventFile("rotation-create-secret.json").getClientRequestToken();
        h.sm.beginRotation(arn, token);

        // Through the entry point Lambda calls, with the raw file bytes (only the secret's ARN swapped in).
        for (String file : List.of("rotation-create-secret.json", "rotation-set-secret.json",
                "rotation-test-secret.json", "rotation-finish-secret.json")) {
            assertThat(eventFile(file).getRotationToken()).isNotBlank();
            ObjectNode raw = (ObjectNode) Json.parse(Files.readString(eventPath(file)));
            raw.put("SecretId", arn);
            h.handler.handleRequest(new ByteArrayInputStream(Json.write(raw).getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new LocalContext("secret-rotation", 60_000));
        }

        String now = h.current(arn);
        assertThat(Harness.field(now, "apiKey")).isNotEqualTo("initial-key").hasSize(32);
        assertThat(Json.parse(now).get("username").asText()).isEqualTo("shepherd");
        assertThat(Json.parse(now).get("endpoint").asText()).isEqualTo("https://partner.example");
        assertThat(h.sandbox.journal().calls("secretsmanager", "PutSecretValue")).singleElement()
                .satisfies(c -> assertThat(c.request().has("RotationToken")).isTrue());
        assertThat(h.sm.stages(arn).get(token)).contains("AWSCURRENT", "AWSPENDING");
    }

    @Test
    void aTokenThatIsNotAVersionFails() {
        String arn = h.seed(API_SECRET);
        assertThatThrownBy(() -> h.step(arn, UUID.randomUUID().toString(), Step.CREATE))
                .isInstanceOf(RotationException.class).hasMessageContaining("has no stage for rotation");
    }

    @ParameterizedTest
    @EnumSource(Step.class)
    void aTokenAlreadyCurrentIsSuccessForEveryStep(Step step) {
        String arn = h.seed(API_SECRET);
        String token = h.rotate(arn);
        String value = h.current(arn);
        h.sandbox.journal().clear();

        assertThat(h.step(arn, token, step)).contains("already AWSCURRENT");
        h.sm.removeStage(arn, "AWSPENDING");
        assertThat(h.step(arn, token, step)).contains("already AWSCURRENT");
        assertThat(h.current(arn)).isEqualTo(value);
        assertThat(h.sandbox.journal().calls()).allMatch(c -> c.operation().equals("DescribeSecret"));
    }

    @Test
    void aTokenOnlyPreviousOrOnlyACustomLabelFails() {
        String arn = h.seed(API_SECRET);
        String first = h.rotate(arn);
        h.rotate(arn);
        assertThat(h.sm.stages(arn).get(first)).containsExactly("AWSPREVIOUS");
        assertThatThrownBy(() -> h.step(arn, first, Step.SET)).hasMessageContaining("not set as AWSPENDING");

        String custom = UUID.randomUUID().toString();
        h.sm.putSecretValue(r -> r.secretId(arn).clientRequestToken(custom).secretString("x").versionStages("MYLABEL"));
        assertThatThrownBy(() -> h.step(arn, custom, Step.CREATE)).hasMessageContaining("not set as AWSPENDING");
    }

    @Test
    void rotationDisabledFailsAndAnAbsentFlagProceeds() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.sm.setRotationEnabled(arn, false);
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).hasMessageContaining("not enabled for rotation");
        h.sm.setRotationEnabled(arn, null);
        assertThat(h.step(arn, token, Step.CREATE)).contains("stored a new value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"create_secret", "CreateSecret", "rotate", " "})
    void unknownMisspelledAndEmptyStepsAreRejected(String step) {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        assertThatThrownBy(() -> h.handler.decide(Harness.event(step, arn, token),
                new LocalContext("secret-rotation", 60_000))).isInstanceOf(RotationException.class)
                .hasMessageMatching("(Invalid step parameter|The rotation event has no Step).*");
        assertThat(h.sm.valueAt(arn, "AWSPENDING")).isEmpty();
    }

    @Test
    void missingOrNonAsciiFieldsAreRejected() {
        LocalContext context = new LocalContext("secret-rotation", 60_000);
        assertThatThrownBy(() -> h.handler.decide(Harness.event("createSecret", null, "t"), context))
                .hasMessageContaining("no SecretId");
        assertThatThrownBy(() -> h.handler.decide(Harness.event("createSecret", "arn", "tök"), context))
                .hasMessageContaining("ClientRequestToken contains characters other than printable ASCII");
        assertThatThrownBy(() -> h.handler.decide((SecretsManagerRotationEvent) null, context))
                .hasMessageContaining("empty");
    }

    /** Lambda hands the handler the raw event, which it reads strictly (issue 6 item 12 for rotation). */
    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Step\": \"createSecret\", \"Step\": \"finishSecret\", \"SecretId\": \"a\", \"ClientRequestToken\": \"t\"}|Duplicate field 'Step'",
            "{\"Step\": \"createSecret\", \"SecretId\": \"a\", \"ClientRequestToken\": \"t\"} {}|content after the value",
            "{\"Step\": \"createSecret\", \"SecretId\": [\"a\"], \"ClientRequestToken\": \"t\"}|SecretId is not a string",
            "{\"Step\": \"createSecret\", \"SecretId\": \"a\", \"ClientRequestToken\": 7}|ClientRequestToken is not a string",
            "[]|not a JSON object",
            "{\"Step\": \"createSecret\", \"SecretId\": \"a\", \"RotationToken\": \"rt-s3cr3t\", |not one valid JSON document"})
    void aMalformedRawEventIsRefusedWithoutQuotingIt(String eventAndReason) {
        String[] parts = eventAndReason.split("\\|");
        assertThatThrownBy(() -> RotationRequest.parse(parts[0].getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RotationException.class).hasMessageContaining(parts[1])
                .message().doesNotContain("rt-s3cr3t");
    }

    @Test
    void createSecretRetriedAfterASuccessfulPutDoesNotPutAgain() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        String pending = h.sm.valueAt(arn, "AWSPENDING").orElseThrow();

        assertThat(h.step(arn, token, Step.CREATE)).contains("reused");
        assertThat(h.sm.valueAt(arn, "AWSPENDING")).contains(pending);
        assertThat(h.sandbox.journal().calls("secretsmanager", "PutSecretValue")).hasSize(1);
        assertThat(h.sandbox.journal().calls("secretsmanager", "GetRandomPassword")).hasSize(1);
    }

    @Test
    void aPutConflictFailsLoudly() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.sm.injectFault("PutSecretValue", Timing.BEFORE_EFFECT, () -> ResourceExistsException.builder()
                .message("You can't modify an existing version, you can only create a new version.").build());
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).isInstanceOf(ResourceExistsException.class);
    }

    @Test
    void aSecretWithoutCurrentValueOrWithBinaryOnlyIsAClearError() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.sm.removeStage(arn, "AWSCURRENT");
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).hasMessageContaining("has no AWSCURRENT value");

        String binary = h.seed("placeholder");
        h.sm.putSecretValue(r -> r.secretId(binary).secretBinary(SdkBytes.fromUtf8String("bytes")));
        String token2 = h.begin(binary);
        assertThatThrownBy(() -> h.step(binary, token2, Step.CREATE)).hasMessageContaining("SecretBinary only");
    }

    @Test
    void finishSecretMovesCurrentEvenWhenNoVersionHoldsIt() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        h.sm.removeStage(arn, "AWSCURRENT");

        assertThat(h.step(arn, token, Step.FINISH)).contains("no version held it");
        assertThat(h.sm.stages(arn).get(token)).contains("AWSCURRENT");
    }

    @Test
    void item6_finishSecretBeforeCreateSecretLeavesTheSecretUnchanged() {
        String arn = h.seed(API_SECRET);
        String old = h.sm.stages(arn).keySet().iterator().next();
        String token = h.begin(arn);
        Map<String, List<String>> before = h.sm.stages(arn);

        assertThatThrownBy(() -> h.step(arn, token, Step.FINISH))
                .isInstanceOf(RotationException.class).hasMessageContaining("has no value").hasMessageContaining(token);

        assertThat(h.sm.stages(arn)).isEqualTo(before);
        assertThat(h.sm.stages(arn).get(old)).containsExactly("AWSCURRENT");
        assertThat(h.sandbox.journal().calls("secretsmanager", "UpdateSecretVersionStage")).isEmpty();
        // The same rotation still completes afterwards.
        for (Step step : Step.values()) {
            h.step(arn, token, step);
        }
        assertThat(h.sm.stages(arn).get(token)).contains("AWSCURRENT");
        assertThat(Harness.field(h.current(arn), "apiKey")).isNotEqualTo("initial-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a trailing comma; an unrecognised token that is part of the password; a duplicate key; cut short
            "{\"engine\": \"postgres\", \"host\": \"db.example\", \"username\": \"app\", \"password\": \"pw-9s3cr3t\",}",
            "  {\"engine\": \"postgres\", \"host\": \"db.example\", \"username\": \"app\", \"password\": pw-9s3cr3t}",
            "{\"password\": \"pw-9s3cr3t\", \"password\": \"pw-9s3cr3t\"}",
            "{\"engine\": \"postgres\", \"password\": \"pw-9s3cr3t"})
    void item5_aDatabaseSecretThatIsNotValidJsonFailsEveryStepAndChangesNothing(String value) {
        String arn = h.seed(value);
        String token = h.begin(arn);
        Map<String, List<String>> before = h.sm.stages(arn);

        for (Step step : Step.values()) {
            assertThatThrownBy(() -> h.step(arn, token, step)).isInstanceOf(RotationException.class)
                    .message().doesNotContain("pw-9s3cr3t");
        }
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE))
                .hasMessageContaining("is not valid JSON").hasMessageContaining("line 1, column");
        assertThat(h.sm.stages(arn)).isEqualTo(before);
        assertThat(h.sandbox.journal().calls("secretsmanager", "PutSecretValue")).isEmpty();
        assertThat(h.sandbox.journal().calls("secretsmanager", "UpdateSecretVersionStage")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"engine\": \"postgres\", \"hots\": \"db.example\", \"username\": \"app\", \"password\": \"pw\"}|'host'",
            "{\"engnie\": \"postgres\", \"host\": \"db.example\", \"username\": \"app\", \"password\": \"pw\"}|'engine'",
            "{\"engine\": \"mysql\", \"host\": \"db.example\", \"user\": \"app\", \"password\": \"pw\"}|'username'",
            "{\"dbname\": \"orders\", \"host\": \"db.example\", \"username\": \"app\", \"password\": \"pw\"}|'engine'"})
    void item5_aDatabaseSecretWithAMisspeltKeyIsNotRotatedAsAGenericOne(String valueAndKey) {
        String[] parts = valueAndKey.split("\\|");
        String arn = h.seed(parts[0]);
        String token = h.begin(arn);

        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).isInstanceOf(RotationException.class)
                .hasMessageContaining("has no " + parts[1] + " key");
        assertThat(h.current(arn)).isEqualTo(parts[0]);
        assertThat(h.sandbox.journal().calls("secretsmanager", "PutSecretValue")).isEmpty();
    }

    @Test
    void item5_aGenericJsonSecretWithUsernameAndPasswordStaysGeneric() {
        String arn = h.seed("{\"username\": \"partner\", \"password\": \"initial-pw\"}");
        h.rotate(arn);
        assertThat(Harness.field(h.current(arn), "password")).isNotEqualTo("initial-pw");
        assertThat(Harness.field(h.current(arn), "username")).isEqualTo("partner");
    }

    @Test
    void aRotationAbandonedByAManualUpdateFailsItsLaterSteps() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.step(arn, token, Step.CREATE);
        h.sm.putSecretValue(r -> r.secretId(arn).secretString(API_SECRET.replace("initial-key", "set-by-hand")));

        // The abandoned version lost its only label, so it is no longer listed at all.
        assertThatThrownBy(() -> h.step(arn, token, Step.SET)).hasMessageContaining("has no stage for rotation");
        assertThat(Harness.field(h.current(arn), "apiKey")).isEqualTo("set-by-hand");
    }

    @Test
    void aNearlyExhaustedDeadlineFailsBeforeAnyChange() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE, 1_000)).hasMessageContaining("deadline");
        assertThat(h.sandbox.journal().calls()).isEmpty();
    }

    @Test
    void aBareStringSecretIsReplacedWhole() {
        String arn = h.seed("just-a-token");
        h.rotate(arn);
        assertThat(h.current(arn)).hasSize(32).isNotEqualTo("just-a-token");
    }

    /** A value starting with '{' is read as JSON, so a bare string's new value must never hold one. */
    @Test
    void aBareStringsNewValueCannotBeMistakenForJson() {
        Harness custom = new Harness(Map.of("EXCLUDE_CHARACTERS", "#"));
        String arn = custom.seed("just-a-token");
        custom.rotate(arn);

        assertThat(custom.sandbox.journal().calls("secretsmanager", "GetRandomPassword")).singleElement()
                .satisfies(c -> assertThat(c.request().path("ExcludeCharacters").asText()).isEqualTo("#{"));
        assertThat(custom.current(arn)).doesNotContain("{");
        custom.rotate(arn);
        assertThat(custom.current(arn)).hasSize(32);
    }

    @Test
    void aMissingConfiguredKeyFails() {
        String arn = h.seed("{\"username\": \"x\", \"rotatedKeys\": [\"apiKey\"]}");
        String token = h.begin(arn);
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).hasMessageContaining("no string key 'apiKey'");
    }

    @Test
    void passwordSettingsComeFromTheEnvironment() {
        Harness custom = new Harness(Map.of("PASSWORD_LENGTH", "12", "EXCLUDE_PUNCTUATION", "yes"));
        String arn = custom.seed("token");
        custom.rotate(arn);
        assertThat(custom.current(arn)).matches("[A-Za-z0-9]{12}");
    }

    @Test
    void invalidPasswordSettingsFailAtInitNamingEveryProblem() {
        assertThatThrownBy(() -> new Harness(Map.of("PASSWORD_LENGTH", "5000", "EXCLUDE_NUMBERS", "maybe")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PASSWORD_LENGTH is 5000").hasMessageContaining("EXCLUDE_NUMBERS is 'maybe'");
        assertThatThrownBy(() -> new Harness(Map.of("EXCLUDE_NUMBERS", "true", "EXCLUDE_PUNCTUATION", "1",
                "EXCLUDE_UPPERCASE", "y", "EXCLUDE_LOWERCASE", "TRUE")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no character is left");
    }

    @Test
    void aGetRandomPasswordErrorPropagates() {
        String arn = h.seed(API_SECRET);
        String token = h.begin(arn);
        h.sm.injectFault("GetRandomPassword", Timing.BEFORE_EFFECT, FakeSecretsManager::internalError);
        assertThatThrownBy(() -> h.step(arn, token, Step.CREATE)).hasMessageContaining("server side");
        assertThat(h.sm.valueAt(arn, "AWSPENDING")).isEmpty();
    }
}

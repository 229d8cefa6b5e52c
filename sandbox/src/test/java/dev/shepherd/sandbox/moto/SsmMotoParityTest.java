package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParametersResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * SSM Parameter Store: {@code FakeSsm} seeded from a scenario versus moto seeded with {@code PutParameter}.
 * Not compared: a SecureString read without decryption (moto returns a value that embeds the plain text;
 * AWS and the fake return an opaque ciphertext).
 */
class SsmMotoParityTest extends MotoParityTest {
    SsmClient fake;
    SsmClient real;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("ssm", "application/x-amz-json-1.1", "AmazonSSM.GetParameter", "{\"Name\":\"/warm-up\"}");
    }

    @BeforeEach
    void seed() {
        fake = new Sandbox().load(Json.parse("""
                {"ssm": {"parameters": [
                  {"Name": "/shepherd/dev/hook/health-path", "Type": "String", "Value": "/health"},
                  {"Name": "/shepherd/dev/hook/alarms", "Type": "StringList", "Value": "orders-5xx,orders-latency"},
                  {"Name": "/shepherd/dev/db/password", "Type": "SecureString", "Value": "hunter2"}]}}""")).client(SsmClient.class);
        real = onMoto(SsmClient.class);
        create("/shepherd/dev/hook/health-path", ParameterType.STRING, "/health");
        create("/shepherd/dev/hook/alarms", ParameterType.STRING_LIST, "orders-5xx,orders-latency");
        create("/shepherd/dev/db/password", ParameterType.SECURE_STRING, "hunter2");
    }

    /**
     * On a loaded machine moto can answer after the client's attempt timeout; the SDK then retries a create
     * that already happened. That retry's ParameterAlreadyExists is fine when the stored value is ours.
     */
    private void create(String name, ParameterType type, String value) {
        try {
            real.putParameter(r -> r.name(name).type(type).value(value));
        } catch (ParameterAlreadyExistsException retried) {
            assertThat(real.getParameter(r -> r.name(name).withDecryption(true)).parameter().value()).isEqualTo(value);
        }
    }

    static List<Object> essentials(Parameter p) {
        return List.of(p.name(), p.typeAsString(), p.value(), p.version());
    }

    @Test
    void getParameterOfEachType() {
        for (String name : List.of("/shepherd/dev/hook/health-path", "/shepherd/dev/hook/alarms", "/shepherd/dev/db/password")) {
            var answer = sameAnswer(fake, real, c -> essentials(c.getParameter(r -> r.name(name).withDecryption(true)).parameter()));
            assertThat(answer).contains(name);
        }
    }

    @Test
    void unknownParameter() {
        sameError(fake, real, c -> c.getParameter(r -> r.name("/shepherd/dev/none")));
    }

    @Test
    void getParametersWithAnUnknownName() {
        var answer = sameAnswer(fake, real, c -> {
            GetParametersResponse response = c.getParameters(r -> r.names("/shepherd/dev/hook/health-path", "/nope"));
            return List.of(response.parameters().stream().map(SsmMotoParityTest::essentials).toList(), response.invalidParameters());
        });
        assertThat(answer.get(1)).isEqualTo(List.of("/nope"));
    }

    @Test
    void putParameterRulesAndVersions() {
        sameError(fake, real, c -> c.putParameter(r -> r.name("/shepherd/dev/hook/health-path").type(ParameterType.STRING).value("/x")));
        var version = sameAnswer(fake, real, c -> c.putParameter(r -> r.name("/shepherd/dev/hook/health-path")
                .type(ParameterType.STRING).value("/ready").overwrite(true)).version());
        assertThat(version).isEqualTo(2L);
        sameAnswer(fake, real, c -> essentials(c.getParameter(r -> r.name("/shepherd/dev/hook/health-path")).parameter()));
    }
}

package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.ValidationException;

class FakeSsmTest {
    static final String SCENARIO = """
            {"ssm": {"parameters": [
              {"Name": "/shepherd/dev/hook/health-path", "Type": "String", "Value": "/health"},
              {"Name": "/shepherd/dev/hook/alarms", "Type": "StringList", "Value": "orders-5xx,orders-latency", "Version": 3},
              {"Name": "/shepherd/dev/db/password", "Type": "SecureString", "Value": "hunter2"}]}}""";

    Sandbox sandbox;
    SsmClient ssm;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse(SCENARIO));
        ssm = sandbox.client(SsmClient.class);
    }

    @Test
    void getParameterByTypeAndVersion() {
        var p = ssm.getParameter(r -> r.name("/shepherd/dev/hook/health-path")).parameter();
        assertThat(p.value()).isEqualTo("/health");
        assertThat(p.type()).isEqualTo(ParameterType.STRING);
        assertThat(p.version()).isEqualTo(1L);
        var list = ssm.getParameter(r -> r.name("/shepherd/dev/hook/alarms")).parameter();
        assertThat(list.type()).isEqualTo(ParameterType.STRING_LIST);
        assertThat(list.value().split(",")).containsExactly("orders-5xx", "orders-latency");
        assertThat(list.version()).isEqualTo(3L);
    }

    @Test
    void secureStringsAreDecryptedOnlyOnRequest() {
        assertThat(ssm.getParameter(r -> r.name("/shepherd/dev/db/password").withDecryption(true)).parameter().value())
                .isEqualTo("hunter2");
        String opaque = ssm.getParameter(r -> r.name("/shepherd/dev/db/password")).parameter().value();
        assertThat(opaque).isNotBlank().doesNotContain("hunter2");
        assertThat(sandbox.journal().calls().toString()).doesNotContain("hunter2");
    }

    @Test
    void unknownParameterIsParameterNotFound() {
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name("/shepherd/dev/none")))
                .isInstanceOf(ParameterNotFoundException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).awsErrorDetails().errorCode()).isEqualTo("ParameterNotFound"));
        assertThatThrownBy(() -> ssm.getParameter(r -> r.name(""))).isInstanceOf(ValidationException.class);
    }

    @Test
    void getParametersListsUnknownNamesAndCapsAtTen() {
        var response = ssm.getParameters(r -> r.names("/shepherd/dev/hook/health-path", "/nope"));
        assertThat(response.parameters()).extracting(p -> p.name()).containsExactly("/shepherd/dev/hook/health-path");
        assertThat(response.invalidParameters()).containsExactly("/nope");
        assertThatThrownBy(() -> ssm.getParameters(r -> r.names(IntStream.range(0, 11).mapToObj(i -> "/p" + i).toList())))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void putParameterNeedsOverwriteAndBumpsTheVersion() {
        assertThat(ssm.putParameter(r -> r.name("/shepherd/dev/new").type(ParameterType.STRING).value("a")).version()).isEqualTo(1L);
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/shepherd/dev/new").type(ParameterType.STRING).value("b")))
                .isInstanceOf(ParameterAlreadyExistsException.class);
        assertThat(ssm.putParameter(r -> r.name("/shepherd/dev/new").value("b").overwrite(true)).version()).isEqualTo(2L);
        assertThat(ssm.getParameter(r -> r.name("/shepherd/dev/new")).parameter().value()).isEqualTo("b");
        assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/shepherd/dev/untyped").value("x")))
                .isInstanceOf(ValidationException.class);
    }
}

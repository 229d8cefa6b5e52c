package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** SSM (JSON 1.1, target prefix {@code AmazonSSM}) on the wire versus {@code FakeSsm}. */
class SsmContractTest extends ContractTest {
    SsmClient fake;
    SsmClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"ssm": {"parameters": [{"Name": "/shepherd/dev/x", "Type": "String", "Value": "42"}]}}""")).client(SsmClient.class);
        real = real(SsmClient.class);
    }

    @Test
    void getParameter() {
        wire.stubFor(jsonCall("AmazonSSM.GetParameter").willReturn(json("""
                {"Parameter": {"Name": "/shepherd/dev/db", "Type": "SecureString", "Value": "s3cr3t", "Version": 4,
                 "LastModifiedDate": 1764150012.5, "ARN": "arn:aws:ssm:eu-west-1:111122223333:parameter/shepherd/dev/db",
                 "DataType": "text"}}""")));

        var p = real.getParameter(r -> r.name("/shepherd/dev/db").withDecryption(true)).parameter();

        assertThat(p.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(p.version()).isEqualTo(4L);
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(equalToJson("{\"Name\":\"/shepherd/dev/db\",\"WithDecryption\":true}")));
        assertThat(journal.calls().toString()).doesNotContain("s3cr3t");
    }

    @Test
    void getParameterErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.getParameter(r -> r.name("/shepherd/dev/none"));
        assertWireErrorLikeFake(jsonCall("AmazonSSM.GetParameter"), false,
                () -> fake.getParameter(r -> r.name("/shepherd/dev/none")), realCall);
        assertWireErrorLikeFake(jsonCall("AmazonSSM.GetParameter"), false, () -> fake.getParameter(r -> r.name("")), realCall);
    }

    @Test
    void getParameters() {
        wire.stubFor(jsonCall("AmazonSSM.GetParameters").willReturn(json("""
                {"Parameters": [{"Name": "/shepherd/dev/x", "Type": "String", "Value": "42", "Version": 1}],
                 "InvalidParameters": ["/shepherd/dev/none"]}""")));

        var response = real.getParameters(r -> r.names("/shepherd/dev/x", "/shepherd/dev/none"));

        assertThat(response.parameters()).extracting(p -> p.value()).containsExactly("42");
        assertThat(response.invalidParameters()).containsExactly("/shepherd/dev/none");
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameters"))
                .withRequestBody(equalToJson("{\"Names\":[\"/shepherd/dev/x\",\"/shepherd/dev/none\"]}")));
    }

    @Test
    void putParameter() {
        wire.stubFor(jsonCall("AmazonSSM.PutParameter").willReturn(json("{\"Version\": 2, \"Tier\": \"Standard\"}")));

        assertThat(real.putParameter(r -> r.name("/shepherd/dev/x").value("43").type(ParameterType.STRING).overwrite(true))
                .version()).isEqualTo(2L);
        wire.verify(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM.PutParameter"))
                .withRequestBody(equalToJson("{\"Name\":\"/shepherd/dev/x\",\"Value\":\"43\",\"Type\":\"String\",\"Overwrite\":true}")));
        assertWireErrorLikeFake(jsonCall("AmazonSSM.PutParameter"), false,
                () -> fake.putParameter(r -> r.name("/shepherd/dev/x").value("43").type(ParameterType.STRING)),
                () -> real.putParameter(r -> r.name("/shepherd/dev/x").value("43").type(ParameterType.STRING)));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> jsonCall("AmazonSSM.GetParameter"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"),
                json("{\"Parameter\": {\"Name\": \"/shepherd/dev/x\", \"Type\": \"String\", \"Value\": \"42\"}}")));

        assertThat(real.getParameter(r -> r.name("/shepherd/dev/x")).parameter().value()).isEqualTo("42");
        assertThat(requests()).hasSize(2);
    }

    @Test
    void aServerErrorIsRetried() {
        stubSequence(() -> jsonCall("AmazonSSM.GetParameter"), List.of(
                jsonError(500, "InternalServerError", "internal"),
                json("{\"Parameter\": {\"Name\": \"/shepherd/dev/x\", \"Type\": \"String\", \"Value\": \"42\"}}")));

        assertThat(real.getParameter(r -> r.name("/shepherd/dev/x")).parameter().value()).isEqualTo("42");
        assertThat(requests()).hasSize(2);
    }
}

package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.shepherd.core.AwsClients;
import dev.shepherd.core.AwsWireStub;
import dev.shepherd.core.CallJournal;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkClient;

/**
 * Base of the wire-level contract tests: the real SDK clients from core's {@link AwsClients} talk to a
 * WireMock server on loopback (through the SDK's own {@code aws.endpointUrl} setting), so each test checks
 * the request the SDK really sends, how it parses an AWS-shaped answer, and that an error response maps to
 * the same exception class and code the sandbox fake throws.
 */
abstract class ContractTest {
    static WireMockServer wire;
    CallJournal journal;

    @BeforeAll
    static void startWire() {
        wire = AwsWireStub.start();
    }

    @AfterAll
    static void stopWire() {
        AwsWireStub.stop(wire);
    }

    @BeforeEach
    void resetWire() {
        wire.resetAll();
        journal = CallJournal.recording();
    }

    <T extends SdkClient> T real(Class<T> type) {
        return real(type, "eu-west-1");
    }

    <T extends SdkClient> T real(Class<T> type, String region) {
        return new AwsClients(Map.of("AWS_REGION", region), journal).client(type);
    }

    /** A JSON-protocol request (CodeDeploy, ECS, SSM): POST / with the operation in {@code X-Amz-Target}. */
    static MappingBuilder jsonCall(String target) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target));
    }

    /** A query-protocol request (ELBv2, CloudWatch): POST / with {@code Action=...} in the form body. */
    static MappingBuilder queryCall(String action) {
        return post(urlEqualTo("/")).withRequestBody(containing("Action=" + action + "&"));
    }

    static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(body);
    }

    static ResponseDefinitionBuilder jsonError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
    }

    static ResponseDefinitionBuilder xml(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(body);
    }

    static ResponseDefinitionBuilder queryError(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>
                <RequestId>7d2a1b4e-0000-4000-8000-000000000001</RequestId></ErrorResponse>""".formatted(code, message));
    }

    /** Answers the request with each response in turn, the last one from then on. */
    static void stubSequence(Supplier<MappingBuilder> request, List<ResponseDefinitionBuilder> responses) {
        String state = STARTED;
        for (int i = 0; i < responses.size(); i++) {
            String next = i + 1 < responses.size() ? "step-" + (i + 1) : state;
            wire.stubFor(request.get().inScenario("sequence").whenScenarioStateIs(state).willSetStateTo(next)
                    .willReturn(responses.get(i)));
            state = next;
        }
    }

    /** A whole response parsed from the wire carries what the fake's does (the HTTP metadata aside). */
    static void assertSameFields(software.amazon.awssdk.core.SdkResponse fromWire, software.amazon.awssdk.core.SdkResponse fromFake) {
        assertThat(fromWire.equalsBySdkFields(fromFake)).as("%s%nequals%n%s", fromWire, fromFake).isTrue();
    }

    static AwsServiceException thrownBy(Runnable call) {
        try {
            call.run();
        } catch (AwsServiceException e) {
            return e;
        }
        return fail("expected an AwsServiceException");
    }

    /** The SDK maps the wire error to the exception the fake throws: same class, code and status. */
    static void assertSameError(AwsServiceException fromFake, Runnable realCall) {
        AwsServiceException fromWire = thrownBy(realCall);
        assertThat(fromWire).isExactlyInstanceOf(fromFake.getClass());
        assertThat(fromWire.awsErrorDetails().errorCode()).isEqualTo(fromFake.awsErrorDetails().errorCode());
        assertThat(fromWire.statusCode()).isEqualTo(fromFake.statusCode());
    }

    /** Serves the fake's own error on the wire and checks the real client throws it just the same. */
    static void assertWireErrorLikeFake(MappingBuilder request, boolean query, Runnable fakeCall, Runnable realCall) {
        AwsServiceException fromFake = thrownBy(fakeCall);
        String code = fromFake.awsErrorDetails().errorCode();
        String message = fromFake.awsErrorDetails().errorMessage();
        wire.resetAll();
        wire.stubFor(request.willReturn(query ? queryError(fromFake.statusCode(), code, message)
                : jsonError(fromFake.statusCode(), code, message)));
        assertSameError(fromFake, realCall);
        assertThat(requests()).as(code + " is final: the SDK does not retry it").hasSize(1);
    }

    static List<LoggedRequest> requests() {
        return wire.getAllServeEvents().stream().map(e -> e.getRequest()).toList();
    }

    static LoggedRequest onlyRequest() {
        List<LoggedRequest> all = requests();
        assertThat(all).hasSize(1);
        return all.getFirst();
    }
}

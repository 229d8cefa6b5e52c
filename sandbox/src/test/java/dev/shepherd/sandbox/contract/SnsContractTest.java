package dev.shepherd.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SNS {@code Publish} on the wire versus {@code FakeSns}: the SDK speaks the AWS query protocol to SNS
 * ({@code Action=Publish&Version=2010-03-31}, message attributes as {@code MessageAttributes.entry.N.*}, XML answers).
 */
class SnsContractTest extends ContractTest {
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops";
    static final String OK = """
            <PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>
            <MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult>
            <ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>""";

    SnsClient fake;
    SnsClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("{\"sns\": {\"topics\": [\"" + TOPIC + "\"]}}")).client(SnsClient.class);
        real = real(SnsClient.class);
    }

    @Test
    void publish() {
        wire.stubFor(queryCall("Publish").willReturn(xml(OK)));

        String id = real.publish(r -> r.topicArn(TOPIC).subject("[HIGH] dev: orders 5xx").message("line 1\nline & 2")
                .messageAttributes(Map.of("severity", MessageAttributeValue.builder().dataType("String").stringValue("high").build())))
                .messageId();

        assertThat(id).isEqualTo("94f20ce6-13c5-43a0-9a9e-ca52d816e90b");
        assertThat(onlyRequest().getBodyAsString()).contains("Action=Publish", "Version=2010-03-31",
                "TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aops", "Subject=%5BHIGH%5D+dev%3A+orders+5xx",
                "Message=line+1%0Aline+%26+2", "MessageAttributes.entry.1.Name=severity",
                "MessageAttributes.entry.1.Value.DataType=String", "MessageAttributes.entry.1.Value.StringValue=high");
        assertThat(journal.calls("sns", "Publish")).hasSize(1);
    }

    @Test
    void publishErrorsMapLikeTheFake() {
        Runnable realCall = () -> real.publish(r -> r.topicArn(TOPIC).message("m"));
        assertWireErrorLikeFake(queryCall("Publish"), true,
                () -> fake.publish(r -> r.topicArn("arn:aws:sns:eu-west-1:123456789012:none").message("m")), realCall);
        assertWireErrorLikeFake(queryCall("Publish"), true,
                () -> fake.publish(r -> r.topicArn(TOPIC).subject("s".repeat(101)).message("m")), realCall);
        assertWireErrorLikeFake(queryCall("Publish"), true,
                () -> fake.publish(r -> r.topicArn(TOPIC).message("m").messageAttributes(Map.of("severity",
                        MessageAttributeValue.builder().dataType("String").stringValue("").build()))), realCall);
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> queryCall("Publish"), List.of(queryError(429, "Throttled", "Rate exceeded"), xml(OK)));

        assertThat(real.publish(r -> r.topicArn(TOPIC).message("m")).messageId()).isNotBlank();
        assertThat(requests()).hasSize(2);
    }
}

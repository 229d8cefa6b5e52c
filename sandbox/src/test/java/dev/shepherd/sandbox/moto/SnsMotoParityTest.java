package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * SNS {@code Publish}: {@code FakeSns} seeded from a scenario versus moto seeded with {@code CreateTopic}. Not
 * compared, because moto differs from AWS there: an empty message and a subject with a line break (moto accepts
 * both), and message attribute errors (moto answers InvalidParameter, AWS ParameterValueInvalid).
 */
class SnsMotoParityTest extends MotoParityTest {
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops";

    SnsClient fake;
    SnsClient real;

    @BeforeAll
    static void loadBackends() throws Exception {
        warmUp("sns", "application/x-www-form-urlencoded", null, "Action=ListTopics&Version=2010-03-31");
    }

    @BeforeEach
    void seed() {
        fake = new Sandbox().load(Json.parse("{\"sns\": {\"topics\": [\"" + TOPIC + "\"]}}")).client(SnsClient.class);
        real = onMoto(SnsClient.class);
        assertThat(real.createTopic(r -> r.name("ops")).topicArn()).isEqualTo(TOPIC);
    }

    @Test
    void publishToAKnownTopicWithAttributes() {
        sameAnswer(fake, real, c -> !c.publish(r -> r.topicArn(TOPIC).subject("s".repeat(100)).message("body")
                .messageAttributes(Map.of("severity", MessageAttributeValue.builder().dataType("String")
                        .stringValue("critical").build()))).messageId().isBlank());
    }

    @Test
    void publishToAnUnknownTopic() {
        sameError(fake, real, c -> c.publish(r -> r.topicArn("arn:aws:sns:eu-west-1:123456789012:none").message("m")));
    }

    @Test
    void aSubjectOver100Characters() {
        sameError(fake, real, c -> c.publish(r -> r.topicArn(TOPIC).subject("s".repeat(101)).message("m")));
    }

    @Test
    void aMessageOver256KB() {
        sameAnswer(fake, real, c -> !c.publish(r -> r.topicArn(TOPIC).message("x".repeat(262_144))).messageId().isBlank());
        sameError(fake, real, c -> c.publish(r -> r.topicArn(TOPIC).message("x".repeat(262_145))));
    }
}

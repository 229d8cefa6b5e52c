package dev.shepherd.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.shepherd.core.Json;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.ThrottledException;

class FakeSnsTest {
    static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ops";

    Sandbox sandbox;
    SnsClient sns;

    @BeforeEach
    void seed() {
        sandbox = new Sandbox().load(Json.parse("{\"sns\": {\"topics\": [\"" + TOPIC + "\"]}}"));
        sns = sandbox.client(SnsClient.class);
    }

    static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    void publishRecordsTheMessageWithItsAttributes() {
        String id = sns.publish(r -> r.topicArn(TOPIC).subject("[HIGH] dev: orders").message("body")
                .messageAttributes(Map.of("severity", string("high")))).messageId();

        assertThat(sandbox.fake(FakeSns.class).published()).singleElement().satisfies(p -> {
            assertThat(p.messageId()).isEqualTo(id);
            assertThat(p.subject()).isEqualTo("[HIGH] dev: orders");
            assertThat(p.message()).isEqualTo("body");
            assertThat(p.attribute("severity")).isEqualTo("high");
        });
        assertThat(sandbox.journal().calls("sns", "Publish")).singleElement()
                .satisfies(c -> assertThat(c.request().path("TopicArn").asText()).isEqualTo(TOPIC));
    }

    @Test
    void anUnknownTopicIsNotFound() {
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn("arn:aws:sns:eu-west-1:123456789012:none").message("m")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFound");
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Topic does not exist");
                });
        assertThat(sandbox.fake(FakeSns.class).published()).isEmpty();
    }

    @Test
    void subjectAndMessageFollowTheServicesRules() {
        sns.publish(r -> r.topicArn(TOPIC).subject("s".repeat(100)).message("x".repeat(FakeSns.MAX_MESSAGE_BYTES)));

        invalidParameter(r -> r.subject("s".repeat(101)), "Invalid parameter: Subject");
        invalidParameter(r -> r.subject("two\nlines"), "Invalid parameter: Subject");
        invalidParameter(r -> r.subject(""), "Invalid parameter: Subject");
        invalidParameter(r -> r.subject(" leading space"), "Invalid parameter: Subject");
        invalidParameter(r -> r.message(""), "Invalid parameter: Empty message");
        invalidParameter(r -> r.message("é".repeat(FakeSns.MAX_MESSAGE_BYTES / 2 + 1)), "Invalid parameter: Message too long");
        invalidParameter(r -> r.message("x".repeat(FakeSns.MAX_MESSAGE_BYTES - 10))
                .messageAttributes(Map.of("severity", string("critical"))), "Invalid parameter: Message too long");
        invalidParameter(r -> r.topicArn("ops"), "Invalid parameter: TopicArn");
        assertThat(sandbox.fake(FakeSns.class).published()).hasSize(1);
    }

    void invalidParameter(Consumer<PublishRequest.Builder> change, String message) {
        PublishRequest.Builder request = PublishRequest.builder().topicArn(TOPIC).message("m");
        change.accept(request);
        assertThatThrownBy(() -> sns.publish(request.build())).isInstanceOfSatisfying(InvalidParameterException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameter");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void messageAttributesFollowTheServicesRules() {
        sns.publish(r -> r.topicArn(TOPIC).message("m").messageAttributes(Map.of("count",
                MessageAttributeValue.builder().dataType("Number").stringValue("-1.5e3").build(),
                "team", MessageAttributeValue.builder().dataType("String.team").stringValue("orders").build())));

        invalidAttribute(Map.of("severity", string("")), "must contain non-empty message attribute value");
        invalidAttribute(Map.of("severity", MessageAttributeValue.builder().dataType("Text").stringValue("x").build()),
                "invalid message attribute type");
        invalidAttribute(Map.of("count", MessageAttributeValue.builder().dataType("Number").stringValue("many").build()),
                "Could not cast message attribute 'count' value to number.");
        invalidAttribute(Map.of("AWS.trace", string("x")), "name 'AWS.trace' is invalid");
        invalidAttribute(Map.of("a..b", string("x")), "name 'a..b' is invalid");
        invalidAttribute(IntStream.range(0, 11).boxed().collect(Collectors.toMap(i -> "a" + i, i -> string("x"))),
                "exceeds the allowed maximum [10]");
    }

    void invalidAttribute(Map<String, MessageAttributeValue> attributes, String message) {
        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(TOPIC).message("m").messageAttributes(attributes)))
                .isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ParameterValueInvalid");
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });
    }

    @Test
    void injectedThrottlingStrikesOnce() {
        sandbox.load(Json.parse("{\"sns\": {\"faults\": {\"Publish\": [{\"code\": \"Throttled\", \"status\": 429}]}}}"));

        assertThatThrownBy(() -> sns.publish(r -> r.topicArn(TOPIC).message("m"))).isInstanceOf(ThrottledException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(429));
        sns.publish(r -> r.topicArn(TOPIC).message("m"));
        assertThat(sandbox.journal().calls("sns", "Publish")).hasSize(2);
    }

    @Test
    void scenariosNeedStandardTopicArnsAndKnownKeys() {
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"sns\": {\"topics\": [\"ops\"]}}")))
                .hasMessageContaining("sns.topics[0] must be a standard topic ARN");
        assertThatThrownBy(() -> new Sandbox().load(Json.parse("{\"sns\": {\"subscriptions\": []}}")))
                .hasMessageContaining("sns has unknown key 'subscriptions'");
        assertThatThrownBy(() -> sns.createTopic(r -> r.name("x"))).isInstanceOf(UnsupportedOperationException.class);
    }
}

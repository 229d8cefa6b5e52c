package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * In-memory SNS: {@code Publish} to standard topics with the service's rules. An unknown topic is {@code NotFound}
 * (HTTP 404, "Topic does not exist"); a malformed topic ARN, an empty message, a message over 256 KB (262,144
 * bytes of UTF-8 with its attributes) and a subject that is empty, longer than 100 characters or holds a line
 * break or control character are {@code InvalidParameter}; message attributes (at most 10; names of letters, digits,
 * {@code _ - .}, up to 256, not starting with {@code AWS.} or {@code Amazon.}, no leading, trailing or doubled
 * period; DataType {@code String}, {@code Number} or {@code Binary}, optionally with a {@code .suffix}; a non-empty
 * value of that type) are {@code ParameterValueInvalid}. Publishing to a phone number, a target ARN, a FIFO topic
 * or with {@code MessageStructure} is not implemented and throws.
 *
 * <p>Scenario section {@code "sns"}: {@code {"topics": ["arn:aws:sns:eu-west-1:123456789012:ops"]}}. Tests read
 * what was published with {@link #published()}.
 */
public final class FakeSns extends FakeService implements SnsClient {
    static final int MAX_MESSAGE_BYTES = 262_144;
    static final int MAX_SUBJECT = 100;
    static final int MAX_ATTRIBUTES = 10;
    private static final Pattern TOPIC_ARN = Pattern.compile("arn:aws(-[a-z]+)*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** One accepted message, as subscribers would receive it. */
    public record Published(String topicArn, String subject, String message, Map<String, MessageAttributeValue> attributes,
            String messageId) {
        /** A String attribute's value, or null. */
        public String attribute(String name) {
            MessageAttributeValue value = attributes.get(name);
            return value == null ? null : value.stringValue();
        }
    }

    private final Set<String> topics = new LinkedHashSet<>();
    private final List<Published> published = new ArrayList<>();

    public FakeSns(CallJournal journal) {
        super(journal, SnsClient.class);
    }

    @Override
    public String scenarioKey() {
        return "sns";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "topics");
        JsonNode list = section.path("topics");
        if (list.isMissingNode()) {
            return;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("sns.topics must be a list of topic ARNs");
        }
        for (int i = 0; i < list.size(); i++) {
            String arn = list.get(i).asText("");
            if (!list.get(i).isTextual() || !TOPIC_ARN.matcher(arn).matches() || arn.endsWith(".fifo")) {
                throw new IllegalArgumentException("sns.topics[" + i + "] must be a standard topic ARN"
                        + " (arn:aws:sns:<region>:<account>:<name>), not '" + arn + "'");
            }
            topics.add(arn);
        }
    }

    /** Everything published so far, oldest first. */
    public synchronized List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public PublishResponse publish(PublishRequest request) {
        record(request);
        if (request.phoneNumber() != null || request.targetArn() != null || request.messageStructure() != null) {
            throw new UnsupportedOperationException("FakeSns publishes to topics only, without MessageStructure");
        }
        String arn = request.topicArn();
        if (arn == null || !TOPIC_ARN.matcher(arn).matches()) {
            throw invalid("Invalid parameter: TopicArn");
        }
        if (arn.endsWith(".fifo")) {
            throw new UnsupportedOperationException("FakeSns has no FIFO topics");
        }
        String message = request.message();
        if (message == null || message.isEmpty()) {
            throw invalid("Invalid parameter: Empty message");
        }
        String subject = request.subject();
        if (subject != null && (subject.isEmpty() || subject.length() > MAX_SUBJECT
                || subject.chars().anyMatch(Character::isISOControl) || !Character.isLetterOrDigit(subject.codePointAt(0))
                && !isPunctuation(subject.codePointAt(0)))) {
            throw invalid("Invalid parameter: Subject");
        }
        Map<String, MessageAttributeValue> attributes = request.hasMessageAttributes()
                ? new LinkedHashMap<>(request.messageAttributes()) : Map.of();
        int size = message.getBytes(StandardCharsets.UTF_8).length + attributesSize(attributes);
        if (size > MAX_MESSAGE_BYTES) {
            throw invalid("Invalid parameter: Message too long");
        }
        synchronized (this) {
            if (!topics.contains(arn)) {
                throw error(NotFoundException.builder(), "NotFound", 404, "Topic does not exist");
            }
            Published p = new Published(arn, subject, message, Map.copyOf(attributes), UUID.randomUUID().toString());
            published.add(p);
            return PublishResponse.builder().messageId(p.messageId()).build();
        }
    }

    private static boolean isPunctuation(int c) {
        return c < 0x80 && !Character.isLetterOrDigit(c) && c > 0x20 && c != 0x7f;
    }

    /** Validates each attribute as SNS does and returns their size (name, type and value count towards 256 KB). */
    private static int attributesSize(Map<String, MessageAttributeValue> attributes) {
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw invalidValue("Number of message attributes [" + attributes.size() + "] exceeds the allowed maximum ["
                    + MAX_ATTRIBUTES + "].");
        }
        int size = 0;
        for (Map.Entry<String, MessageAttributeValue> e : attributes.entrySet()) {
            String name = e.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (!ATTRIBUTE_NAME.matcher(name).matches() || lower.startsWith("aws.") || lower.startsWith("amazon.")
                    || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                throw invalidValue("The message attribute name '" + name + "' is invalid.");
            }
            MessageAttributeValue value = e.getValue();
            String type = value.dataType();
            String base = type == null ? "" : type.split("\\.", 2)[0];
            if (!Set.of("String", "Number", "Binary").contains(base)) {
                throw invalidValue("The message attribute '" + name + "' has an invalid message attribute type, the set"
                        + " of supported type prefixes is Binary, Number, and String.");
            }
            if (base.equals("Binary")) {
                if (value.binaryValue() == null || value.binaryValue().asByteArrayUnsafe().length == 0) {
                    throw invalidValue("The message attribute '" + name + "' must contain non-empty message attribute value.");
                }
                size += value.binaryValue().asByteArrayUnsafe().length;
            } else {
                String text = value.stringValue();
                if (text == null || text.isEmpty()) {
                    throw invalidValue("The message attribute '" + name + "' must contain non-empty message attribute value.");
                }
                if (base.equals("Number") && !NUMBER.matcher(text).matches()) {
                    throw invalidValue("Could not cast message attribute '" + name + "' value to number.");
                }
                size += text.getBytes(StandardCharsets.UTF_8).length;
            }
            size += name.getBytes(StandardCharsets.UTF_8).length + type.length();
        }
        return size;
    }

    private static SnsException invalid(String message) {
        return error(InvalidParameterException.builder(), "InvalidParameter", 400, message);
    }

    private static SnsException invalidValue(String message) {
        return error(InvalidParameterValueException.builder(), "ParameterValueInvalid", 400, message);
    }
}

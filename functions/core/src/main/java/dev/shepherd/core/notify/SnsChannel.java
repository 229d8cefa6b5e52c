package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.AuthorizationErrorException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes to an SNS topic with the String message attributes {@code severity}, {@code environment} and
 * {@code source}, so subscriptions can filter. Format {@code text}: a subject (printable ASCII, one line, at most
 * 100 characters) and a plain-text body, for email and chat subscribers alike; format {@code chatbot}: the custom
 * notification JSON that Amazon Q Developer in chat applications renders (anything else it drops), with
 * {@code threadId} = the incident key so one incident's notices share a thread. The message stays within SNS's
 * 256 KB by cutting user text with a marker.
 */
public final class SnsChannel implements Channel {
    public enum Format { TEXT, CHATBOT }

    static final int SUBJECT = 100;
    /** 256 KiB, less room for the attributes and subject that travel with it. */
    static final int MESSAGE_BYTES = 256 * 1024 - 4 * 1024;
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration MIN_CALL = Duration.ofMillis(200);

    private final String name;
    private final SnsClient sns;
    private final String topicArn;
    private final Format format;

    SnsChannel(String name, SnsClient sns, String topicArn, Format format) {
        this.name = name;
        this.sns = sns;
        this.topicArn = topicArn;
        this.format = format;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String type() {
        return "sns";
    }

    @Override
    public Delivery send(Notice notice, Deadline deadline) {
        Duration timeout = deadline.cap(CALL_TIMEOUT);
        if (timeout.compareTo(MIN_CALL) < 0) {
            return Delivery.failed(name, type(), 0, "no attempt: the deadline had passed");
        }
        PublishRequest request = request(notice, topicArn, format).toBuilder()
                .overrideConfiguration(o -> o.apiCallTimeout(timeout)).build();
        try {
            String id = sns.publish(request).messageId();
            return Delivery.delivered(name, type(), 1, "message " + id);
        } catch (NotFoundException e) {
            return Delivery.failed(name, type(), 1, "topic " + topicArn + " does not exist (NotFound)");
        } catch (AuthorizationErrorException e) {
            return Delivery.failed(name, type(), 1, "not allowed to publish to " + topicArn + " (AuthorizationError)");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "?" : e.awsErrorDetails().errorCode();
            return Delivery.failed(name, type(), 1, "SNS refused the message to " + topicArn + ": " + code
                    + " (HTTP " + e.statusCode() + ")");
        } catch (SdkException e) {
            return Delivery.failed(name, type(), 1, "SNS call to " + topicArn + " failed ("
                    + e.getClass().getSimpleName() + ": " + Text.cut(Text.oneLine(String.valueOf(e.getMessage())), 200)
                    + ")");
        }
    }

    static PublishRequest request(Notice notice, String topicArn, Format format) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("severity", string(notice.severity().wire()));
        attributes.put("environment", string(notice.environment()));
        attributes.put("source", string(notice.source()));
        String message = format == Format.TEXT ? Text.within(MESSAGE_BYTES, budget -> text(notice, budget))
                : Text.within(MESSAGE_BYTES, budget -> chatbot(notice, budget));
        return PublishRequest.builder().topicArn(topicArn).subject(subject(notice)).message(message)
                .messageAttributes(attributes).build();
    }

    /** "[HIGH] dev: Resolved: orders-5xx": what an email subject line or a chat preview shows. */
    static String subject(Notice notice) {
        String line = Text.asciiLine("[" + notice.severity().name() + "] " + notice.environment() + ": "
                + notice.heading());
        return Text.cut(line, SUBJECT);
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(Text.cut(value, 256)).build();
    }

    private static String text(Notice notice, int budget) {
        StringBuilder out = new StringBuilder(Text.cut(notice.heading(), Math.min(budget, 1000))).append("\n\n");
        if (!notice.summary().isBlank()) {
            out.append(Text.cut(notice.summary(), budget)).append("\n\n");
        }
        for (Notice.Fact fact : notice.facts()) {
            out.append(Text.cut(Text.oneLine(fact.name()), 200)).append(": ")
                    .append(Text.cut(fact.value(), Math.min(budget, 4000))).append('\n');
        }
        if (!notice.links().isEmpty()) {
            out.append(notice.facts().isEmpty() ? "" : "\n").append("Links:\n");
            notice.links().forEach(l -> out.append("- ").append(Text.cut(Text.oneLine(l.text()), 200)).append(": ")
                    .append(l.url()).append('\n'));
        }
        out.append("\nSeverity: ").append(notice.severity().wire())
                .append(" | Phase: ").append(notice.phase().name().toLowerCase(Locale.ROOT))
                .append(" | Environment: ").append(notice.environment())
                .append(" | Source: ").append(notice.source())
                .append(" | Time: ").append(notice.timestamp()).append('\n')
                .append("Incident: ").append(Text.cut(notice.incidentKey(), Math.min(budget, 2048))).append('\n');
        if (!notice.relatedResources().isEmpty()) {
            out.append("Resources: ").append(String.join(", ", notice.relatedResources().stream()
                    .map(r -> Text.cut(r, Math.min(budget, 2048))).toList())).append('\n');
        }
        return out.toString();
    }

    /** Amazon Q Developer in chat applications' custom notification (version 1.0). */
    private static String chatbot(Notice notice, int budget) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("version", "1.0").put("source", "custom");
        StringBuilder description = new StringBuilder();
        if (!notice.summary().isBlank()) {
            description.append(Text.fit(notice.summary(), budget, Text::slack)).append("\n\n");
        }
        for (Notice.Fact fact : notice.facts()) {
            description.append('*').append(Text.fit(Text.oneLine(fact.name()), 200, Text::slack)).append("*: ")
                    .append(Text.fit(fact.value(), Math.min(budget, 4000), Text::slack)).append('\n');
        }
        ObjectNode content = root.putObject("content").put("textType", "client-markdown")
                .put("title", Text.fit(Text.oneLine(notice.heading()), 250, Text::slack))
                .put("description", description.toString().strip());
        if (!notice.links().isEmpty()) {
            ArrayNode steps = content.putArray("nextSteps");
            notice.links().forEach(l -> steps.add(Text.fit(Text.oneLine(l.text()), 200, Text::slack) + ": " + l.url()));
        }
        content.putArray("keywords").add(notice.severity().wire()).add(notice.environment()).add(notice.source());
        ObjectNode metadata = root.putObject("metadata").put("threadId", notice.incidentKey())
                .put("summary", Text.cut(Text.oneLine(notice.heading()), 250))
                .put("eventType", notice.phase().name().toLowerCase(Locale.ROOT));
        ArrayNode resources = metadata.putArray("relatedResources");
        notice.relatedResources().forEach(resources::add);
        ObjectNode context = metadata.putObject("additionalContext");
        notice.facts().forEach(fact -> context.put(Text.cut(Text.oneLine(fact.name()), 200),
                Text.cut(fact.value(), Math.min(budget, 4000))));
        return Json.write(root);
    }
}

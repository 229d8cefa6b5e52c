package dev.shepherd.alarm;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the sample events in {@code events/cloudwatch} and hands their parts to {@link AlarmPayloads} the way the
 * envelope decoder does: EventBridge fields, the SNS record's {@code Message} (through the Lambda SNSEvent class, as
 * the runtime would deliver it), the alarm action's top-level fields.
 */
final class CloudWatchEvents {
    static final Path DIR = Path.of(System.getProperty("shepherd.repo.root", "../..")).resolve("events/cloudwatch");

    private CloudWatchEvents() {
    }

    static Path file(String name) {
        return DIR.resolve(name);
    }

    static JsonNode read(String name) {
        try {
            return Json.parse(Files.readString(file(name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Parsed eventBridge(String name) {
        return eventBridge(read(name));
    }

    static Parsed eventBridge(JsonNode e) {
        List<String> resources = new ArrayList<>();
        e.path("resources").forEach(r -> resources.add(r.asText()));
        return AlarmPayloads.fromEventBridge(e.path("id").asText(null), e.path("detail-type").asText(null),
                e.path("account").asText(null), e.path("region").asText(null), resources, e.get("detail"));
    }

    static SNSEvent.SNS snsRecord(String name) {
        SNSEvent event = EventLoader.loadSNSEvent(file(name).toString());
        assertThat(event.getRecords()).hasSize(1);
        return event.getRecords().getFirst().getSNS();
    }

    static Parsed sns(String name) {
        SNSEvent.SNS sns = snsRecord(name);
        return AlarmPayloads.fromSnsMessage(sns.getMessageId(), sns.getMessage());
    }

    /** The Message of a sample SNS event as a tree, to vary one field in a test. */
    static JsonNode snsMessage(String name) {
        return Json.parse(snsRecord(name).getMessage());
    }

    static Parsed alarmAction(String name) {
        return alarmAction(read(name));
    }

    static Parsed alarmAction(JsonNode e) {
        return AlarmPayloads.fromAlarmAction(e.path("alarmArn").asText(null), e.path("accountId").asText(null),
                e.path("region").asText(null), e.path("time").asText(null), e.get("alarmData"));
    }

    static AlarmChange change(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Change.class);
        return ((Parsed.Change) parsed).change();
    }

    static List<String> notes(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Change.class);
        return ((Parsed.Change) parsed).notes();
    }

    static String unparsed(Parsed parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Unparsed.class);
        return ((Parsed.Unparsed) parsed).reason();
    }
}

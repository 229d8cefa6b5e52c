package dev.shepherd.alarm;

import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notice.Fact;
import dev.shepherd.core.notify.Notice.Link;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Severity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The responder's notices, written for the person on call: what changed, what it means, what Shepherd did about the
 * release (stopped, already done, failed), and where to look. Alarm text (names, descriptions, reasons, tags) is
 * the alarm owner's and goes in as plain text: each channel escapes it for its own markup.
 */
final class AlarmNotices {
    static final String SOURCE = "alarm-responder";
    private final String environment;

    AlarmNotices(String environment) {
        this.environment = environment;
    }

    /** A state change the ledger let through. */
    Notice change(AlarmChange change, Phase phase, Severity severity, boolean severityDefaulted, Correlation correlation,
            StopReport stop, int rolledUpSince) {
        String title = change.alarmName() + " is " + change.state().value()
                + (phase == Phase.UPDATE && change.state().value() == AlarmChange.Value.INSUFFICIENT_DATA
                        ? " (was " + change.previous().value() + "; not resolved)" : "");
        StringBuilder summary = new StringBuilder(nullToEmpty(change.state().reason()));
        if (change.description() != null && !change.description().isBlank()) {
            summary.append("\n").append(change.description());
        }
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("State", change.previous().value() + " → " + change.state().value() + " at "
                + change.state().timestamp()));
        facts.add(new Fact("Severity", severity.wire() + (severityDefaulted ? " (route default)" : "")));
        facts.add(new Fact("Alarm", change.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " alarm in " + change.accountId() + " " + change.region()));
        String what = evaluated(change);
        if (!what.isEmpty()) {
            facts.add(new Fact("Evaluates", what));
        }
        if (!change.triggering().isEmpty()) {
            facts.add(new Fact("Triggered by", change.triggering().stream()
                    .map(c -> nameOf(c.arn()) + " " + c.state()).collect(Collectors.joining(", "))));
        }
        if (change.suppressed()) {
            facts.add(new Fact("Actions suppressed", change.suppressedBy()
                    + (change.suppressedReason() == null ? "" : ": " + change.suppressedReason())));
        }
        if (stop != null) {
            facts.add(new Fact("Release", String.join("\n", stop.lines())));
        }
        if (correlation != null && !correlation.lines().isEmpty()) {
            facts.add(new Fact("Correlation", String.join("\n", correlation.lines())));
        }
        if (rolledUpSince > 0) {
            facts.add(new Fact("Also", rolledUpSince + " earlier change(s) were rolled up into this notice"));
        }
        return new Notice(SOURCE, environment, severity, phase, title, summary.toString(), facts, links(change),
                change.alarmArn(), List.of(change.alarmArn()), change.state().timestamp());
    }

    /** Step {@code step} of an open incident: the alarm has stayed in ALARM since {@code openedAt}. */
    Notice escalation(String alarmArn, Severity severity, int step, Instant openedAt, Instant now) {
        String name = nameOf(alarmArn);
        Duration open = Duration.between(openedAt, now);
        return new Notice(SOURCE, environment, severity, Phase.ESCALATE, name + " is still in ALARM",
                "Nobody has resolved it for " + minutes(open) + "; escalation step " + step + ".",
                List.of(new Fact("Open since", openedAt.toString()), new Fact("Escalation step", Integer.toString(step))),
                links(alarmArn), alarmArn, List.of(alarmArn), now);
    }

    /** The one notice that sums up a flap window. */
    Notice rollup(String alarmArn, Severity severity, IncidentLedger.Flush flush, Instant now) {
        Phase phase = flush.incidentId() == null
                ? (flush.state() == AlarmChange.Value.OK ? Phase.RESOLVE : Phase.INFO) : Phase.UPDATE;
        String name = nameOf(alarmArn);
        return new Notice(SOURCE, environment, severity, phase, name + " is " + flush.state() + " after flapping",
                flush.count() + " more state change(s) since the last notice were rolled up.",
                List.of(new Fact("State", flush.state() + " since " + flush.stateAt()),
                        new Fact("Rolled up", Integer.toString(flush.count()))),
                links(alarmArn), alarmArn, List.of(alarmArn), now);
    }

    /** Something arrived that is not a readable alarm change: people hear about it, nothing is stopped. */
    Notice unreadable(Severity severity, String what, String reason, String key, Instant now) {
        return new Notice(SOURCE, environment, severity, Phase.INFO, "An alarm event could not be read",
                what + ": " + reason + ". Nothing was stopped; check the alarm's configuration and the responder's log.",
                List.of(new Fact("Input", what)), List.of(), key, List.of(), now);
    }

    private static String evaluated(AlarmChange change) {
        if (change.kind() == AlarmChange.Kind.COMPOSITE) {
            return nullToEmpty(change.alarmRule());
        }
        return change.metrics().stream()
                .filter(m -> !Boolean.FALSE.equals(m.returnData()))
                .map(m -> m.expression() != null
                        ? (m.label() == null ? "" : m.label() + " = ") + m.expression()
                        : m.namespace() + " " + m.name() + dimensions(m) + (m.stat() == null ? "" : " " + m.stat()))
                .collect(Collectors.joining("; "));
    }

    private static String dimensions(AlarmChange.Metric m) {
        return m.dimensions() == null || m.dimensions().isEmpty() ? "" : " " + m.dimensions().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",", "{", "}"));
    }

    private static List<Link> links(AlarmChange change) {
        return links(change.alarmArn());
    }

    /** The alarm in the CloudWatch console (commercial partition only: other partitions have other hosts). */
    private static List<Link> links(String alarmArn) {
        String[] parts = alarmArn.split(":", 7);
        if (parts.length < 7 || !parts[1].equals("aws")) {
            return List.of();
        }
        String region = parts[3];
        String name = URLEncoder.encode(parts[6], StandardCharsets.UTF_8).replace("+", "%20");
        return List.of(new Link("Open the alarm", "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region="
                + region + "#alarmsV2:alarm/" + name));
    }

    static String nameOf(String alarmArn) {
        String[] parts = alarmArn.split(":", 7);
        return parts.length == 7 ? parts[6] : alarmArn;
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, d.toMinutes());
        return m + (m == 1 ? " minute" : " minutes");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

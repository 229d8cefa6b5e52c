package dev.shepherd.alarm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.notify.Delivery;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notifier;
import dev.shepherd.core.notify.Phase;
import dev.shepherd.core.notify.Routes;
import dev.shepherd.core.notify.Severity;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the responder does with each envelope: read the alarm change, let the ledger decide (duplicate, stale,
 * silent, rolled up, or notify), stop the release on ALARM, notify the route of the alarm's severity, schedule the
 * escalation and cancel it on OK. Its own scheduled events escalate or flush a flap window. Nothing here throws
 * for bad input: an unreadable event becomes a notice; only an AWS failure of the ledger propagates, so that
 * Lambda retries the delivery and the ledger's dedup keeps the retry from doubling anything.
 */
final class AlarmResponder {
    private static final Logger LOG = LoggerFactory.getLogger(AlarmResponder.class);

    private final IncidentLedger ledger;
    private final AlarmTargets targets;
    private final DeploymentStopper stopper;
    private final Notifier notifier;
    private final Escalations escalations;
    private final AlarmNotices notices;
    private final Telemetry telemetry;
    private final Clock clock;

    AlarmResponder(IncidentLedger ledger, AlarmTargets targets, DeploymentStopper stopper, Notifier notifier,
            Escalations escalations, AlarmNotices notices, Telemetry telemetry, Clock clock) {
        this.ledger = ledger;
        this.targets = targets;
        this.stopper = stopper;
        this.notifier = notifier;
        this.escalations = escalations;
        this.notices = notices;
        this.telemetry = telemetry;
        this.clock = clock;
    }

    /** Handles every envelope of one invocation; the answer lists what was done with each. */
    ObjectNode handle(List<Envelope> envelopes, Deadline deadline) {
        ArrayNode handled = JsonNodeFactory.instance.arrayNode();
        for (Envelope envelope : envelopes) {
            handled.add(handle(envelope, deadline));
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.set("handled", handled);
        return answer;
    }

    private ObjectNode handle(Envelope envelope, Deadline deadline) {
        return switch (envelope) {
            case Envelope.EventBridgeEvent e -> !"aws.cloudwatch".equals(e.source())
                    ? ignored("an event from another source")
                    : parsed(AlarmPayloads.fromEventBridge(e.id(), e.detailType(), e.account(), e.region(),
                            e.resources(), e.detail()), "EventBridge event " + e.id(), deadline);
            case Envelope.SnsNotification n -> parsed(AlarmPayloads.fromSnsMessage(n.messageId(), n.message()),
                    "SNS message " + n.messageId(), deadline);
            case Envelope.AlarmAction a -> parsed(AlarmPayloads.fromAlarmAction(a.alarmArn(), a.accountId(),
                    a.region(), a.time(), a.alarmData()), "alarm action", deadline);
            case Envelope.Other o -> EscalationEvent.marked(o.event())
                    ? scheduled(o, deadline)
                    : unreadable("an event of no known shape", "not an alarm change, an SNS record or a Shepherd event",
                            deadline);
            case Envelope.Malformed m -> unreadable("a malformed event", m.reason(), deadline);
            case Envelope.Rejected r -> {
                // Its text is untrusted: counted and logged, never forwarded to people.
                LOG.warn("refused an SNS record: {}", r.reason());
                telemetry.count("AlarmInputRefused", "reason", "topic");
                yield result("refused").put("reason", r.reason());
            }
        };
    }

    private ObjectNode parsed(Parsed parsed, String what, Deadline deadline) {
        return switch (parsed) {
            case Parsed.Change c -> {
                c.notes().forEach(note -> LOG.info("{}: {}", what, note));
                yield change(c.change(), deadline);
            }
            case Parsed.Ignored i -> ignored(i.why());
            case Parsed.Unparsed u -> unreadable(what, u.reason(), deadline);
        };
    }

    private ObjectNode change(AlarmChange change, Deadline deadline) {
        Instant now = clock.instant();
        Decision decision = ledger.record(change, now);
        ObjectNode result = result("change").put("alarmArn", change.alarmArn())
                .put("state", change.state().value().name());
        return switch (decision) {
            case Decision.Duplicate d -> skipped(result, "duplicate");
            case Decision.Stale s -> skipped(result, "stale");
            case Decision.Silent s -> skipped(result, "silent");
            case Decision.RolledUp r -> {
                skipped(result, "rolled-up").put("pending", r.pending());
                Correlation correlation = targets.resolve(change, deadline);
                // A new incident inside a flap window still stops what is in flight: only the notice waits. A
                // deployment stopped by an earlier ALARM is no longer listed, so flapping repeats no stop call.
                if (r.incident() == Decision.Incident.OPENED) {
                    stop(change, correlation, result, deadline);
                }
                Severity severity = severity(correlation).severity();
                escalations.scheduleFlush(change.alarmArn(), severity, r.flushAt());
                if (r.incident() == Decision.Incident.RESOLVED) {
                    escalations.cancel(change.alarmArn(), r.incidentId());
                }
                yield result;
            }
            case Decision.Notify n -> notify(change, n, result.put("decision", "notify"), deadline, now);
        };
    }

    private ObjectNode skipped(ObjectNode result, String reason) {
        telemetry.count("AlarmChangeSkipped", "reason", reason);
        return result.put("decision", reason);
    }

    private ObjectNode notify(AlarmChange change, Decision.Notify decision, ObjectNode result, Deadline deadline,
            Instant now) {
        Correlation correlation = targets.resolve(change, deadline);
        // The stop comes first: every second counts for a release that is going wrong.
        StopReport stop = stop(change, correlation, result, deadline);
        Routes.SeverityChoice severity = severity(correlation);
        Phase phase = switch (decision.incident()) {
            case OPENED -> change.suppressed() ? Phase.INFO : Phase.OPEN;
            case ONGOING -> change.suppressed() ? Phase.INFO : Phase.UPDATE;
            case RESOLVED -> Phase.RESOLVE;
            case NONE -> Phase.INFO;
        };
        Notice notice = notices.change(change, phase, severity.severity(), severity.defaulted(), correlation, stop,
                decision.rolledUpSince());
        Routes.Route route = notifier.routes().route(severity.severity());
        result.put("phase", phase.name()).put("severity", severity.severity().wire());
        result.set("deliveries", Delivery.json(notifier.send(notice, phase == Phase.RESOLVE ? everywhere(route)
                : route.channels(), deadline)));
        if (decision.incident() == Decision.Incident.OPENED && !change.suppressed() && !route.escalation().isEmpty()) {
            escalations.schedule(change.alarmArn(), decision.incidentId(), 1, severity.severity(),
                    now.plus(route.escalation().getFirst().after()));
        }
        if (decision.incident() == Decision.Incident.RESOLVED) {
            escalations.cancel(change.alarmArn(), decision.incidentId());
        }
        return result;
    }

    /** Stops what the alarm belongs to when it should (ALARM, not suppressed, targets known); else null. */
    private StopReport stop(AlarmChange change, Correlation correlation, ObjectNode result, Deadline deadline) {
        if (!DeploymentStopper.shouldStop(change) || correlation.targets().isEmpty()) {
            return null;
        }
        StopReport stop = stopper.stop(change, correlation.targets(), deadline);
        stop.with(StopReport.Result.STOPPED).forEach(o -> telemetry.count("ReleaseStopped", "target",
                o.target().getClass().getSimpleName()));
        result.set("release", lines(stop.lines()));
        return stop;
    }

    private ObjectNode scheduled(Envelope.Other other, Deadline deadline) {
        EscalationEvent event;
        try {
            event = EscalationEvent.parse(other.event());
        } catch (IllegalArgumentException e) {
            LOG.warn("refused a Shepherd event: {}", e.getMessage());
            telemetry.count("AlarmInputRefused", "reason", "shepherd-event");
            return result("refused").put("reason", e.getMessage());
        }
        Instant now = clock.instant();
        return switch (event) {
            case EscalationEvent.Escalate e -> escalate(e, deadline, now);
            case EscalationEvent.Rollup r -> {
                IncidentLedger.Flush flush = ledger.flushRollup(r.alarmArn(), now);
                ObjectNode result = result("rollup").put("alarmArn", r.alarmArn()).put("pending", flush.count());
                if (flush.pending()) {
                    Notice notice = notices.rollup(r.alarmArn(), r.severity(), flush, now);
                    Routes.Route route = notifier.routes().route(r.severity());
                    result.set("deliveries", Delivery.json(notifier.send(notice,
                            notice.phase() == Phase.RESOLVE ? everywhere(route) : route.channels(), deadline)));
                    // An incident opened inside the window had no escalation scheduled; one already scheduled for
                    // it conflicts by name and stays as it is.
                    if (flush.incidentId() != null && flush.state() == AlarmChange.Value.ALARM
                            && !route.escalation().isEmpty()) {
                        escalations.schedule(r.alarmArn(), flush.incidentId(), 1, r.severity(),
                                now.plus(route.escalation().getFirst().after()));
                    }
                }
                yield result;
            }
        };
    }

    private ObjectNode escalate(EscalationEvent.Escalate e, Deadline deadline, Instant now) {
        ObjectNode result = result("escalation").put("alarmArn", e.alarmArn()).put("step", e.step());
        if (!ledger.claimEscalation(e.alarmArn(), e.incidentId(), e.step())) {
            // Resolved meanwhile, another incident, or this step already ran (a retried schedule).
            telemetry.count("EscalationSkipped", "step", Integer.toString(e.step()));
            return result.put("decision", "not-due");
        }
        List<Routes.EscalationStep> steps = notifier.routes().route(e.severity()).escalation();
        if (e.step() > steps.size()) {
            return result.put("decision", "no-such-step");
        }
        Notice notice = notices.escalation(e.alarmArn(), e.severity(), e.step(), IncidentIds.openedAt(e.incidentId()),
                now);
        result.put("decision", "escalated");
        result.set("deliveries", Delivery.json(notifier.send(notice, steps.get(e.step() - 1).channels(), deadline)));
        telemetry.count("Escalated", "step", Integer.toString(e.step()));
        if (e.step() < steps.size()) {
            Routes.EscalationStep next = steps.get(e.step());
            Routes.EscalationStep current = steps.get(e.step() - 1);
            escalations.schedule(e.alarmArn(), e.incidentId(), e.step() + 1, e.severity(),
                    now.plus(next.after().minus(current.after())));
        }
        return result;
    }

    private ObjectNode unreadable(String what, String reason, Deadline deadline) {
        telemetry.count("UnparsedInput", "input", "alarm");
        LOG.warn("{} could not be read: {}", what, reason);
        Severity severity = notifier.routes().defaultSeverity();
        Instant now = clock.instant();
        Notice notice = notices.unreadable(severity, what, reason, "unreadable:" + what, now);
        ObjectNode result = result("unreadable").put("reason", reason);
        result.set("deliveries", Delivery.json(notifier.send(notice, notifier.routes().route(severity).channels(),
                deadline)));
        return result;
    }

    private ObjectNode ignored(String why) {
        // A fixed set of dimension values: the detail type is sender-written text.
        String kind = switch (why) {
            case "CloudWatch Alarm Configuration Change" -> "configuration-change";
            case "CloudWatch Alarm Contributor State Change" -> "contributor-state-change";
            default -> "other";
        };
        telemetry.count("AlarmEventIgnored", "kind", kind);
        return result("ignored").put("reason", why);
    }

    private Routes.SeverityChoice severity(Correlation correlation) {
        return notifier.routes().severityFor(correlation.tags() == null ? null : correlation.tags().get("severity"));
    }

    /** Where an incident may have been told: the route and every escalation step, so OK resolves it everywhere. */
    private static List<String> everywhere(Routes.Route route) {
        Set<String> channels = new LinkedHashSet<>(route.channels());
        route.escalation().forEach(step -> channels.addAll(step.channels()));
        return List.copyOf(channels);
    }

    private static ArrayNode lines(List<String> lines) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        lines.forEach(list::add);
        return list;
    }

    private static ObjectNode result(String kind) {
        return JsonNodeFactory.instance.objectNode().put("kind", kind);
    }
}

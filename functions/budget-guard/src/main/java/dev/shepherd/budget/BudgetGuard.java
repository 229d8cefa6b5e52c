package dev.shepherd.budget;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Telemetry;
import dev.shepherd.core.event.Envelope;
import dev.shepherd.core.notify.Delivery;
import dev.shepherd.core.notify.Notice;
import dev.shepherd.core.notify.Notifier;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the budget guard does with each envelope. An SNS message from an allowed topic is read
 * ({@link BudgetMessages}), claimed once in the {@link AlertLedger}, enriched from Cost Explorer, acted on where
 * the {@link CostAction} guards allow, and notified on the route of its severity. A cost anomaly also comes as an
 * EventBridge event; the restore schedule sends {@link RestoreRequest}. A record of another topic is refused
 * unread; an unreadable message is forwarded raw and never acts. Only AWS failures of the ledger propagate (after
 * the claim is released), so Lambda retries the delivery and the claim keeps the retry from doubling anything.
 */
final class BudgetGuard {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);

    private final AlertLedger ledger;
    private final CostContext costs;
    private final CostAction action;
    private final Notifier notifier;
    private final BudgetNotices notices;
    private final Telemetry telemetry;
    private final Clock clock;
    private final String ownAccount;
    private final String costTag;

    BudgetGuard(AlertLedger ledger, CostContext costs, CostAction action, Notifier notifier, BudgetNotices notices,
            Telemetry telemetry, Clock clock, String ownAccount, String costTag) {
        this.ledger = ledger;
        this.costs = costs;
        this.action = action;
        this.notifier = notifier;
        this.notices = notices;
        this.telemetry = telemetry;
        this.clock = clock;
        this.ownAccount = ownAccount;
        this.costTag = costTag;
    }

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
            case Envelope.SnsNotification n -> message(n, BudgetMessages.classify(n.subject(), n.message()), deadline);
            case Envelope.EventBridgeEvent e -> {
                BudgetMessages.Result r = BudgetMessages.event(e.source(), e.detailType(), e.account(), e.detail());
                if (r instanceof BudgetMessages.Anomaly(AnomalyAlert alert)) {
                    yield anomaly(alert, deadline);
                }
                telemetry.count("IgnoredEvent", "detailType", "other");
                yield result("ignored").put("reason", "an EventBridge event that is not a cost anomaly");
            }
            case Envelope.Other o -> restore(o, deadline);
            case Envelope.Rejected r -> {
                LOG.warn("refused an SNS record: {}", r.reason());
                telemetry.count("RejectedMessage", "reason", "topic");
                yield result("rejected").put("reason", r.reason());
            }
            case Envelope.Malformed m -> {
                LOG.warn("unusable input: {}", m.reason());
                telemetry.count("MalformedInput", "input", "event");
                yield result("malformed").put("reason", m.reason());
            }
            case Envelope.AlarmAction a -> {
                telemetry.count("IgnoredEvent", "detailType", "alarm");
                yield result("ignored").put("reason", "an alarm action: the alarm responder handles alarms");
            }
        };
    }

    private ObjectNode message(Envelope.SnsNotification n, BudgetMessages.Result read, Deadline deadline) {
        return switch (read) {
            case BudgetMessages.Budget(BudgetAlert alert) -> budget(alert, n, deadline);
            case BudgetMessages.Anomaly(AnomalyAlert alert) -> anomaly(alert, deadline);
            case BudgetMessages.Unrecognized(String reason) -> {
                telemetry.count("UnrecognizedMessage", "source", "sns");
                AlertKeys.Key key = AlertKeys.message(n.messageId());
                yield once(key, null, result("unrecognized").put("reason", reason), claim -> {
                    Notice notice = notices.unrecognized(n, reason, key.value(), clock.instant());
                    return send(notice, deadline);
                });
            }
        };
    }

    private ObjectNode budget(BudgetAlert alert, Envelope.SnsNotification n, Deadline deadline) {
        telemetry.count("BudgetAlert", "alertType", alert.alertType().name());
        String account = alert.accountId().orElse(ownAccount);
        AlertKeys.Key key = AlertKeys.budget(alert, account, n.timestamp());
        ObjectNode result = result("budget").put("budget", alert.budgetName()).put("alertType", alert.alertType().name());
        return once(key, null, result, claim -> {
            CostSnapshot context = CostSnapshot.of(costs, account, costTag);
            ActionReport report = action.onBudget(alert, deadline);
            if (report.changed()) {
                telemetry.count("CostActionChanged", "action", "scale-to-zero");
            }
            ArrayNode lines = result.putArray("action");
            report.lines().forEach(lines::add);
            return send(notices.budget(alert, key.value(), context, report, clock.instant()), deadline);
        });
    }

    private ObjectNode anomaly(AnomalyAlert alert, Deadline deadline) {
        telemetry.count("CostAnomaly", "form", alert.form().name());
        AlertKeys.Key key = AlertKeys.anomaly(alert);
        ObjectNode result = result("anomaly").put("anomalyId", alert.anomalyId());
        return once(key, alert.impact().totalImpact(), result, claim -> send(
                notices.anomaly(alert, claim == AlertLedger.Claim.GREW, key.value(), clock.instant()), deadline));
    }

    private ObjectNode restore(Envelope.Other other, Deadline deadline) {
        RestoreRequest request;
        try {
            request = RestoreRequest.parse(other.event());
        } catch (IllegalArgumentException e) {
            telemetry.count("MalformedInput", "input", "event");
            return result("malformed").put("reason", e.getMessage());
        }
        ScaleToZero.Result restored = action.restore(request.dryRun(), deadline);
        ObjectNode result = result("restore").put("dryRun", request.dryRun());
        ArrayNode lines = result.putArray("services");
        restored.outcomes().forEach(o -> lines.add(o.line()));
        String key = "restore#" + clock.instant().toString();
        result.set("deliveries", send(notices.restore(restored, key, clock.instant()), deadline));
        return result;
    }

    private interface Work {
        ArrayNode run(AlertLedger.Claim claim);
    }

    /** Claims the alert, does the work, marks it done; a duplicate does nothing and a failure releases the claim. */
    private ObjectNode once(AlertKeys.Key key, BigDecimal impact, ObjectNode result, Work work) {
        AlertLedger.Claim claim = ledger.claim(key, impact);
        result.put("claim", claim.name());
        if (claim == AlertLedger.Claim.DUPLICATE) {
            telemetry.count("DuplicateAlert", "kind", result.path("kind").asText());
            return result;
        }
        ArrayNode deliveries;
        try {
            deliveries = work.run(claim);
        } catch (RuntimeException e) {
            ledger.release(key);
            throw e;
        }
        ledger.done(key);
        result.set("deliveries", deliveries);
        return result;
    }

    private ArrayNode send(Notice notice, Deadline deadline) {
        List<Delivery> sent = notifier.send(notice, notifier.routes().route(notice.severity()).channels(), deadline);
        return Delivery.json(sent);
    }

    private static ObjectNode result(String kind) {
        return JsonNodeFactory.instance.objectNode().put("kind", kind);
    }
}

package dev.shepherd.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.budget.AnomalyAlert.Form;
import dev.shepherd.budget.AnomalyAlert.Impact;
import dev.shepherd.budget.AnomalyAlert.RootCause;
import dev.shepherd.budget.AnomalyAlert.Score;
import dev.shepherd.core.Json;
import dev.shepherd.core.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Cost Anomaly Detection JSON (reference 2.3, 5.5) in its SNS form (the message is the anomaly) and its
 * EventBridge form ({@code source} aws.ce, {@code detail-type} "Anomaly Detected", the anomaly in {@code detail}).
 * Parsed with core's strict {@link Json}: a duplicate key could otherwise shadow the impact. Field errors name the
 * field, never its value.
 */
final class AnomalyAlertParser {
    private AnomalyAlertParser() {
    }

    /** @throws IllegalArgumentException when the JSON is malformed or not an anomaly; the message names the problem */
    static AnomalyAlert parse(JsonNode root) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        boolean eventBridge = root.has("detail-type") || root.has("source");
        JsonNode a = root;
        if (eventBridge) {
            if (!"aws.ce".equals(root.path("source").asText()) || !"Anomaly Detected".equals(root.path("detail-type").asText())) {
                throw new IllegalArgumentException("an event that is not source aws.ce, detail-type Anomaly Detected");
            }
            a = root.path("detail");
            if (!a.isObject()) {
                throw new IllegalArgumentException("no detail object");
            }
        }
        String account = text(a, "accountId").or(() -> eventBridge ? text(root, "account") : Optional.empty())
                .orElseThrow(() -> missing("accountId"));
        JsonNode impact = a.path("impact");
        if (!impact.isObject()) {
            throw missing("impact");
        }
        JsonNode score = a.path("anomalyScore");
        return new AnomalyAlert(eventBridge ? Form.EVENTBRIDGE : Form.SNS, account, text(a, "accountName"),
                required(a, "anomalyId"), instant(a, "anomalyStartDate").orElseThrow(() -> missing("anomalyStartDate")),
                instant(a, "anomalyEndDate"),
                score.isObject()
                        ? Optional.of(new Score(number(score, "currentScore").orElseThrow(() -> missing("anomalyScore.currentScore")),
                                number(score, "maxScore").orElseThrow(() -> missing("anomalyScore.maxScore"))))
                        : Optional.empty(),
                text(a, eventBridge ? "dimensionValue" : "dimensionalValue"),
                new Impact(number(impact, "maxImpact"),
                        number(impact, "totalImpact").orElseThrow(() -> missing("impact.totalImpact")),
                        number(impact, "totalActualSpend"), number(impact, "totalExpectedSpend"),
                        number(impact, "totalImpactPercentage")),
                required(a, "monitorArn"), text(a, "monitorName"), rootCauses(a.path("rootCauses")),
                text(a, "subscriptionId"), text(a, "subscriptionName"), text(a, "anomalyDetailsLink"));
    }

    private static List<RootCause> rootCauses(JsonNode causes) {
        if (causes.isMissingNode() || causes.isNull()) {
            return List.of();
        }
        if (!causes.isArray()) {
            throw new IllegalArgumentException("rootCauses is not an array");
        }
        List<RootCause> out = new ArrayList<>();
        for (JsonNode c : causes) {
            if (!c.isObject()) {
                throw new IllegalArgumentException("a rootCauses entry is not an object");
            }
            out.add(new RootCause(text(c, "linkedAccount"), text(c, "linkedAccountName"), text(c, "region"),
                    text(c, "service"), text(c, "usageType"), number(c.path("impact"), "contribution")));
        }
        return out;
    }

    private static IllegalArgumentException missing(String field) {
        return new IllegalArgumentException("no " + field);
    }

    private static String required(JsonNode n, String field) {
        return text(n, field).orElseThrow(() -> missing(field));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    /** Amounts are JSON numbers; a quoted number is also accepted, but nothing else is. */
    private static Optional<BigDecimal> number(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.decimalValue());
        }
        try {
            return Optional.of(new BigDecimal(v.textValue()));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException(field + " is not a number");
        }
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        return text(n, field).map(t -> {
            try {
                return Timestamps.parse(t);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + " is " + e.getMessage());
            }
        });
    }
}

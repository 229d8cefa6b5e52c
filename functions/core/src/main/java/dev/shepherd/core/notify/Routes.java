package dev.shepherd.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where notices go, per environment: the route file in SSM at {@code /shepherd/<environment>/routes} (see
 * docs/notifications.md). It names channels (type plus the secret or topic that reaches them) and, per severity,
 * the channels to notify and the escalation steps. The platform team writes it; it never holds a credential, only
 * secret ids, so it cannot send a credential anywhere but where the secret's owner pointed it. Validated when read:
 * one {@link ConfigException} names every problem.
 */
public final class Routes {
    public static final int MAX_ESCALATION_STEPS = 5;
    public static final int MAX_AFTER_MINUTES = 1440;

    private static final Pattern CHANNEL_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String PARTITION = "arn:aws(-[a-z]+)*";
    private static final String REGION = "[a-z]{2}(-[a-z]+)+-[0-9]";
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_ARN = Pattern.compile(PARTITION + ":secretsmanager:" + REGION
            + ":[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern TOPIC_ARN = Pattern.compile(PARTITION + ":sns:" + REGION + ":[0-9]{12}:[A-Za-z0-9_-]{1,256}");

    public enum ChannelType {
        SLACK, TEAMS, PAGERDUTY, SNS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One channel as the route file defines it: {@code secret} for webhook types, {@code topicArn} for sns. */
    public record ChannelSpec(String name, ChannelType type, String secret, String topicArn, SnsChannel.Format format) {
    }

    /** @param channels the step's {@code notify} list (a record cannot have a component named notify) */
    public record EscalationStep(Duration after, List<String> channels) {
        public EscalationStep {
            channels = List.copyOf(channels);
        }
    }

    /**
     * @param channels   the severity's {@code notify} list
     * @param escalation in increasing {@code after} order; empty when the severity does not escalate
     */
    public record Route(List<String> channels, List<EscalationStep> escalation) {
        public Route {
            channels = List.copyOf(channels);
            escalation = List.copyOf(escalation);
        }
    }

    /** @param defaulted the tag was blank or named no severity, so the route file's default was used */
    public record SeverityChoice(Severity severity, boolean defaulted) {
    }

    private final Severity defaultSeverity;
    private final Map<String, ChannelSpec> channels;
    private final Map<Severity, Route> routes;

    private Routes(Severity defaultSeverity, Map<String, ChannelSpec> channels, Map<Severity, Route> routes) {
        this.defaultSeverity = defaultSeverity;
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        this.routes = Collections.unmodifiableMap(new EnumMap<>(routes));
    }

    public static String parameterName(String environment) {
        return "/shepherd/" + environment + "/routes";
    }

    /** Reads and validates the environment's route file; a missing or unreadable one is a ConfigException. */
    public static Routes load(Parameters parameters, String environment) {
        if (environment == null || !environment.matches("[a-z0-9-]{1,32}")) {
            throw new ConfigException(List.of("environment '" + environment + "' cannot name a route parameter"));
        }
        String name = parameterName(environment);
        Optional<String> text = parameters.atInit(name, "the route parameter");
        return parse(text.orElseThrow(() -> new ConfigException(List.of("the route parameter " + name
                + " does not exist (it says where notices go; see docs/notifications.md)"))), name);
    }

    /** @param source what the text came from (a parameter name), put before every problem */
    public static Routes parse(String json, String source) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(source + ": " + e.getMessage()));
        }
        if (!root.isObject()) {
            throw new ConfigException(List.of(source + ": must be a JSON object with defaultSeverity, channels and"
                    + " severities"));
        }
        Json.onlyKeys(root, "", problems, "defaultSeverity", "channels", "severities");

        Severity defaultSeverity = null;
        JsonNode def = root.path("defaultSeverity");
        if (!def.isTextual()) {
            problems.add("defaultSeverity is missing; one of " + severityNames());
        } else {
            defaultSeverity = Severity.fromWire(def.asText()).filter(s -> s.wire().equals(def.asText())).orElse(null);
            if (defaultSeverity == null) {
                problems.add("defaultSeverity '" + def.asText() + "' is not one of " + severityNames());
            }
        }

        Map<String, ChannelSpec> channels = channels(root.path("channels"), problems);
        Map<Severity, Route> routes = new EnumMap<>(Severity.class);
        JsonNode severities = root.path("severities");
        if (!severities.isObject() || severities.isEmpty()) {
            problems.add("severities is missing or empty: it maps severities to {\"notify\": [...]}");
        } else {
            severities.properties().forEach(e -> {
                Optional<Severity> s = Severity.fromWire(e.getKey()).filter(v -> v.wire().equals(e.getKey()));
                String path = "severities." + e.getKey();
                if (s.isEmpty()) {
                    problems.add(path + ": '" + e.getKey() + "' is not one of " + severityNames());
                }
                Route route = route(e.getValue(), path, channels.keySet(), problems);
                s.ifPresent(v -> routes.put(v, route));
            });
            if (defaultSeverity != null && !routes.containsKey(defaultSeverity)) {
                problems.add("severities has no entry for the default severity '" + defaultSeverity.wire()
                        + "', which severities without an entry use");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> source + ": " + p).toList());
        }
        return new Routes(defaultSeverity, channels, routes);
    }

    private static Map<String, ChannelSpec> channels(JsonNode node, List<String> problems) {
        Map<String, ChannelSpec> channels = new LinkedHashMap<>();
        if (!node.isObject() || node.isEmpty()) {
            problems.add("channels is missing or empty: it maps channel names to {\"type\": ...}");
            return channels;
        }
        node.properties().forEach(e -> {
            String name = e.getKey();
            String path = "channels." + name;
            JsonNode spec = e.getValue();
            if (!CHANNEL_NAME.matcher(name).matches()) {
                problems.add(path + ": a channel name is 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (!spec.isObject()) {
                problems.add(path + " must be an object with a type");
                return;
            }
            String typeName = spec.path("type").asText("");
            ChannelType type = null;
            for (ChannelType t : ChannelType.values()) {
                if (t.wire().equals(typeName)) {
                    type = t;
                }
            }
            if (type == null) {
                problems.add(path + ".type '" + typeName + "' is not one of slack, teams, pagerduty, sns");
                return;
            }
            if (type == ChannelType.SNS) {
                Json.onlyKeys(spec, path + ".", problems, "type", "topicArn", "format");
                String arn = spec.path("topicArn").asText("");
                if (arn.endsWith(".fifo")) {
                    problems.add(path + ".topicArn: FIFO topics are not supported (they need a message group)");
                } else if (!TOPIC_ARN.matcher(arn).matches()) {
                    problems.add(path + ".topicArn '" + arn + "' is not an SNS topic ARN"
                            + " (arn:aws:sns:<region>:<account>:<name>)");
                }
                String formatName = spec.path("format").asText("text");
                SnsChannel.Format format = switch (formatName) {
                    case "text" -> SnsChannel.Format.TEXT;
                    case "chatbot" -> SnsChannel.Format.CHATBOT;
                    default -> {
                        problems.add(path + ".format '" + formatName + "' is not text or chatbot");
                        yield SnsChannel.Format.TEXT;
                    }
                };
                channels.put(name, new ChannelSpec(name, type, null, arn, format));
            } else {
                Json.onlyKeys(spec, path + ".", problems, "type", "secret");
                String secret = spec.path("secret").asText("");
                if (!SECRET_NAME.matcher(secret).matches() && !SECRET_ARN.matcher(secret).matches()) {
                    problems.add(path + ".secret '" + secret + "' is not a Secrets Manager secret name or ARN");
                }
                channels.put(name, new ChannelSpec(name, type, secret, null, null));
            }
        });
        return channels;
    }

    private static Route route(JsonNode node, String path, Set<String> channels, List<String> problems) {
        if (!node.isObject()) {
            problems.add(path + " must be an object with notify (and optionally escalation)");
            return new Route(List.of(), List.of());
        }
        Json.onlyKeys(node, path + ".", problems, "notify", "escalation");
        List<String> notify = names(node.get("notify"), path + ".notify", channels, false, problems);
        List<EscalationStep> steps = new ArrayList<>();
        JsonNode escalation = node.get("escalation");
        if (escalation != null) {
            if (!escalation.isArray()) {
                problems.add(path + ".escalation must be a list of {\"afterMinutes\": n, \"notify\": [...]}");
            } else if (escalation.size() > MAX_ESCALATION_STEPS) {
                problems.add(path + ".escalation has " + escalation.size() + " steps; at most " + MAX_ESCALATION_STEPS);
            } else {
                long previous = 0;
                for (int i = 0; i < escalation.size(); i++) {
                    JsonNode step = escalation.get(i);
                    String at = path + ".escalation[" + i + "]";
                    if (!step.isObject()) {
                        problems.add(at + " must be {\"afterMinutes\": n, \"notify\": [...]}");
                        continue;
                    }
                    Json.onlyKeys(step, at + ".", problems, "afterMinutes", "notify");
                    JsonNode after = step.path("afterMinutes");
                    long minutes = after.isIntegralNumber() && after.canConvertToLong() ? after.asLong() : -1;
                    if (minutes < 1 || minutes > MAX_AFTER_MINUTES) {
                        problems.add(at + ".afterMinutes must be a whole number from 1 to " + MAX_AFTER_MINUTES);
                    } else if (minutes <= previous) {
                        problems.add(at + ".afterMinutes " + minutes + " must be later than the step before ("
                                + previous + ")");
                    }
                    previous = Math.max(previous, minutes);
                    steps.add(new EscalationStep(Duration.ofMinutes(Math.max(minutes, 0)),
                            names(step.get("notify"), at + ".notify", channels, true, problems)));
                }
            }
        }
        return new Route(notify, steps);
    }

    private static List<String> names(JsonNode node, String path, Set<String> channels, boolean nonEmpty,
            List<String> problems) {
        if (node == null || !node.isArray()) {
            problems.add(path + " must be a list of channel names");
            return List.of();
        }
        if (nonEmpty && node.isEmpty()) {
            problems.add(path + " must name at least one channel");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode n : node) {
            if (!n.isTextual()) {
                problems.add(path + " holds a " + n.getNodeType().name().toLowerCase(Locale.ROOT)
                        + " where a channel name belongs");
            } else if (!channels.contains(n.asText())) {
                problems.add(path + " names channel '" + n.asText() + "', which channels does not define");
            } else if (!names.add(n.asText())) {
                problems.add(path + " names channel '" + n.asText() + "' twice");
            }
        }
        return List.copyOf(names);
    }


    private static String severityNames() {
        return java.util.Arrays.stream(Severity.values()).map(Severity::wire).toList().toString();
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** The severity a tag names (any case); a blank or unknown tag gets the default, and says so. */
    public SeverityChoice severityFor(String tagValue) {
        return Severity.fromWire(tagValue).map(s -> new SeverityChoice(s, false))
                .orElseGet(() -> new SeverityChoice(defaultSeverity, true));
    }

    /** The severity's route; a severity without an entry uses the default severity's route. */
    public Route route(Severity severity) {
        Route route = routes.get(severity);
        return route != null ? route : routes.get(defaultSeverity);
    }

    public Map<String, ChannelSpec> channels() {
        return channels;
    }

    /** Every topic the routes publish to (what the function's IAM policy must allow). */
    public Set<String> topicArns() {
        Set<String> arns = new LinkedHashSet<>();
        channels.values().stream().filter(c -> c.type() == ChannelType.SNS).forEach(c -> arns.add(c.topicArn()));
        return Collections.unmodifiableSet(arns);
    }
}

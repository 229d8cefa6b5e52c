package dev.shepherd.hook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Json;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A deployment's check plan, as stored (JSON) in SSM: which checks each lifecycle stage runs. Parsing is
 * strict: an unknown field or type is a problem, because a misspelt option silently ignored would weaken
 * a check. {@link #parse} collects every problem and throws one {@link PlanException}.
 *
 * @param allowedHosts   hosts an explicit {@code url} may name (exact, or {@code *.suffix})
 * @param plainHttpHosts hosts of {@code allowedHosts} an explicit {@code url} may call over plain http (same
 *                       matching); the deployment's own test endpoint needs no entry
 * @param serviceCreate  what an ECS native hook does on the service's first deployment
 */
public record CheckPlan(List<String> allowedHosts, List<String> plainHttpHosts, ServiceCreate serviceCreate,
        Map<String, Stage> stages) {

    public enum ServiceCreate { SKIP, VALIDATE }

    /** @param warmUp ECS native only: how often a failing stage may answer IN_PROGRESS and be re-invoked */
    public record Stage(List<CheckSpec> checks, Optional<WarmUp> warmUp) {
    }

    public record WarmUp(int maxAttempts, int callBackDelaySeconds) {
    }

    public sealed interface CheckSpec {
        String name();

        Duration timeout();

        /** The metric dimension and plan {@code type}. */
        String type();
    }

    public record Http(String name, Duration timeout, URI url, String path, String method, Map<String, String> headers,
            String body, int expectStatus, String bodyContains, String jsonPointer, String jsonEquals,
            Duration maxLatency, int attempts, Duration interval, int consecutiveSuccesses) implements CheckSpec {
        public String type() {
            return "http";
        }
    }

    public record Alarms(String name, Duration timeout, List<String> alarmNames, boolean allowInsufficientData)
            implements CheckSpec {
        public String type() {
            return "alarms";
        }
    }

    public record TargetHealth(String name, Duration timeout, int minHealthyTargets) implements CheckSpec {
        public String type() {
            return "targetHealth";
        }
    }

    public record ConfigPresent(String name, Duration timeout, List<String> parameters, List<String> secrets)
            implements CheckSpec {
        public String type() {
            return "config";
        }
    }

    public record Invoke(String name, Duration timeout, String payload) implements CheckSpec {
        public String type() {
            return "invoke";
        }
    }

    public static final class PlanException extends RuntimeException {
        PlanException(String where, List<String> problems) {
            super("check plan " + where + " is invalid: " + String.join("; ", problems));
        }
    }

    public Optional<Stage> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    public boolean allowsHost(String host) {
        return matches(allowedHosts, host);
    }

    public boolean allowsPlainHttp(String host) {
        return matches(allowedHosts, host) && matches(plainHttpHosts, host);
    }

    private static boolean matches(List<String> patterns, String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return patterns.stream().map(p -> p.toLowerCase(Locale.ROOT))
                .anyMatch(p -> p.startsWith("*.") ? h.endsWith(p.substring(1)) : p.equals(h));
    }

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "OPTIONS");
    private static final Set<String> COMMON = Set.of("type", "name", "timeoutSeconds");

    /** @param where the plan's SSM name, for messages */
    public static CheckPlan parse(String json, String where) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new PlanException(where, List.of(e.getMessage()));
        }
        Reader r = new Reader();
        if (!root.isObject()) {
            throw new PlanException(where, List.of("not a JSON object"));
        }
        r.only(root, "plan", Set.of("allowedHosts", "plainHttpHosts", "serviceCreate", "stages"));
        List<String> hosts = r.strings(root, "allowedHosts", "plan");
        List<String> plainHttp = r.strings(root, "plainHttpHosts", "plan");
        String create = r.text(root, "serviceCreate", "plan", "skip");
        ServiceCreate serviceCreate = ServiceCreate.SKIP;
        if ("validate".equals(create)) {
            serviceCreate = ServiceCreate.VALIDATE;
        } else if (!"skip".equals(create)) {
            r.problem("plan.serviceCreate is '" + create + "', expected skip or validate");
        }
        Map<String, Stage> stages = new LinkedHashMap<>();
        JsonNode stagesNode = root.path("stages");
        if (!stagesNode.isObject()) {
            r.problem("plan.stages is missing or not an object");
        } else {
            stagesNode.properties().forEach(e -> stages.put(e.getKey(), r.stage(e.getValue(), "stages." + e.getKey())));
        }
        if (!r.problems.isEmpty()) {
            throw new PlanException(where, r.problems);
        }
        return new CheckPlan(hosts, plainHttp, serviceCreate, stages);
    }

    /** Reads fields, recording each problem with its location instead of stopping at the first. */
    private static final class Reader {
        final List<String> problems = new ArrayList<>();

        void problem(String message) {
            problems.add(message);
        }

        Stage stage(JsonNode node, String at) {
            only(node, at, Set.of("checks", "warmUp"));
            List<CheckSpec> checks = new ArrayList<>();
            JsonNode list = node.path("checks");
            if (!list.isArray()) {
                problem(at + ".checks is missing or not a list (use [] for a stage with no checks)");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    CheckSpec spec = check(list.get(i), at + ".checks[" + i + "]");
                    if (spec != null) {
                        checks.add(spec);
                    }
                }
            }
            Optional<WarmUp> warmUp = Optional.empty();
            JsonNode w = node.get("warmUp");
            if (w != null) {
                only(w, at + ".warmUp", Set.of("maxAttempts", "callBackDelaySeconds"));
                warmUp = Optional.of(new WarmUp(integer(w, "maxAttempts", at + ".warmUp", 3, 1, 100),
                        integer(w, "callBackDelaySeconds", at + ".warmUp", 30, 1, 900)));
            }
            return new Stage(List.copyOf(checks), warmUp);
        }

        CheckSpec check(JsonNode node, String at) {
            if (!node.isObject()) {
                problem(at + " is not an object");
                return null;
            }
            String type = text(node, "type", at, null);
            String name = text(node, "name", at, type);
            Duration timeout = Duration.ofSeconds(integer(node, "timeoutSeconds", at, 30, 1, 900));
            if (type == null) {
                problem(at + ".type is missing (http, alarms, targetHealth, config or invoke)");
                return null;
            }
            return switch (type) {
                case "http" -> http(node, at, name, timeout);
                case "alarms" -> {
                    only(node, at, COMMON, "alarmNames", "allowInsufficientData");
                    List<String> names = strings(node, "alarmNames", at);
                    if (names.isEmpty()) {
                        problem(at + ".alarmNames must name at least one alarm");
                    }
                    yield new Alarms(name, timeout, names, bool(node, "allowInsufficientData", at));
                }
                case "targetHealth" -> {
                    only(node, at, COMMON, "minHealthyTargets");
                    yield new TargetHealth(name, timeout, integer(node, "minHealthyTargets", at, 1, 1, 1000));
                }
                case "config" -> {
                    only(node, at, COMMON, "parameters", "secrets");
                    List<String> parameters = strings(node, "parameters", at);
                    List<String> secrets = strings(node, "secrets", at);
                    if (parameters.isEmpty() && secrets.isEmpty()) {
                        problem(at + " names no parameters and no secrets");
                    }
                    yield new ConfigPresent(name, timeout, parameters, secrets);
                }
                case "invoke" -> {
                    only(node, at, COMMON, "payload");
                    JsonNode payload = node.get("payload");
                    yield new Invoke(name, timeout, payload == null ? "{}" : Json.write(payload));
                }
                default -> {
                    problem(at + ".type is '" + type + "', expected http, alarms, targetHealth, config or invoke");
                    yield null;
                }
            };
        }

        Http http(JsonNode node, String at, String name, Duration timeout) {
            only(node, at, COMMON, "url", "path", "method", "headers", "body", "expectStatus", "bodyContains",
                    "jsonPointer", "jsonEquals", "maxLatencyMillis", "attempts", "intervalMillis",
                    "consecutiveSuccesses");
            String url = text(node, "url", at, null);
            String path = text(node, "path", at, null);
            URI uri = null;
            if ((url == null) == (path == null)) {
                problem(at + " needs exactly one of url (explicit) or path (on the deployment's test endpoint)");
            } else if (url != null) {
                try {
                    uri = URI.create(url);
                    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                        problem(at + ".url '" + url + "' is not an absolute http(s) URL");
                    }
                } catch (IllegalArgumentException e) {
                    problem(at + ".url '" + url + "' is not a URL");
                }
            } else if (!isLocalPath(path)) {
                problem(at + ".path '" + path + "' must be a path on the test endpoint: start with one /, no host");
            }
            String method = text(node, "method", at, "GET").toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                problem(at + ".method '" + method + "' is not one of " + METHODS);
            }
            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode h = node.get("headers");
            if (h != null) {
                if (!h.isObject()) {
                    problem(at + ".headers is not an object");
                } else {
                    h.properties().forEach(e -> {
                        if (e.getValue().isTextual()) {
                            headers.put(e.getKey(), e.getValue().textValue());
                        } else {
                            problem(at + ".headers." + e.getKey() + " is " + e.getValue().getNodeType()
                                    + ", expected a string");
                        }
                    });
                }
            }
            String pointer = text(node, "jsonPointer", at, null);
            String equals = text(node, "jsonEquals", at, null);
            if ((pointer == null) != (equals == null)) {
                problem(at + ": jsonPointer and jsonEquals go together");
            }
            if (pointer != null && !pointer.startsWith("/")) {
                problem(at + ".jsonPointer '" + pointer + "' must start with /");
            }
            int attempts = integer(node, "attempts", at, 3, 1, 20);
            int successes = integer(node, "consecutiveSuccesses", at, 1, 1, 20);
            JsonNode latency = node.get("maxLatencyMillis");
            return new Http(name, timeout, uri, path, method, Map.copyOf(headers), text(node, "body", at, null),
                    integer(node, "expectStatus", at, 200, 100, 599), text(node, "bodyContains", at, null), pointer,
                    equals, latency == null ? null : Duration.ofMillis(integer(node, "maxLatencyMillis", at, 0, 1, 900_000)),
                    attempts, Duration.ofMillis(integer(node, "intervalMillis", at, 1000, 0, 60_000)), successes);
        }

        /** A path (and query) that {@code URI.resolve} cannot turn into another host: {@code //host/x} would. */
        static boolean isLocalPath(String path) {
            if (!path.startsWith("/") || path.startsWith("//")) {
                return false;
            }
            try {
                URI uri = new URI(path);
                return uri.getScheme() == null && uri.getRawAuthority() == null && uri.getRawFragment() == null;
            } catch (java.net.URISyntaxException e) {
                return false;
            }
        }

        void only(JsonNode node, String at, Set<String> allowed, String... more) {
            Set<String> all = new java.util.HashSet<>(allowed);
            all.addAll(List.of(more));
            node.fieldNames().forEachRemaining(f -> {
                if (!all.contains(f)) {
                    problem(at + " has unknown field '" + f + "'");
                }
            });
        }

        String text(JsonNode node, String field, String at, String fallback) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                problem(at + "." + field + " must be a non-empty string");
                return fallback;
            }
            return v.asText();
        }

        int integer(JsonNode node, String field, String at, int fallback, int min, int max) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return fallback;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
                problem(at + "." + field + " is " + v + ", expected a whole number from " + min + " to " + max);
                return fallback;
            }
            return v.asInt();
        }

        boolean bool(JsonNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return false;
            }
            if (!v.isBoolean()) {
                problem(at + "." + field + " must be true or false");
                return false;
            }
            return v.asBoolean();
        }

        List<String> strings(JsonNode node, String field, String at) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            List<String> values = new ArrayList<>();
            if (!v.isArray()) {
                problem(at + "." + field + " must be a list of strings");
                return List.of();
            }
            v.forEach(item -> {
                if (item.isTextual() && !item.asText().isBlank()) {
                    values.add(item.asText());
                } else {
                    problem(at + "." + field + " has a non-string or empty entry " + item);
                }
            });
            return List.copyOf(values);
        }
    }
}

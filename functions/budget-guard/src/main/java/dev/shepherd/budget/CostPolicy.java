package dev.shepherd.budget;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the budget guard may do in one deployment environment, from {@code /shepherd/<environment>/cost-policy}
 * (docs/budget-guard.md). Without the parameter, alerts are only notified. Read and validated at init: every problem
 * is named in one {@link ConfigException}.
 *
 * @param mode         {@link Mode#OFF}: never act; {@link Mode#DRY_RUN} (the default once {@code actions} is given):
 *                     list what would change; {@link Mode#ON}: scale down for real
 * @param atPercent    an ACTUAL alert acts only when the confirmed spend is at least this percent of the budget
 * @param budgets      the budgets whose ACTUAL alerts may act (names, exact)
 * @param clusters     the ECS clusters (names or ARNs) whose opted-in services are scaled down and restored
 * @param environments the {@code environment} tag values of the services acted on; never production
 * @param topServices  how many services the notice lists before lumping the rest
 * @param costTag      the cost-allocation tag whose values the notice shows spend for
 */
public record CostPolicy(Mode mode, BigDecimal atPercent, Set<String> budgets, List<String> clusters,
        Set<String> environments, int topServices, String costTag) {
    public enum Mode {
        OFF("off"), DRY_RUN("dry-run"), ON("on");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    static final int DEFAULT_TOP_SERVICES = 5;
    static final String DEFAULT_COST_TAG = "environment";
    private static final BigDecimal DEFAULT_PERCENT = BigDecimal.valueOf(100);
    private static final Set<String> PRODUCTION = Set.of("prod", "production");
    private static final Pattern CLUSTER = Pattern.compile(
            "[A-Za-z0-9_-]{1,255}|arn:aws[a-z-]*:ecs:[a-z0-9-]+:\\d{12}:cluster/[A-Za-z0-9_-]{1,255}");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N} _.:/=+@-]{1,128}");

    public CostPolicy {
        budgets = Set.copyOf(budgets);
        clusters = List.copyOf(clusters);
        environments = Set.copyOf(environments);
    }

    public static String parameterName(String environment) {
        return "/shepherd/" + environment + "/cost-policy";
    }

    /** Notify only: what applies when the environment has no policy parameter. */
    public static CostPolicy notifyOnly() {
        return new CostPolicy(Mode.OFF, DEFAULT_PERCENT, Set.of(), List.of(), Set.of(), DEFAULT_TOP_SERVICES,
                DEFAULT_COST_TAG);
    }

    public boolean acts() {
        return mode != Mode.OFF;
    }

    /** The environment's policy, or {@link #notifyOnly()} when it has none; an unreadable one stops init. */
    public static CostPolicy load(Parameters parameters, String environment) {
        String name = parameterName(environment);
        Optional<String> text = parameters.atInit(name, "the cost policy");
        return text.map(t -> parse(t, name, environment)).orElseGet(CostPolicy::notifyOnly);
    }

    /**
     * @param source      the parameter name, put before every problem
     * @param environment the function's own environment: in {@code prod} no mode other than off is accepted
     */
    public static CostPolicy parse(String json, String source, String environment) {
        JsonNode root;
        try {
            root = Json.parse(json);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(source + ": " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        if (!root.isObject()) {
            throw new ConfigException(List.of(source + ": must be a JSON object (keys: actions, context)"));
        }
        Json.onlyKeys(root, "", problems, "actions", "context");
        int top = DEFAULT_TOP_SERVICES;
        String costTag = DEFAULT_COST_TAG;
        JsonNode context = root.path("context");
        if (!context.isMissingNode()) {
            if (!context.isObject()) {
                problems.add("context must be an object (keys: topServices, costTag)");
            } else {
                Json.onlyKeys(context, "context.", problems, "topServices", "costTag");
                JsonNode t = context.path("topServices");
                if (!t.isMissingNode()) {
                    if (!t.isInt() || t.intValue() < 1 || t.intValue() > 20) {
                        problems.add("context.topServices must be a whole number from 1 to 20");
                    } else {
                        top = t.intValue();
                    }
                }
                JsonNode tag = context.path("costTag");
                if (!tag.isMissingNode()) {
                    if (!tag.isTextual() || !TAG.matcher(tag.textValue()).matches()) {
                        problems.add("context.costTag must be a tag key (1 to 128 letters, digits, spaces, _.:/=+@-)");
                    } else {
                        costTag = tag.textValue();
                    }
                }
            }
        }
        JsonNode actions = root.path("actions");
        if (actions.isMissingNode()) {
            finish(problems, source);
            return new CostPolicy(Mode.OFF, DEFAULT_PERCENT, Set.of(), List.of(), Set.of(), top, costTag);
        }
        if (!actions.isObject()) {
            problems.add("actions must be an object (keys: mode, atPercent, budgets, clusters, environments)");
            finish(problems, source);
        }
        Json.onlyKeys(actions, "actions.", problems, "mode", "atPercent", "budgets", "clusters", "environments");
        Mode mode = Mode.DRY_RUN;
        JsonNode m = actions.path("mode");
        if (!m.isMissingNode()) {
            mode = null;
            for (Mode candidate : Mode.values()) {
                if (candidate.wire().equals(m.asText(null)) && m.isTextual()) {
                    mode = candidate;
                }
            }
            if (mode == null) {
                problems.add("actions.mode must be one of off, dry-run, on");
                mode = Mode.OFF;
            }
        }
        if (mode != Mode.OFF && PRODUCTION.contains(environment)) {
            problems.add("actions.mode is " + mode.wire() + " in " + environment
                    + ": the budget guard never scales production; use off");
        }
        BigDecimal percent = DEFAULT_PERCENT;
        JsonNode p = actions.path("atPercent");
        if (!p.isMissingNode()) {
            if (!p.isNumber() || p.decimalValue().signum() <= 0 || p.decimalValue().compareTo(BigDecimal.valueOf(1000)) > 0) {
                problems.add("actions.atPercent must be a number above 0 and at most 1000");
            } else {
                percent = p.decimalValue();
            }
        }
        Set<String> budgets = strings(actions.path("budgets"), "actions.budgets", mode != Mode.OFF, problems, null);
        Set<String> clusters = strings(actions.path("clusters"), "actions.clusters", mode != Mode.OFF, problems, CLUSTER);
        Set<String> environments = strings(actions.path("environments"), "actions.environments", false, problems, TAG);
        if (environments.isEmpty() && !actions.has("environments") && mode != Mode.OFF) {
            environments = Set.of(environment);
        }
        for (String e : environments) {
            if (PRODUCTION.contains(e.trim().toLowerCase(Locale.ROOT))) {
                problems.add("actions.environments names '" + e + "': production services are never scaled");
            }
        }
        if (mode != Mode.OFF && environments.isEmpty()) {
            problems.add("actions.environments is empty: name the non-production environments acted on");
        }
        finish(problems, source);
        return new CostPolicy(mode, percent, budgets, List.copyOf(clusters), environments, top, costTag);
    }

    private static Set<String> strings(JsonNode node, String path, boolean required, List<String> problems,
            Pattern form) {
        Set<String> values = new LinkedHashSet<>();
        if (node.isMissingNode()) {
            if (required) {
                problems.add(path + " is missing: a list of names is needed when actions are on or dry-run");
            }
            return values;
        }
        if (!node.isArray()) {
            problems.add(path + " must be a list of strings");
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode v = node.get(i);
            if (!v.isTextual() || v.textValue().isBlank() || v.textValue().length() > 255
                    || (form != null && !form.matcher(v.textValue()).matches())) {
                problems.add(path + "[" + i + "] is not a valid name");
            } else if (!values.add(v.textValue())) {
                problems.add(path + "[" + i + "] repeats an earlier entry");
            }
        }
        if (required && values.isEmpty()) {
            problems.add(path + " is empty: a list of names is needed when actions are on or dry-run");
        }
        return values;
    }


    private static void finish(List<String> problems, String source) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> source + ": " + p).toList());
        }
    }
}

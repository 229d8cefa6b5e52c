package dev.shepherd.local.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks each function's IAM policies in the template against the AWS calls its module's tests made
 * ({@code functions/<module>/target/aws-operations.txt}): every call allowed, nothing broader than needed
 * ({@code *} or {@code service:*} actions, {@code Resource: "*"} for actions AWS can scope) and no
 * permission that no test exercised.
 *
 * <p>One hook module serves several template functions (one per CodeDeploy event, one for ECS), each given
 * only what its event shape needs. A recorded call may name the function it stands for by an environment
 * selector ({@code codedeploy:GetDeployment HOOK_EVENT=AfterInstall}; {@code HOOK_EVENT=} for unset): it must
 * then be allowed to each function of the module whose own environment matches. Every recorded call must be
 * allowed to at least one function of its module, and every permission of every function must be exercised
 * by its module's tests.
 */
final class IamCheck {
    /**
     * Actions that take no resource-level permission, so a statement made only of them may say
     * {@code Resource: "*"}; anything else must name ARNs.
     */
    static final List<String> UNSCOPED_ACTIONS = List.of(
            "elasticloadbalancing:Describe*",   // ELB's Describe* actions support no resource-level permissions
            "secretsmanager:GetRandomPassword", // generates a password; acts on no resource
            "cloudwatch:PutMetricData",         // scoped by namespace condition, not by resource
            "ce:GetCostAndUsage",               // Cost Explorer's queries read the account's bill, not a resource
            "ce:GetCostForecast",
            "ecs:ListServices",                 // takes only the ecs:cluster condition key
            "application-autoscaling:DescribeScalableTargets", // Describe actions take no resource
            "secretsmanager:ListSecrets",       // listing calls with no resource type (Service Authorization Reference)
            "ssm:DescribeParameters",
            "cloudtrail:DescribeTrails",
            "backup:ListProtectedResources",
            "backup:ListBackupVaults",
            "backup:ListRecoveryPointsByResource",
            "backup:DescribeProtectedResource",
            "backup:ListRestoreJobs",
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords");

    /** SDK operation names whose IAM action is named differently. */
    private static final Map<String, String> ACTION_OF_OPERATION = Map.of("lambda:Invoke", "lambda:InvokeFunction",
            "budgets:DescribeBudget", "budgets:ViewBudget");

    /** Operations that need a second permission: a schedule's target role is passed to EventBridge Scheduler. */
    private static final Map<String, String> ALSO_NEEDED = Map.of("scheduler:CreateSchedule", "iam:PassRole");

    record Allow(String function, String where, List<String> actions, List<JsonNode> resources) {
    }

    private final JsonNode template;
    private final List<String> problems = new ArrayList<>();

    IamCheck(JsonNode template) {
        this.template = template;
    }

    /** The module a function's CodeUri points into ({@code functions/<module>/...}), if any. */
    static Optional<String> module(JsonNode function) {
        String codeUri = function.at("/Properties/CodeUri").asText("");
        String[] parts = codeUri.split("/");
        return parts.length >= 2 && parts[0].equals("functions") ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The IAM action a recorded {@code service:Operation} needs. */
    static String action(String operation) {
        return ACTION_OF_OPERATION.getOrDefault(operation, operation);
    }

    /**
     * Checks every function whose module has a recorded call list.
     *
     * @param recordedByModule module name → the {@code service:Operation}s its tests made
     * @return every problem found, each naming the function or module and the action
     */
    List<String> check(Map<String, ? extends Collection<String>> recordedByModule) {
        Map<String, List<String>> functionsByModule = new LinkedHashMap<>();
        template.path("Resources").properties().forEach(e -> {
            if (!e.getValue().path("Type").asText().equals(Template.FUNCTION_TYPE)) {
                return;
            }
            Optional<String> module = module(e.getValue());
            if (module.isEmpty()) {
                problems.add(e.getKey() + ": CodeUri does not point into functions/<module>/, so no test covers its calls");
            } else if (recordedByModule.containsKey(module.get())) {
                functionsByModule.computeIfAbsent(module.get(), m -> new ArrayList<>()).add(e.getKey());
            }
        });
        functionsByModule.forEach((module, functions) -> {
            Set<String> recorded = new TreeSet<>();
            Map<String, Set<String>> recordedBySelector = new LinkedHashMap<>();
            for (String line : recordedByModule.get(module)) {
                String[] parts = line.trim().split(" ", 2);
                List<String> actions = ALSO_NEEDED.containsKey(parts[0])
                        ? List.of(action(parts[0]), ALSO_NEEDED.get(parts[0])) : List.of(action(parts[0]));
                recorded.addAll(actions);
                if (parts.length == 2) {
                    recordedBySelector.computeIfAbsent(parts[1], k -> new TreeSet<>()).addAll(actions);
                }
            }
            Map<String, List<Allow>> allowsByFunction = new LinkedHashMap<>();
            for (String function : functions) {
                List<Allow> own = statements(function);
                own.forEach(allow -> checkBreadth(allow, module, recorded));
                allowsByFunction.put(function, own);
            }
            List<Allow> allows = allowsByFunction.values().stream().flatMap(List::stream).toList();
            for (String action : recorded) {
                if (!allowed(allows, action)) {
                    problems.add(action + " is called in the tests of functions/" + module
                            + " but allowed to none of its functions " + functions);
                }
            }
            recordedBySelector.forEach((selector, actions) -> {
                List<String> selected = functions.stream().filter(f -> selects(f, selector)).toList();
                if (selected.isEmpty()) {
                    problems.add("tests of functions/" + module + " made calls as " + selector
                            + ", which no template function of the module has");
                }
                for (String function : selected) {
                    actions.stream().filter(action -> !allowed(allowsByFunction.get(function), action)).forEach(action ->
                            problems.add(function + " calls " + action + " (tests as " + selector
                                    + ") but its policies do not allow it"));
                }
            });
        });
        return List.copyOf(problems);
    }

    private static boolean allowed(List<Allow> allows, String action) {
        return allows.stream().anyMatch(a -> a.actions().stream().anyMatch(p -> matches(p, action)));
    }

    /** Whether a function's own environment has {@code NAME=VALUE} (an empty value: the variable is unset). */
    private boolean selects(String function, String selector) {
        String[] nameValue = selector.split("=", 2);
        JsonNode variable = template.at("/Resources/" + function + "/Properties/Environment/Variables/" + nameValue[0]);
        return variable.asText("").equals(nameValue.length == 2 ? nameValue[1] : "");
    }

    private void checkBreadth(Allow allow, String module, Set<String> recorded) {
        boolean anyResource = allow.resources().stream().anyMatch(r -> r.isTextual() && r.asText().equals("*"));
        for (String action : allow.actions()) {
            String where = allow.function() + " (" + allow.where() + ")";
            if (action.equals("*") || action.endsWith(":*")) {
                problems.add(where + " allows " + action + ": name the actions the function calls");
            }
            if (anyResource && UNSCOPED_ACTIONS.stream().noneMatch(u -> matches(u, action))) {
                problems.add(where + " allows " + action + " on Resource \"*\": name the ARNs (only "
                        + UNSCOPED_ACTIONS + " may use \"*\")");
            }
            if (recorded.stream().noneMatch(r -> matches(action, r))) {
                problems.add(where + " allows " + action + " but no test of functions/" + module
                        + " makes that call: remove the permission or test the call");
            }
        }
    }

    /** The Allow statements a function's Policies give it: inline ones and those of managed policies it references. */
    List<Allow> statements(String function) {
        JsonNode props = template.at("/Resources/" + function + "/Properties");
        List<Allow> allows = new ArrayList<>();
        if (props.has("Role")) {
            problems.add(function + " sets Role, which SAM uses instead of Policies; the check reads Policies only");
        }
        JsonNode policies = props.path("Policies");
        List<JsonNode> items = new ArrayList<>();
        if (policies.isArray()) {
            policies.forEach(items::add);
        } else if (!policies.isMissingNode()) {
            items.add(policies);
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode policy = items.get(i);
            String where = "Policies[" + i + "]";
            if (policy.has("Fn::If") && policy.get("Fn::If").isArray() && policy.get("Fn::If").size() == 3) {
                // A policy granted only under a stack condition: both branches are checked, AWS::NoValue grants nothing.
                for (int branch = 1; branch <= 2; branch++) {
                    JsonNode b = policy.get("Fn::If").get(branch);
                    if (!b.path("Ref").asText().equals("AWS::NoValue")) {
                        items.add(b);
                    }
                }
                continue;
            }
            if (policy.has("Ref")) {
                String name = policy.get("Ref").asText();
                JsonNode managed = template.at("/Resources/" + name);
                if (!managed.path("Type").asText().equals("AWS::IAM::ManagedPolicy")) {
                    problems.add(function + " " + where + ": Ref " + name + " is not an AWS::IAM::ManagedPolicy of this template");
                    continue;
                }
                statementsOf(function, name, managed.at("/Properties/PolicyDocument/Statement"), allows);
            } else if (policy.has("Statement")) {
                statementsOf(function, where, policy.get("Statement"), allows);
            } else {
                problems.add(function + " " + where + ": " + policy
                        + " is a managed policy name or SAM policy template, which this check cannot read; "
                        + "write the statements inline or as an AWS::IAM::ManagedPolicy in the template");
            }
        }
        return allows;
    }

    private void statementsOf(String function, String where, JsonNode statements, List<Allow> into) {
        List<JsonNode> list = new ArrayList<>();
        if (statements.isArray()) {
            statements.forEach(list::add);
        } else {
            list.add(statements);
        }
        for (JsonNode statement : list) {
            String at = where + (statement.has("Sid") ? " " + statement.get("Sid").asText() : "");
            if (statement.has("NotAction") || statement.has("NotResource")) {
                problems.add(function + " (" + at + ") uses NotAction/NotResource, which allows everything else");
            }
            if (!statement.path("Effect").asText().equals("Allow")) {
                continue;
            }
            into.add(new Allow(function, at, texts(statement.path("Action")), nodes(statement.path("Resource"))));
        }
    }

    private static List<String> texts(JsonNode node) {
        return nodes(node).stream().map(JsonNode::asText).toList();
    }

    private static List<JsonNode> nodes(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (!node.isMissingNode()) {
            out.add(node);
        }
        return out;
    }

    /** IAM wildcard matching (* and ?), case-insensitive as IAM action names are. */
    static boolean matches(String pattern, String action) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(action.toLowerCase(Locale.ROOT))
                .matches();
    }
}

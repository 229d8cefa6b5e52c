package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.Config;
import dev.shepherd.core.ConfigException;
import dev.shepherd.core.Json;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.notify.Routes;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/**
 * The compliance check's configuration, read and validated once at init: the variables the template sets, the
 * environment's routes, and its compliance policy ({@code /shepherd/<environment>/compliance}, optional: without it
 * the platform's promise applies to every resource of the function's own account and Region). A problem anywhere
 * stops init with one message naming every problem found.
 *
 * <p>The policy: {@code {"targets": {...}} } (see {@link Targets}), {@code "regions": ["eu-west-1"]} (the home
 * Regions checked; default the function's), {@code "accounts": [{"account": "222233334444", "environment":
 * "staging", "roleArn": "arn:aws:iam::222233334444:role/shepherd-compliance-reader"}]} (member accounts, read
 * through their role), {@code "weeklySummary": "MONDAY"} (the day the daily run reports even when all pass),
 * {@code "parameters": {...}} (the configuration parity check, see {@link ParityPolicy}).
 *
 * @param ownAccount   {@code ACCOUNT_ID}: the function's account
 * @param reportBucket {@code REPORT_BUCKET}: where each run's JSON report is written; null for none
 */
record ComplianceConfig(String environment, boolean allowLoopback, String ownAccount, String reportBucket,
        Routes routes, Targets targets, List<Region> regions, List<MemberAccount> accounts, DayOfWeek weeklySummary,
        ParityPolicy parity) {
    static final DayOfWeek DEFAULT_SUMMARY_DAY = DayOfWeek.MONDAY;
    private static final Set<String> POLICY_FIELDS = Set.of("targets", "regions", "accounts", "weeklySummary",
            "parameters");
    private static final Set<String> ACCOUNT_FIELDS = Set.of("account", "environment", "roleArn");

    /** A further account checked through a read-only role there that trusts the function's role. */
    record MemberAccount(String account, String environment, String roleArn) {
    }

    static String parameterName(String environment) {
        return "/shepherd/" + environment + "/compliance";
    }

    static ComplianceConfig load(Platform platform) {
        Config config = new Config(platform);
        String environment = config.environment();
        boolean loopback = config.loopbackAllowed();
        String account = config.required("ACCOUNT_ID", "the function's AWS account id");
        if (account != null && !account.matches("\\d{12}")) {
            config.problem("ACCOUNT_ID is not a 12-digit AWS account id");
        }
        String bucket = config.optional("REPORT_BUCKET", null);
        if (bucket != null && !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            config.problem("REPORT_BUCKET is not an S3 bucket name");
        }
        String home = config.required("AWS_REGION", "the function's Region");
        config.validate();
        Parameters parameters = new Parameters(platform);
        Routes routes = Routes.load(parameters, environment);
        String name = parameterName(environment);
        JsonNode policy = parameters.atInit(name, "the compliance policy").map(text -> parse(text, name))
                .orElse(Json.MAPPER.createObjectNode());
        List<String> problems = new ArrayList<>();
        policy.fieldNames().forEachRemaining(f -> {
            if (!POLICY_FIELDS.contains(f)) {
                problems.add(f + " is not a policy field; known: " + POLICY_FIELDS.stream().sorted().toList());
            }
        });
        Targets targets = Targets.parse(policy.get("targets"), problems);
        List<Region> regions = regions(policy.get("regions"), Region.of(home), targets.drRegion(), problems);
        List<MemberAccount> accounts = accounts(policy.get("accounts"), account, problems);
        DayOfWeek day = day(policy.get("weeklySummary"), problems);
        ParityPolicy parity = ParityPolicy.parse(policy.get("parameters"), problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.stream().map(p -> name + ": " + p).toList());
        }
        return new ComplianceConfig(environment, loopback, account, bucket, routes, targets, regions, accounts, day,
                parity);
    }

    private static JsonNode parse(String text, String name) {
        JsonNode node;
        try {
            node = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(List.of(name + ": " + e.getMessage()));
        }
        if (!node.isObject()) {
            throw new ConfigException(List.of(name + " must be a JSON object"));
        }
        return node;
    }

    private static List<Region> regions(JsonNode node, Region home, Region dr, List<String> problems) {
        if (node == null) {
            return List.of(home);
        }
        Set<Region> regions = new LinkedHashSet<>();
        if (!node.isArray() || node.isEmpty()) {
            problems.add("regions must be a non-empty list of Region names");
            return List.of(home);
        }
        for (JsonNode r : node) {
            if (!r.isTextual() || !r.asText().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                problems.add("regions: " + r + " is not a Region name such as eu-west-1");
            } else if (Region.of(r.asText()).equals(dr)) {
                problems.add("regions: " + r.asText() + " is the DR Region; its copies are checked from the home Regions");
            } else {
                regions.add(Region.of(r.asText()));
            }
        }
        return List.copyOf(regions);
    }

    private static List<MemberAccount> accounts(JsonNode node, String own, List<String> problems) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add("accounts must be a list");
            return List.of();
        }
        List<MemberAccount> accounts = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode a : node) {
            String at = "accounts[" + i++ + "]";
            if (!a.isObject()) {
                problems.add(at + " must be an object");
                continue;
            }
            a.fieldNames().forEachRemaining(f -> {
                if (!ACCOUNT_FIELDS.contains(f)) {
                    problems.add(at + "." + f + " is not known; an account takes " + ACCOUNT_FIELDS.stream().sorted().toList());
                }
            });
            String id = a.path("account").asText("");
            String env = a.path("environment").asText("");
            String role = a.path("roleArn").asText("");
            if (!id.matches("\\d{12}")) {
                problems.add(at + ".account must be a 12-digit account id");
                continue;
            }
            if (id.equals(own) || !seen.add(id)) {
                problems.add(at + ".account " + id + " is listed twice (the function's own account is always checked)");
            }
            if (!Config.ENVIRONMENTS.contains(env)) {
                problems.add(at + ".environment must be one of " + Config.ENVIRONMENTS.stream().sorted().toList());
            }
            // The role must be in the account it is listed for: a policy writer cannot point one account's
            // results at another's role.
            if (!role.matches("arn:aws[a-z-]*:iam::" + id + ":role/[\\w+=,.@/-]{1,512}")) {
                problems.add(at + ".roleArn must be an IAM role ARN in account " + id);
            }
            accounts.add(new MemberAccount(id, env, role));
        }
        return List.copyOf(accounts);
    }

    private static DayOfWeek day(JsonNode node, List<String> problems) {
        if (node == null) {
            return DEFAULT_SUMMARY_DAY;
        }
        try {
            return DayOfWeek.valueOf(node.asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("weeklySummary must be a day of the week such as MONDAY");
            return DEFAULT_SUMMARY_DAY;
        }
    }
}

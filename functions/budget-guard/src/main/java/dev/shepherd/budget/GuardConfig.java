package dev.shepherd.budget;

import dev.shepherd.core.Config;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.event.TopicAllowList;
import dev.shepherd.core.notify.Routes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The budget guard's configuration, read and validated once at init: the environment variables the template sets,
 * then the environment's routes ({@code /shepherd/<environment>/routes}) and cost policy
 * ({@code /shepherd/<environment>/cost-policy}, optional: without it alerts are only notified). A problem anywhere
 * stops init with one message naming every problem found.
 *
 * @param topics     {@code BUDGET_TOPIC_ARNS}: the SNS topics whose messages are read (comma separated; a record
 *                   from any other topic is refused unread)
 * @param table      {@code ALERT_TABLE}: the {@link AlertLedger}'s DynamoDB table
 * @param lease      {@code CLAIM_LEASE_SECONDS} (default 150): how long a claim blocks other instances. Just
 *                   above the function's timeout (120 s), and below the timeout plus the minute Lambda waits
 *                   before retrying a timed-out invocation, so that the retry takes over a dead instance's claim
 * @param ownAccount {@code ACCOUNT_ID}: the function's account; only its budgets act, and it is the Cost Explorer
 *                   account when a message names none
 */
record GuardConfig(String environment, boolean allowLoopback, TopicAllowList topics, String table, Duration lease,
        String ownAccount, Routes routes, CostPolicy policy) {
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(150);

    static GuardConfig load(Platform platform) {
        Config config = new Config(platform);
        String environment = config.environment();
        boolean loopback = config.loopbackAllowed();
        String table = config.required("ALERT_TABLE", "the DynamoDB table that makes each alert count once");
        Duration lease = Duration.ofSeconds(config.integer("CLAIM_LEASE_SECONDS", (int) DEFAULT_LEASE.toSeconds(), 30,
                3600));
        String account = config.required("ACCOUNT_ID", "the function's AWS account id");
        if (account != null && !account.matches("\\d{12}")) {
            config.problem("ACCOUNT_ID is not a 12-digit AWS account id");
        }
        List<String> arns = Arrays.stream(config.optional("BUDGET_TOPIC_ARNS", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        TopicAllowList topics = TopicAllowList.of(List.of());
        try {
            topics = TopicAllowList.of(arns);
        } catch (IllegalArgumentException e) {
            config.problem("BUDGET_TOPIC_ARNS: " + e.getMessage());
        }
        config.validate();
        Parameters parameters = new Parameters(platform);
        Routes routes = Routes.load(parameters, environment);
        CostPolicy policy = CostPolicy.load(parameters, environment);
        return new GuardConfig(environment, loopback, topics, table, lease, account, routes, policy);
    }
}

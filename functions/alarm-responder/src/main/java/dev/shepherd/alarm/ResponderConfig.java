package dev.shepherd.alarm;

import dev.shepherd.core.Config;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import dev.shepherd.core.event.TopicAllowList;
import dev.shepherd.core.notify.Routes;
import java.util.Arrays;
import java.util.List;

/**
 * The responder's configuration, read and validated once at init: the environment variables the template sets,
 * then the environment's routes from SSM ({@code /shepherd/<environment>/routes}). A problem in either stops init
 * with one message naming every problem found ({@link dev.shepherd.core.ConfigException}).
 *
 * @param topics      {@code ALARM_TOPIC_ARNS}: the SNS topics whose alarm notifications are trusted (comma
 *                    separated, may be empty: then every SNS record is refused)
 * @param ownAccount  the function's account, from its own ARN: alarms of other accounts are not looked up here
 */
record ResponderConfig(String environment, boolean allowLoopback, TopicAllowList topics, IncidentLedger.Settings ledger,
        Escalations.Settings escalations, String ownAccount, Routes routes) {

    static ResponderConfig load(Platform platform) {
        Config config = new Config(platform);
        String environment = config.environment();
        boolean loopback = config.loopbackAllowed();
        IncidentLedger.Settings ledger = IncidentLedger.Settings.read(config);
        Escalations.Settings escalations = Escalations.Settings.read(config);
        List<String> arns = Arrays.stream(config.optional("ALARM_TOPIC_ARNS", "").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        TopicAllowList topics = TopicAllowList.of(List.of());
        try {
            topics = TopicAllowList.of(arns);
        } catch (IllegalArgumentException e) {
            config.problem("ALARM_TOPIC_ARNS: " + e.getMessage());
        }
        config.validate();
        String ownAccount = escalations.functionArn().split(":")[4];
        Routes routes = Routes.load(new Parameters(platform), environment);
        return new ResponderConfig(environment, loopback, topics, ledger, escalations, ownAccount, routes);
    }
}

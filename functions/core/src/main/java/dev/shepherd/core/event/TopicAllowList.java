package dev.shepherd.core.event;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The SNS topics whose notifications a function trusts, by exact ARN. Anyone who can publish to another topic that
 * happens to be subscribed to the function gets a {@link Envelope.Rejected}, not a notification. Empty means no
 * topic is trusted.
 */
public final class TopicAllowList {
    private static final Pattern TOPIC_ARN =
            Pattern.compile("arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\\.fifo)?");

    private final Set<String> arns;

    private TopicAllowList(Set<String> arns) {
        this.arns = arns;
    }

    /** @throws IllegalArgumentException naming the position of every entry that is not an SNS topic ARN */
    public static TopicAllowList of(Collection<String> arns) {
        List<String> entries = List.copyOf(arns);
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < entries.size(); i++) {
            if (!TOPIC_ARN.matcher(entries.get(i)).matches()) {
                bad.append(bad.isEmpty() ? "" : ", ").append(i);
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("topic allow-list entries " + bad
                    + " are not SNS topic ARNs (arn:<partition>:sns:<region>:<account>:<name>)");
        }
        return new TopicAllowList(Set.copyOf(entries));
    }

    public boolean allows(String topicArn) {
        return arns.contains(topicArn);
    }
}

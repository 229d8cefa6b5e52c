package dev.shepherd.alarm;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.Parameters;
import dev.shepherd.core.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Correlates an alarm with the targets its ALARM stops, from two sources:
 * <ul>
 * <li>the alarm's tags {@code shepherd:codedeploy} ({@code application/group}), {@code shepherd:ecs-service}
 *     ({@code cluster/service} or a service ARN) and {@code shepherd:lambda-alias} ({@code function:alias}), each a
 *     comma-separated list (spaces around the commas allowed). A malformed entry is reported and skipped, never
 *     guessed at; the other entries still apply. Names containing a comma can only be mapped in SSM;</li>
 * <li>the mapping in SSM at {@code /shepherd/<environment>/alarm-targets} (see {@link TargetMapping}), by alarm
 *     name. It applies whether or not the tags are known.</li>
 * </ul>
 * Trust: anyone allowed to tag an alarm (or, for a cross-account alarm, its account's taggers) can name a target
 * here. What they gain is bounded by design: a named target is only ever stopped with rollback, never deployed,
 * shifted forward or configured, and the function's IAM policy (StopDeployment and friends scoped to the
 * environment's groups, services and functions) is the real fence around which targets can be touched.
 */
public final class AlarmTargets {
    private final AlarmTagLookup tags;
    private final Parameters parameters;
    private final String mappingName;
    private final String ownAccount;
    private final String ownRegion;

    /**
     * @param environment  dev, staging or prod: selects the mapping's SSM path
     * @param ownAccountId the function's own account; tags of other accounts' alarms are never looked up
     */
    public AlarmTargets(Platform platform, String environment, String ownAccountId) {
        this.tags = new AlarmTagLookup(() -> platform.client(CloudWatchClient.class), platform.clock(), ownAccountId,
                platform.env("AWS_REGION"));
        this.parameters = new Parameters(platform);
        this.mappingName = "/shepherd/" + environment + "/alarm-targets";
        this.ownAccount = ownAccountId;
        this.ownRegion = platform.env("AWS_REGION");
    }

    public Correlation resolve(AlarmChange change, Deadline deadline) {
        List<String> problems = new ArrayList<>();
        Set<Target> targets = new LinkedHashSet<>();
        AlarmTagLookup.Tags found = tags.tagsOf(change, deadline);
        if (!change.accountId().equals(ownAccount) || !change.region().equals(ownRegion)) {
            // What its tags or the mapping name lives in the alarm's account and region; a same-named target here
            // is someone else's, so nothing is stopped (the tags still pick the severity).
            problems.add("the alarm is in account " + change.accountId() + " " + change.region()
                    + ", this function acts in " + ownAccount + " " + ownRegion + ": nothing is stopped from here");
            return new Correlation(List.of(), found.tags(), found.note(), problems);
        }
        if (found.known()) {
            targets.addAll(fromTags(found.tags(), problems));
        }
        targets.addAll(mapping(problems).targetsOf(change.alarmName()));
        return new Correlation(List.copyOf(targets), found.tags(), found.note(), problems);
    }

    static List<Target> fromTags(Map<String, String> tags, List<String> problems) {
        List<Target> targets = new ArrayList<>();
        for (Target.Kind kind : Target.Kind.values()) {
            String value = tags.get(kind.tagKey());
            if (value == null) {
                continue;
            }
            String[] entries = value.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                Target target = kind.parse(entry);
                if (target == null) {
                    problems.add(kind.refusal("tag " + kind.tagKey() + " entry " + (i + 1), entry));
                } else {
                    targets.add(target);
                }
            }
        }
        return targets;
    }

    private TargetMapping mapping(List<String> problems) {
        Optional<String> text;
        try {
            text = parameters.find(mappingName);
        } catch (RuntimeException e) {
            problems.add("mapping " + mappingName + " unreadable (" + e.getClass().getSimpleName() + ")");
            return TargetMapping.EMPTY;
        }
        if (text.isEmpty()) {
            return TargetMapping.EMPTY;
        }
        try {
            return TargetMapping.parse(text.get());
        } catch (IllegalArgumentException e) {
            problems.add("mapping " + mappingName + ": " + e.getMessage());
            return TargetMapping.EMPTY;
        }
    }
}

package dev.shepherd.alarm;

import dev.shepherd.core.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ListTagsForResourceResponse;

/**
 * An alarm's tags: from the payload when CloudWatch propagated them, else {@code ListTagsForResource} on the alarm
 * ARN, cached per ARN for a few minutes so an alarm storm costs one call per alarm. The lookup runs only for an alarm
 * of the function's own account and region, as the client is ours: for any other it would ask the wrong account
 * (or region) and answer about an alarm that is not this one.
 */
public final class AlarmTagLookup {
    static final Duration CACHE_FOR = Duration.ofMinutes(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int CACHE_SIZE = 500;
    /** Both codes mean "no such alarm": the API model's, and the one CloudWatch's older docs name. */
    private static final Set<String> NOT_FOUND = Set.of("ResourceNotFoundException", "ResourceNotFound");

    /**
     * @param tags  null when they are unknown
     * @param note  where they came from, or why they are unknown, for the notice
     */
    public record Tags(Map<String, String> tags, String note) {
        public Tags {
            tags = tags == null ? null : Map.copyOf(tags);
        }

        public boolean known() {
            return tags != null;
        }
    }

    private record Cached(Tags tags, Instant until) {
    }

    /** Built on first use: alarms that propagate their tags never need it. */
    private final Supplier<CloudWatchClient> cloudWatch;
    private final Clock clock;
    private final String ownAccount;
    private final String ownRegion;
    private final Map<String, Cached> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public AlarmTagLookup(Supplier<CloudWatchClient> cloudWatch, Clock clock, String ownAccount, String ownRegion) {
        this.cloudWatch = cloudWatch;
        this.clock = clock;
        this.ownAccount = ownAccount;
        this.ownRegion = ownRegion;
    }

    public Tags tagsOf(AlarmChange change, Deadline deadline) {
        if (change.tagsKnown()) {
            return new Tags(change.tags(), "tags from the payload");
        }
        if (!ownAccount.equals(change.accountId())) {
            return new Tags(null, "alarm of account " + (change.accountId() == null ? "unknown" : change.accountId())
                    + ", not this function's: tags not in the"
                    + " payload and not looked up (ListTagsForResource would ask this account)");
        }
        if (!ownRegion.equals(change.region())) {
            return new Tags(null, "alarm in " + change.region() + ", not this function's region: tags not in the"
                    + " payload and not looked up");
        }
        synchronized (cache) {
            Cached hit = cache.get(change.alarmArn());
            if (hit != null && clock.instant().isBefore(hit.until())) {
                return hit.tags();
            }
        }
        Tags found = lookUp(change.alarmArn(), deadline);
        if (found.known()) {
            synchronized (cache) {
                cache.put(change.alarmArn(), new Cached(found, clock.instant().plus(CACHE_FOR)));
            }
        }
        return found;
    }

    /** Failures are not cached: the next change of the alarm tries again. */
    private Tags lookUp(String arn, Deadline deadline) {
        Duration left = deadline.cap(CALL_TIMEOUT);
        if (left.isZero()) {
            return new Tags(null, "tags unknown: no time left to look them up");
        }
        try {
            ListTagsForResourceResponse response = cloudWatch.get().listTagsForResource(r -> r.resourceARN(arn)
                    .overrideConfiguration(AwsRequestOverrideConfiguration.builder().apiCallTimeout(left).build()));
            Map<String, String> tags = new TreeMap<>();
            response.tags().forEach(t -> tags.put(t.key(), t.value()));
            return new Tags(tags, "tags from ListTagsForResource");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (NOT_FOUND.contains(code)) {
                return new Tags(Map.of(), "alarm no longer exists (" + code + "): no tags");
            }
            return new Tags(null, "tags unknown: ListTagsForResource failed with " + code
                    + (e.isThrottlingException() ? " (throttled past the SDK's retries)" : ""));
        } catch (SdkException e) {
            return new Tags(null, "tags unknown: ListTagsForResource failed (" + e.getClass().getSimpleName() + ")");
        }
    }
}

package dev.shepherd.compliance;

import dev.shepherd.core.Deadline;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * Configuration changes in the scope's Region must be recorded: some multi-Region CloudTrail trail must be logging
 * and delivering. One result per scope, named after the trail that passes (or the first that fails), or
 * {@code cloudtrail} when there is none. A trail homed in another Region, or an organization trail of the
 * management account, shows here as a shadow trail and counts; its status is read by ARN, which CloudTrail requires
 * for shadow and organization trails. A single-Region trail does not count: it misses the other Regions.
 */
final class AuditTrailCheck extends ResourceCheck {
    static final String NO_TRAIL = "cloudtrail";
    /** LatestDeliveryError is an S3 error code; more than this is not a code and is cut. */
    private static final int CODE_LENGTH = 64;

    AuditTrailCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    @Override
    public String type() {
        return "audit-trail";
    }

    @Override
    protected String what() {
        return "CloudTrail in " + scope.region().id();
    }

    @Override
    protected String nothingFound() {
        return "no trail in " + scope.region().id();
    }

    @Override
    protected void evaluate(Deadline deadline) {
        CloudTrailClient client = scope.client(CloudTrailClient.class);
        List<Trail> trails = client.describeTrails(r -> r.includeShadowTrails(true)).trailList().stream()
                .sorted(Comparator.comparing(Trail::name)).toList();
        List<Trail> multiRegion = trails.stream().filter(t -> Boolean.TRUE.equals(t.isMultiRegionTrail())).toList();
        if (multiRegion.isEmpty()) {
            List<String> single = trails.stream().map(Trail::name).toList();
            fail(NO_TRAIL, "no multi-Region trail: configuration changes are not tracked"
                    + (single.isEmpty() ? "" : " (single-Region only: " + String.join(", ", single) + ")"));
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Trail trail : multiRegion) {
            GetTrailStatusResponse status = client.getTrailStatus(r -> r.name(trail.trailARN()));
            if (!Boolean.TRUE.equals(status.isLogging())) {
                problems.add("trail " + trail.name() + " is not logging");
            } else if (status.latestDeliveryError() != null && !status.latestDeliveryError().isBlank()) {
                problems.add("trail " + trail.name() + " cannot deliver its logs (" + code(status.latestDeliveryError()) + ")");
            } else {
                pass(trail.name(), "multi-Region trail " + trail.name() + " is logging" + origin(trail));
                return;
            }
        }
        fail(multiRegion.getFirst().name(), String.join("; ", problems));
    }

    private String origin(Trail trail) {
        List<String> parts = new ArrayList<>();
        if (Boolean.TRUE.equals(trail.isOrganizationTrail())) {
            parts.add("organization trail");
        }
        if (trail.homeRegion() != null && !trail.homeRegion().equals(scope.region().id())) {
            parts.add("homed in " + trail.homeRegion());
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    /** The error's code only: its first word, bounded. */
    private static String code(String error) {
        String first = error.strip().split("[\\s:]", 2)[0];
        return first.length() > CODE_LENGTH ? first.substring(0, CODE_LENGTH) : first;
    }
}

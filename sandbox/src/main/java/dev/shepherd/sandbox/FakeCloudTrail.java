package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.CloudTrailArnInvalidException;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsRequest;
import software.amazon.awssdk.services.cloudtrail.model.DescribeTrailsResponse;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusRequest;
import software.amazon.awssdk.services.cloudtrail.model.GetTrailStatusResponse;
import software.amazon.awssdk.services.cloudtrail.model.InvalidTrailNameException;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.cloudtrail.model.TrailNotFoundException;

/**
 * In-memory CloudTrail {@code DescribeTrails} and {@code GetTrailStatus}, per Region ({@link Regional}): a trail lives
 * in its {@code HomeRegion}; a multi-Region trail also shows in every other Region as a shadow trail.
 * <ul>
 *   <li>{@code DescribeTrails} without names lists the Region's own trails and, unless {@code includeShadowTrails} is
 *       false, the shadow trails; with names, a bare name matches only a trail whose home is this Region, an ARN any
 *       trail of the account; unknown names are left out, as the API lists no not-found error for it.</li>
 *   <li>{@code GetTrailStatus} takes a name (this Region's own trails) or an ARN (shadow trails too); anything else is
 *       {@code TrailNotFoundException}. The status is the trail's, from every Region that can see it.</li>
 *   <li>Names are checked as CloudTrail documents (3–128 characters of letters, digits, {@code . _ -}, starting and
 *       ending with a letter or digit, no two of {@code . _ -} adjacent, not an IP address):
 *       {@code InvalidTrailNameException}; a malformed {@code arn:} is {@code CloudTrailARNInvalidException}.</li>
 * </ul>
 *
 * <p>Scenario section {@code "cloudtrail"}: {@code {"trails": [{"trail": {Trail JSON: "Name", "S3BucketName",
 * "IsMultiRegionTrail", "HomeRegion" (default the home Region), ...}, "status": {GetTrailStatus JSON: "IsLogging",
 * "StartLoggingTime", "LatestDeliveryTime", "LatestDeliveryError", ...}}]}}}; {@code TrailARN} is derived.
 */
public final class FakeCloudTrail extends FakeService implements CloudTrailClient, Regional {
    private static final String ACCOUNT = "123456789012";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?![._-]))*[A-Za-z0-9]");
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\\d{12}:trail/(.+)");

    private record Entry(Trail trail, GetTrailStatusResponse status) {
    }

    /** Trails of every Region by ARN, shared by the Regions' views. */
    private final Map<String, Entry> trails;
    private final Map<String, FakeCloudTrail> views;
    private final CallJournal journal;
    private final String region;

    public FakeCloudTrail(CallJournal journal) {
        this(journal, Sandbox.HOME_REGION, new LinkedHashMap<>(), new ConcurrentHashMap<>());
        views.put(region, this);
    }

    private FakeCloudTrail(CallJournal journal, String region, Map<String, Entry> trails, Map<String, FakeCloudTrail> views) {
        super(journal, CloudTrailClient.class);
        this.journal = journal;
        this.region = region;
        this.trails = trails;
        this.views = views;
    }

    @Override
    public FakeCloudTrail inRegion(String name) {
        return views.computeIfAbsent(name, r -> new FakeCloudTrail(journal, r, trails, views));
    }

    @Override
    public String scenarioKey() {
        return "cloudtrail";
    }

    @Override
    public void seed(JsonNode section) {
        requireOnlyKeys(section, "trails");
        JsonNode list = section.path("trails");
        for (int i = 0; i < list.size(); i++) {
            String path = "cloudtrail.trails[" + i + "]";
            JsonNode entry = list.get(i);
            if (!entry.path("trail").isObject()) {
                throw new IllegalArgumentException(path + " needs an object 'trail' (and optionally 'status')");
            }
            Trail trail = ScenarioJson.read(entry.get("trail"), Trail::builder, path + ".trail");
            GetTrailStatusResponse status = entry.has("status")
                    ? ScenarioJson.read(entry.get("status"), GetTrailStatusResponse::builder, path + ".status")
                    : GetTrailStatusResponse.builder().isLogging(false).build();
            addTrail(trail, status);
        }
    }

    /** Adds a trail in its HomeRegion (default the home Region) with the status GetTrailStatus answers. */
    public String addTrail(Trail trail, GetTrailStatusResponse status) {
        if (trail.name() == null || !validName(trail.name()) || trail.s3BucketName() == null) {
            throw new IllegalArgumentException("a trail needs a valid Name and an S3BucketName: " + trail.name());
        }
        String home = trail.homeRegion() != null ? trail.homeRegion() : Sandbox.HOME_REGION;
        String arn = "arn:aws:cloudtrail:" + home + ":" + ACCOUNT + ":trail/" + trail.name();
        if (trail.trailARN() != null && !trail.trailARN().equals(arn)) {
            throw new IllegalArgumentException("trail " + trail.name() + " has the ARN " + arn + ", not " + trail.trailARN());
        }
        synchronized (trails) {
            trails.put(arn, new Entry(trail.toBuilder().homeRegion(home).trailARN(arn)
                .isMultiRegionTrail(Boolean.TRUE.equals(trail.isMultiRegionTrail()))
                .isOrganizationTrail(Boolean.TRUE.equals(trail.isOrganizationTrail()))
                .includeGlobalServiceEvents(trail.includeGlobalServiceEvents() == null || trail.includeGlobalServiceEvents())
                .logFileValidationEnabled(Boolean.TRUE.equals(trail.logFileValidationEnabled()))
                .hasCustomEventSelectors(Boolean.TRUE.equals(trail.hasCustomEventSelectors()))
                .hasInsightSelectors(Boolean.TRUE.equals(trail.hasInsightSelectors())).build(), status));
        }
        return arn;
    }

    @Override
    public DescribeTrailsResponse describeTrails(DescribeTrailsRequest request) {
        record(request);
        synchronized (trails) {
            List<Trail> found = new ArrayList<>();
            if (!request.hasTrailNameList() || request.trailNameList().isEmpty()) {
                boolean shadows = request.includeShadowTrails() == null || request.includeShadowTrails();
                trails.values().stream().map(Entry::trail)
                        .filter(t -> t.homeRegion().equals(region) || (shadows && t.isMultiRegionTrail()))
                        .forEach(found::add);
            } else {
                for (String name : request.trailNameList()) {
                    Entry entry = lookUp(name);
                    if (entry != null && !found.contains(entry.trail())) {
                        found.add(entry.trail());
                    }
                }
            }
            return DescribeTrailsResponse.builder().trailList(found).build();
        }
    }

    @Override
    public GetTrailStatusResponse getTrailStatus(GetTrailStatusRequest request) {
        record(request);
        String name = request.name();
        synchronized (trails) {
            Entry entry = name == null ? null : lookUp(name);
            if (entry == null) {
                String arn = name != null && name.startsWith("arn:") ? name
                        : "arn:aws:cloudtrail:" + region + ":" + ACCOUNT + ":trail/" + name;
                throw error(TrailNotFoundException.builder(), "TrailNotFoundException", 400,
                        "Unknown trail: " + arn + " for the user: " + ACCOUNT);
            }
            return entry.status();
        }
    }

    /** A trail by ARN (any this Region can see) or by name (this Region's own), after CloudTrail's checks. */
    private Entry lookUp(String nameOrArn) {
        if (nameOrArn.startsWith("arn:")) {
            if (!ARN.matcher(nameOrArn).matches()) {
                throw error(CloudTrailArnInvalidException.builder(), "CloudTrailARNInvalidException", 400,
                        "Invalid trail ARN: the format is arn:aws:cloudtrail:<region>:<account>:trail/<name>");
            }
            Entry entry = trails.get(nameOrArn);
            return entry != null && visible(entry.trail()) ? entry : null;
        }
        if (!validName(nameOrArn)) {
            throw error(InvalidTrailNameException.builder(), "InvalidTrailNameException", 400,
                    "Trail name must be 3-128 letters, digits, '.', '_' or '-', start and end with a letter or number, "
                            + "have no adjacent '.', '_' or '-', and not be an IP address");
        }
        return trails.values().stream().filter(e -> e.trail().name().equals(nameOrArn)
                && e.trail().homeRegion().equals(region)).findFirst().orElse(null);
    }

    private boolean visible(Trail trail) {
        return trail.homeRegion().equals(region) || trail.isMultiRegionTrail();
    }

    private static boolean validName(String name) {
        return name.length() >= 3 && name.length() <= 128 && NAME.matcher(name).matches() && !IP.matcher(name).matches();
    }
}

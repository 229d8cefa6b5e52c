package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.GetRegionOptStatusRequest;
import software.amazon.awssdk.services.account.model.GetRegionOptStatusResponse;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.account.model.ValidationException;

/**
 * In-memory AWS Account Management {@code GetRegionOptStatus} for the sandbox's one standalone account. The Regions
 * AWS enables by default answer {@code ENABLED_BY_DEFAULT}; the opt-in Regions answer {@code DISABLED} unless the
 * scenario says otherwise; any other name is {@code ValidationException}. The same statuses decide what
 * {@link Sandbox#client(Class, software.amazon.awssdk.regions.Region)} gives out: a client in a Region that is not
 * {@code ENABLED} or {@code ENABLED_BY_DEFAULT} is refused as AWS refuses it (see {@link DisabledRegion}).
 * Account is a global service: every Region's client is this one.
 *
 * <p>Scenario section {@code "account"}: {@code {"regions": {"ap-east-1": "ENABLED", "eu-west-1": "DISABLING"}}}.
 */
public final class FakeAccount extends FakeService implements AccountClient, Regional {
    /** Enabled in every account from its creation (the Regions launched before March 2019). */
    private static final Set<String> DEFAULT_REGIONS = Set.of("us-east-1", "us-east-2", "us-west-1", "us-west-2",
            "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
            "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2");
    /** Opt-in Regions of the aws partition: disabled until the account enables them. */
    private static final Set<String> OPT_IN_REGIONS = Set.of("af-south-1", "ap-east-1", "ap-east-2", "ap-south-2",
            "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-west-1",
            "eu-central-2", "eu-south-1", "eu-south-2", "il-central-1", "me-central-1", "me-south-1", "mx-central-1");

    private final Map<String, RegionOptStatus> statuses = new TreeMap<>();

    public FakeAccount(CallJournal journal) {
        super(journal, AccountClient.class);
    }

    @Override
    public String scenarioKey() {
        return "account";
    }

    @Override
    public synchronized void seed(JsonNode section) {
        requireOnlyKeys(section, "regions");
        JsonNode regions = section.path("regions");
        if (!regions.isMissingNode() && !regions.isObject()) {
            throw new IllegalArgumentException("account.regions must map Region names to opt-in statuses");
        }
        regions.properties().forEach(e -> {
            RegionOptStatus status = RegionOptStatus.fromValue(e.getValue().asText());
            if (!e.getValue().isTextual() || status == RegionOptStatus.UNKNOWN_TO_SDK_VERSION) {
                throw new IllegalArgumentException("account.regions." + e.getKey() + " must be one of "
                        + RegionOptStatus.knownValues());
            }
            setStatus(e.getKey(), status);
        });
    }

    /** Sets a Region's status, as EnableRegion / DisableRegion (and the hours they take) would. */
    public synchronized void setStatus(String region, RegionOptStatus status) {
        if (!known(region)) {
            throw new IllegalArgumentException("no such Region in the aws partition: " + region);
        }
        statuses.put(region, status);
    }

    /** Whether clients in {@code region} can be used: its status is ENABLED or ENABLED_BY_DEFAULT. */
    public synchronized boolean usable(String region) {
        RegionOptStatus status = status(region);
        return status == RegionOptStatus.ENABLED || status == RegionOptStatus.ENABLED_BY_DEFAULT;
    }

    @Override
    public FakeService inRegion(String region) {
        return this;
    }

    @Override
    public synchronized GetRegionOptStatusResponse getRegionOptStatus(GetRegionOptStatusRequest request) {
        record(request);
        if (request.accountId() != null) {
            // Naming an account needs an organization's management or delegated administrator account.
            throw new UnsupportedOperationException("the sandbox account is standalone: call without AccountId");
        }
        String region = request.regionName();
        if (region == null || region.isEmpty() || region.length() > 50 || !known(region)) {
            throw error(ValidationException.builder(), "ValidationException", 400, "Invalid region name");
        }
        return GetRegionOptStatusResponse.builder().regionName(region).regionOptStatus(status(region)).build();
    }

    private RegionOptStatus status(String region) {
        RegionOptStatus set = statuses.get(region);
        if (set != null) {
            return set;
        }
        if (DEFAULT_REGIONS.contains(region)) {
            return RegionOptStatus.ENABLED_BY_DEFAULT;
        }
        return OPT_IN_REGIONS.contains(region) ? RegionOptStatus.DISABLED : null;
    }

    private static boolean known(String region) {
        return DEFAULT_REGIONS.contains(region) || OPT_IN_REGIONS.contains(region);
    }
}

package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A fake whose state differs per Region (AWS Backup vaults, CloudTrail trails): {@link Sandbox#client(Class,
 * software.amazon.awssdk.regions.Region)} asks it for its view of a Region. Views share one store, so a copy job in the
 * home Region can name a vault that the Tokyo view lists; each view journals into the same journal and takes its own
 * injected faults.
 */
interface Regional {
    /** This fake as a client built in {@code region} sees it. */
    FakeService inRegion(String region);

    /** Seeds each Region of the scenario section's {@code regions} object (other than the home Region) into its view. */
    default void loadRegions(JsonNode section, String service) {
        JsonNode regions = section.path("regions");
        if (!regions.isMissingNode() && !regions.isObject()) {
            throw new IllegalArgumentException(service + ".regions must map Region names to sections");
        }
        regions.properties().forEach(e -> {
            if (e.getKey().equals(Sandbox.HOME_REGION)) {
                throw new IllegalArgumentException(service + ".regions." + e.getKey()
                        + " is the home Region: use the top level");
            }
            inRegion(e.getKey()).load(e.getValue());
        });
    }
}

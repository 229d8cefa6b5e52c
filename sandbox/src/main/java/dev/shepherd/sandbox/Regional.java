package dev.shepherd.sandbox;

/**
 * A fake whose state differs per Region (AWS Backup vaults, CloudTrail trails): {@link Sandbox#client(Class,
 * software.amazon.awssdk.regions.Region)} asks it for its view of a Region. Views share one store, so a copy job in the
 * home Region can name a vault that the Tokyo view lists; each view journals into the same journal and takes its own
 * injected faults.
 */
interface Regional {
    /** This fake as a client built in {@code region} sees it. */
    FakeService inRegion(String region);
}

package dev.shepherd.compliance;

import java.time.Duration;
import java.time.Instant;

/**
 * How long a restore of a database would take when no restore test has measured it: <b>our heuristic</b>, not an AWS
 * figure (AWS publishes no restore throughput, and AWS Backup gives no restore-time SLA). It adds up, for an instance
 * or a Multi-AZ DB cluster: provisioning, reading its whole storage back (a restored volume is lazily loaded from S3 and
 * slow until warmed), replaying the log written since its newest snapshot (point-in-time recovery), and the cut-over;
 * for Aurora, whose API reports no meaningful size: a fixed cluster restore and the cut-over. A measured restore gets
 * the same cut-over added, as the recovery time the promise counts ends when the applications use the restored DB.
 */
final class RtoEstimate {
    /** From the restore call until the new instance answers: provisioning, attaching storage, DNS. */
    static final Duration PROVISIONING = Duration.ofMinutes(20);
    /** Warming a restored volume: reading it all back at this many GiB a minute (1 TiB in about 100 min). */
    static final int WARM_GIB_PER_MINUTE = 10;
    /** Point-in-time recovery replays the log since the snapshot this many times faster than it was written. */
    static final int LOG_REPLAY_SPEEDUP = 10;
    /** An Aurora cluster volume restored from a snapshot or to a point in time, with its writer instance. */
    static final Duration AURORA_RESTORE = Duration.ofMinutes(90);
    /** Pointing the applications at the restored database (DNS, secrets, configuration) and checking it. */
    static final Duration CUTOVER = Duration.ofMinutes(15);

    /** @param how the sum, said so a reader sees it is our heuristic */
    record Estimate(Duration total, String how) {
    }

    private RtoEstimate() {
    }

    /** An instance or Multi-AZ DB cluster of {@code gib} GiB whose newest snapshot holds data from {@code snapshot}. */
    static Estimate of(int gib, Instant snapshot, Instant now) {
        Duration warm = Duration.ofSeconds(gib * 60L / WARM_GIB_PER_MINUTE);
        Duration log = snapshot.isAfter(now) ? Duration.ZERO : Duration.between(snapshot, now);
        Duration replay = log.dividedBy(LOG_REPLAY_SPEEDUP);
        Duration total = PROVISIONING.plus(warm).plus(replay).plus(CUTOVER);
        return new Estimate(total, "estimate (our heuristic: " + PROVISIONING.toMinutes() + " min provisioning + "
                + gib + " GiB warmed at " + WARM_GIB_PER_MINUTE + " GiB/min (" + warm.toMinutes() + " min) + "
                + Ages.of(log) + " of log since the newest snapshot replayed " + LOG_REPLAY_SPEEDUP + "x faster ("
                + replay.toMinutes() + " min) + " + CUTOVER.toMinutes() + " min cut-over = " + total.toMinutes() + " min)");
    }

    /** An Aurora cluster, whatever its size. */
    static Estimate aurora() {
        Duration total = AURORA_RESTORE.plus(CUTOVER);
        return new Estimate(total, "estimate (our heuristic: " + AURORA_RESTORE.toMinutes() + " min Aurora cluster "
                + "restore + " + CUTOVER.toMinutes() + " min cut-over = " + total.toMinutes() + " min)");
    }
}

package dev.shepherd.compliance;

import dev.shepherd.core.Deadline;
import dev.shepherd.core.check.CheckFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointResponse;
import software.amazon.awssdk.services.backup.model.LifecycleDeleteAfterEvent;
import software.amazon.awssdk.services.backup.model.ProtectedResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointByResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;

/**
 * Every resource AWS Backup protects in the scope's Region must have a restorable recovery point within the RPO,
 * kept at least {@code retentionDays}, and a copy in a vault in the DR Region no older than
 * {@code snapshotMaxAgeHours}.
 *
 * <ul>
 *   <li>Restorable means {@code COMPLETED} or {@code AVAILABLE}; {@code PARTIAL}, {@code EXPIRED}, {@code DELETING},
 *       {@code STOPPED} and {@code CREATING} points do not count.</li>
 *   <li>A continuous backup counts as fresh while it is restorable: it is one point per resource, updated in place to
 *       one-second precision, so its {@code CreationDate} is when continuous backup began, not how current it is.
 *       When it stops keeping up, Backup lets it go {@code EXPIRED} or falls back to snapshots, which this check then
 *       judges by age. The lag itself is RDS's {@code LatestRestorableTime}, which the RDS checks measure.</li>
 *   <li>Retention is read from the judged point (the continuous one, else the newest snapshot):
 *       {@code Lifecycle.DeleteAfterDays} (for a continuous point: its restore window), else the days from
 *       {@code CreationDate} to {@code CalculatedLifecycle.DeleteAt}; no deletion date is kept forever; a point
 *       deleted once copied ({@code DeleteAfterEvent DELETE_AFTER_COPY}) is not retained at home.</li>
 *   <li>A DR copy is a point in a DR-Region vault for the same resource ARN with {@code SourceBackupVaultArn} set;
 *       its {@code CreationDate} is its source's (copies keep it), so its age is the age of the data. It is held to
 *       the snapshot age limit, not the RPO: a cross-Region copy is always a snapshot, so there is no point-in-time
 *       restore in the DR Region, which the reason warns of when the home Region relies on a continuous backup.</li>
 *   <li>When the DR Region cannot be read (not enabled, access denied), the resource's home findings still stand; a
 *       resource that passes at home is then "cannot tell", one that fails at home fails.</li>
 * </ul>
 * Scope: every protected resource of the Region, of any type. Backup's listings carry no tags, so {@code scopeTags}
 * does not narrow this check; a resource Backup protects is meant to meet the promise.
 */
final class BackupRecoveryCheck extends ResourceCheck {
    /** ListRecoveryPointsByResource refuses fewer than 20 for an RDS resource (InvalidParameterValueException). */
    static final int POINTS_PAGE = 100;
    private static final Set<RecoveryPointStatus> RESTORABLE = Set.of(RecoveryPointStatus.COMPLETED,
            RecoveryPointStatus.AVAILABLE);

    BackupRecoveryCheck(Scope scope, Targets targets, Findings findings, Clock clock) {
        super(scope, targets, findings, clock);
    }

    @Override
    public String type() {
        return "backup";
    }

    @Override
    protected String what() {
        return "AWS Backup in " + scope.region().id();
    }

    @Override
    protected String nothingFound() {
        return "no resource protected by AWS Backup in " + scope.region().id();
    }

    @Override
    protected void evaluate(Deadline deadline) throws CheckFailure {
        BackupClient home = scope.client(BackupClient.class);
        DrCopies dr = new DrCopies(scope.drClient(BackupClient.class));
        for (ProtectedResource resource : home.listProtectedResourcesPaginator(r -> { }).results()) {
            if (deadline.expired()) {
                throw CheckFailure.cannotTell(what() + ": out of time before " + resource.resourceArn());
            }
            judge(home, dr, resource.resourceArn());
        }
    }

    private void judge(BackupClient home, DrCopies dr, String arn) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Optional<RecoveryPointByResource> point = judgeHome(home, arn, now, problems, notes);
        String drRegion = scope.drRegion().id();
        String warning = "";
        try {
            Optional<Instant> copy = dr.newestCopy(arn);
            if (copy.isEmpty()) {
                problems.add(dr.hasVaults() ? "no copy in a vault in " + drRegion : "no backup vault in " + drRegion);
            } else {
                Duration age = Duration.between(copy.get(), now);
                if (age.compareTo(targets.snapshotMaxAge()) > 0) {
                    problems.add("newest copy in " + drRegion + " is " + words(age) + " old (source created "
                            + copy.get() + "), limit " + words(targets.snapshotMaxAge()));
                } else {
                    notes.add("copy in " + drRegion + " " + words(age) + " old");
                }
                if (point.isPresent() && continuous(point.get().recoveryPointArn())) {
                    warning = "; warning: no point-in-time restore in " + drRegion + " (copies there are snapshots)";
                }
            }
        } catch (SdkException e) {
            String reason = AwsErrors.reason(e, "AWS Backup in " + drRegion);
            if (problems.isEmpty()) {
                notes.add("DR copies: " + reason);
                cannotTell(id(arn), String.join("; ", notes));
                return;
            }
            problems.add("DR copies cannot tell: " + reason);
        }
        if (problems.isEmpty()) {
            pass(id(arn), String.join("; ", notes) + warning);
        } else {
            fail(id(arn), String.join("; ", problems) + warning);
        }
    }

    /** Adds what is wrong at home to {@code problems}, what is right to {@code notes}; returns the judged point. */
    private Optional<RecoveryPointByResource> judgeHome(BackupClient home, String arn, Instant now, List<String> problems,
            List<String> notes) {
        List<RecoveryPointByResource> points = home.listRecoveryPointsByResourcePaginator(r -> r.resourceArn(arn)
                .maxResults(POINTS_PAGE)).recoveryPoints().stream().toList();
        List<RecoveryPointByResource> restorable = points.stream().filter(p -> RESTORABLE.contains(p.status())).toList();
        Optional<RecoveryPointByResource> judged = restorable.stream().filter(p -> continuous(p.recoveryPointArn()))
                .findFirst().or(() -> restorable.stream().max(Comparator.comparing(RecoveryPointByResource::creationDate)));
        if (judged.isEmpty()) {
            problems.add(points.stream().max(Comparator.comparing(RecoveryPointByResource::creationDate))
                    .map(p -> "no restorable recovery point: the newest is " + p.statusAsString() + " (created "
                            + p.creationDate() + ")")
                    .orElse("no recovery point"));
            return judged;
        }
        RecoveryPointByResource point = judged.get();
        if (continuous(point.recoveryPointArn())) {
            notes.add("continuous backup (point-in-time restore)");
        } else {
            Duration age = Duration.between(point.creationDate(), now);
            if (age.compareTo(targets.rpo()) > 0) {
                problems.add("newest restorable point is " + words(age) + " old (created " + point.creationDate()
                        + "), RPO " + words(targets.rpo()));
            } else {
                notes.add("newest point " + words(age) + " old");
            }
        }
        DescribeRecoveryPointResponse detail = home.describeRecoveryPoint(r -> r.backupVaultName(point.backupVaultName())
                .recoveryPointArn(point.recoveryPointArn()));
        retention(detail).ifPresentOrElse(days -> {
            if (days < targets.retentionDays()) {
                problems.add("kept " + days + " d, policy " + targets.retentionDays() + " d");
            } else {
                notes.add("kept " + days + " d");
            }
        }, () -> {
            if (detail.lifecycle() != null && detail.lifecycle().deleteAfterEvent() == LifecycleDeleteAfterEvent.DELETE_AFTER_COPY) {
                problems.add("deleted once copied (DeleteAfterEvent DELETE_AFTER_COPY), policy " + targets.retentionDays() + " d");
            } else {
                notes.add("kept until deleted by hand");
            }
        });
        return judged;
    }

    /** Whole days a point is kept, or empty when no number of days deletes it. */
    static Optional<Long> retention(DescribeRecoveryPointResponse point) {
        if (point.lifecycle() != null && point.lifecycle().deleteAfterDays() != null
                && point.lifecycle().deleteAfterDays() >= 0) {
            return Optional.of(point.lifecycle().deleteAfterDays());
        }
        if (point.calculatedLifecycle() != null && point.calculatedLifecycle().deleteAt() != null) {
            return Optional.of(Duration.between(point.creationDate(), point.calculatedLifecycle().deleteAt()).toDays());
        }
        return Optional.empty();
    }

    static boolean continuous(String recoveryPointArn) {
        return recoveryPointArn.contains(":recovery-point:continuous:");
    }

    /** How results name a resource: its ARN's resource part ({@code db:orders-db}, {@code table/orders}). */
    static String id(String arn) {
        String[] parts = arn.split(":", 6);
        return parts.length == 6 && !parts[5].isEmpty() ? parts[5] : arn;
    }

    static String words(Duration d) {
        if (d.compareTo(Duration.ofHours(2)) < 0) {
            return d.toMinutes() + " min";
        }
        return d.compareTo(Duration.ofDays(2)) < 0 ? d.toHours() + " h" : d.toDays() + " d";
    }
}

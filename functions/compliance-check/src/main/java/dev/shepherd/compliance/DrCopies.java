package dev.shepherd.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;

/**
 * The AWS Backup copies a resource has in the DR Region: recovery points for its ARN, in any of that Region's vaults,
 * that name a source vault and are restorable. The vaults are listed once per check; a failure to list them is
 * remembered and thrown again for each resource, so each one says why its DR part cannot be told.
 */
final class DrCopies {
    private static final Set<RecoveryPointStatus> RESTORABLE = Set.of(RecoveryPointStatus.COMPLETED,
            RecoveryPointStatus.AVAILABLE);

    private final BackupClient client;
    private List<String> vaults;
    private SdkException failure;

    DrCopies(BackupClient client) {
        this.client = client;
    }

    /** The source creation date of the resource's newest restorable copy, or empty when it has none. */
    Optional<Instant> newestCopy(String resourceArn) {
        Instant newest = null;
        for (String vault : vaults()) {
            for (RecoveryPointByBackupVault p : client.listRecoveryPointsByBackupVaultPaginator(r -> r.backupVaultName(vault)
                    .byResourceArn(resourceArn)).recoveryPoints()) {
                if (p.sourceBackupVaultArn() != null && RESTORABLE.contains(p.status())
                        && (newest == null || p.creationDate().isAfter(newest))) {
                    newest = p.creationDate();
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** Whether the DR Region has any vault (after {@link #newestCopy} listed them). */
    boolean hasVaults() {
        return vaults != null && !vaults.isEmpty();
    }

    private List<String> vaults() {
        if (failure != null) {
            throw failure;
        }
        if (vaults == null) {
            try {
                vaults = client.listBackupVaultsPaginator(r -> { }).backupVaultList().stream()
                        .map(BackupVaultListMember::backupVaultName).toList();
            } catch (SdkException e) {
                failure = e;
                throw e;
            }
        }
        return vaults;
    }
}

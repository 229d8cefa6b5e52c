package dev.shepherd.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.shepherd.core.CallJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupException;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.CalculatedLifecycle;
import software.amazon.awssdk.services.backup.model.CopyJob;
import software.amazon.awssdk.services.backup.model.DescribeProtectedResourceRequest;
import software.amazon.awssdk.services.backup.model.DescribeProtectedResourceResponse;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointRequest;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointResponse;
import software.amazon.awssdk.services.backup.model.InvalidParameterValueException;
import software.amazon.awssdk.services.backup.model.Lifecycle;
import software.amazon.awssdk.services.backup.model.ListBackupVaultsRequest;
import software.amazon.awssdk.services.backup.model.ListBackupVaultsResponse;
import software.amazon.awssdk.services.backup.model.ListCopyJobsRequest;
import software.amazon.awssdk.services.backup.model.ListCopyJobsResponse;
import software.amazon.awssdk.services.backup.model.ListProtectedResourcesRequest;
import software.amazon.awssdk.services.backup.model.ListProtectedResourcesResponse;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByBackupVaultRequest;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByBackupVaultResponse;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByResourceRequest;
import software.amazon.awssdk.services.backup.model.ListRecoveryPointsByResourceResponse;
import software.amazon.awssdk.services.backup.model.ListRestoreJobsRequest;
import software.amazon.awssdk.services.backup.model.ListRestoreJobsResponse;
import software.amazon.awssdk.services.backup.model.MissingParameterValueException;
import software.amazon.awssdk.services.backup.model.ProtectedResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointByBackupVault;
import software.amazon.awssdk.services.backup.model.RecoveryPointByResource;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;
import software.amazon.awssdk.services.backup.model.ResourceNotFoundException;
import software.amazon.awssdk.services.backup.model.RestoreJobStatus;
import software.amazon.awssdk.services.backup.model.RestoreJobsListMember;
import software.amazon.awssdk.services.backup.model.StorageClass;
import software.amazon.awssdk.services.backup.model.VaultState;
import software.amazon.awssdk.services.backup.model.VaultType;

/**
 * In-memory AWS Backup, the read side a compliance check uses: vaults, their recovery points, copy and restore jobs,
 * and the protected resources they imply, per Region ({@link Regional}: the home Region and, say, a DR vault in
 * ap-northeast-1).
 *
 * <p>Rules it keeps:
 * <ul>
 *   <li>Lists page with {@code MaxResults} 1–1000 (else {@code InvalidParameterValueException}) and {@code NextToken};
 *       a filtered list filters each page after taking it, so a page can be short or empty and still carry a token
 *       (best-effort paging, as SSM documents it; Backup does not say, so a caller must loop until no token anyway).
 *       Without {@code MaxResults} a page holds {@code pageSize} items (scenario, default 1000).</li>
 *   <li>{@code ListRecoveryPointsByResource} on an RDS ARN needs {@code MaxResults} of at least 20.</li>
 *   <li>A vault-scoped call naming a vault that does not exist is {@code AccessDeniedException} (HTTP 403, "Insufficient
 *       privileges to perform this action."), as AWS was seen to answer (boto/boto3#2269), not an empty list; a
 *       recovery point that is not in a known vault is {@code ResourceNotFoundException}.</li>
 *   <li>Continuous backups (ARN {@code …:recovery-point:continuous:…}): one per resource and Region, retention 1–35
 *       days, never cold, and never a copy: a cross-Region copy of one is a snapshot (no point-in-time restore there).
 *       Cold storage needs the point kept 90 days after it moves.</li>
 *   <li>Derived, as AWS derives them: a vault's ARN and {@code NumberOfRecoveryPoints}; a point's vault ARN, vault
 *       type, {@code ResourceType} from its resource ARN ({@code RDS} for a DB instance, {@code Aurora} for a cluster),
 *       {@code CalculatedLifecycle} from {@code Lifecycle} and {@code CreationDate}; the protected resources of a
 *       Region (every resource with a point in one of its vaults, with its newest point) and, from the newest
 *       {@code COMPLETED} restore job of a resource, {@code LatestRestoreExecutionTimeMinutes}.</li>
 * </ul>
 * Copy jobs are listed in the Region that ran them (the source's), restore jobs where they restored. Lists answer newest
 * first. {@code ManagedByAWSBackupOnly} changes nothing: the fake holds only points in Backup vaults.
 *
 * <p>Scenario section {@code "backup"}: {@code {"vaults": [BackupVaultListMember], "recoveryPoints":
 * [DescribeRecoveryPoint's JSON], "copyJobs": [CopyJob], "restoreJobs": [RestoreJobsListMember], "pageSize": 1000,
 * "regions": {"ap-northeast-1": {the same keys, and "faults"}}}}; the top level is the home Region.
 */
public final class FakeBackup extends FakeService implements BackupClient, Regional {
    private static final String ACCOUNT = "123456789012";
    private static final int MAX_RESULTS = 1000;
    private static final int RDS_MIN_RESULTS = 20;
    /** The creation date of a seeded vault that gives none. */
    private static final Instant SEEDED = Instant.parse("2025-01-01T00:00:00Z");

    private static final class RegionState {
        final Map<String, BackupVaultListMember> vaults = new LinkedHashMap<>();
        final Map<String, DescribeRecoveryPointResponse> points = new LinkedHashMap<>();
        final List<CopyJob> copyJobs = new ArrayList<>();
        final List<RestoreJobsListMember> restoreJobs = new ArrayList<>();
    }

    /** What every Region's view shares. */
    private static final class Store {
        final Map<String, RegionState> regions = new TreeMap<>();
        int pageSize = MAX_RESULTS;
    }

    private final CallJournal journal;
    private final Store store;
    private final String region;
    private final Map<String, FakeBackup> views;

    public FakeBackup(CallJournal journal) {
        this(journal, new Store(), Sandbox.HOME_REGION, new ConcurrentHashMap<>());
        views.put(region, this);
    }

    private FakeBackup(CallJournal journal, Store store, String region, Map<String, FakeBackup> views) {
        super(journal, BackupClient.class);
        this.journal = journal;
        this.store = store;
        this.region = region;
        this.views = views;
    }

    @Override
    public FakeBackup inRegion(String name) {
        return views.computeIfAbsent(name, r -> new FakeBackup(journal, store, r, views));
    }

    @Override
    public String scenarioKey() {
        return "backup";
    }

    @Override
    public void seed(JsonNode section) {
        String path = region.equals(Sandbox.HOME_REGION) ? "backup" : "backup.regions." + region;
        if (region.equals(Sandbox.HOME_REGION)) {
            requireOnlyKeys(section, "vaults", "recoveryPoints", "copyJobs", "restoreJobs", "pageSize", "regions");
        } else {
            requireOnlyKeys(section, "vaults", "recoveryPoints", "copyJobs", "restoreJobs");
        }
        synchronized (store) {
            if (section.has("pageSize")) {
                int size = section.get("pageSize").asInt(0);
                if (!section.get("pageSize").isInt() || size < 1 || size > MAX_RESULTS) {
                    throw new IllegalArgumentException("backup.pageSize must be 1 to " + MAX_RESULTS);
                }
                store.pageSize = size;
            }
            ScenarioJson.forEach(section, "vaults", path, (node, at) ->
                    addVault(ScenarioJson.read(node, BackupVaultListMember::builder, at)));
            ScenarioJson.forEach(section, "recoveryPoints", path, (node, at) ->
                    addRecoveryPoint(ScenarioJson.read(node, DescribeRecoveryPointResponse::builder, at), at));
            ScenarioJson.forEach(section, "copyJobs", path, (node, at) -> addCopyJob(ScenarioJson.read(node, CopyJob::builder, at), at));
            ScenarioJson.forEach(section, "restoreJobs", path, (node, at) ->
                    addRestoreJob(ScenarioJson.read(node, RestoreJobsListMember::builder, at), at));
        }
        loadRegions(section, "backup");
    }

    // ---- seeding (not AWS API: no journal entry) ------------------------------------------------------------------

    /** Adds a vault in this view's Region; its ARN, type and state are derived unless given. */
    public void addVault(BackupVaultListMember vault) {
        String name = vault.backupVaultName();
        if (name == null || !name.matches("[a-zA-Z0-9\\-_]{2,50}")) {
            throw new IllegalArgumentException("a vault needs a BackupVaultName of 2-50 letters, digits, - and _: " + name);
        }
        String arn = vaultArn(region, name);
        if (vault.backupVaultArn() != null && !vault.backupVaultArn().equals(arn)) {
            throw new IllegalArgumentException("vault " + name + " in " + region + " has the ARN " + arn + ", not "
                    + vault.backupVaultArn());
        }
        synchronized (store) {
            state().vaults.put(name, vault.toBuilder().backupVaultArn(arn)
                    .vaultType(vault.vaultType() == null ? VaultType.BACKUP_VAULT : vault.vaultType())
                    .vaultState(vault.vaultState() == null ? VaultState.AVAILABLE : vault.vaultState())
                    .creationDate(vault.creationDate() == null ? SEEDED : vault.creationDate())
                    .locked(vault.locked() == null ? Boolean.FALSE : vault.locked()).build());
        }
    }

    /** Adds a recovery point to one of this Region's vaults, with AWS's derived fields filled in. */
    public void addRecoveryPoint(DescribeRecoveryPointResponse point, String path) {
        if (point.recoveryPointArn() == null || point.resourceArn() == null || point.creationDate() == null
                || point.status() == null || point.status() == RecoveryPointStatus.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException(path + " needs RecoveryPointArn, ResourceArn, CreationDate and Status "
                    + RecoveryPointStatus.knownValues());
        }
        synchronized (store) {
            BackupVaultListMember vault = state().vaults.get(point.backupVaultName());
            if (vault == null) {
                throw new IllegalArgumentException(path + ": BackupVaultName must name a vault seeded in " + region
                        + ", not " + point.backupVaultName());
            }
            String resourceType = point.resourceType() != null ? point.resourceType() : resourceType(point.resourceArn());
            if (resourceType == null) {
                throw new IllegalArgumentException(path + ": give ResourceType, it cannot be told from " + point.resourceArn());
            }
            Lifecycle lifecycle = point.lifecycle();
            if (continuous(point.recoveryPointArn())) {
                checkContinuous(point, lifecycle, path);
            }
            if (lifecycle != null && lifecycle.moveToColdStorageAfterDays() != null && lifecycle.deleteAfterDays() != null
                    && lifecycle.deleteAfterDays() - lifecycle.moveToColdStorageAfterDays() < 90) {
                throw new IllegalArgumentException(path + ": a point in cold storage is kept at least 90 days there");
            }
            DescribeRecoveryPointResponse.Builder filled = point.toBuilder().backupVaultArn(vault.backupVaultArn())
                    .vaultType(vault.vaultType()).resourceType(resourceType)
                    .isParent(point.isParent() == null ? Boolean.FALSE : point.isParent())
                    .isEncrypted(point.isEncrypted() != null ? point.isEncrypted() : point.encryptionKeyArn() != null)
                    .storageClass(point.storageClass() == null ? StorageClass.WARM : point.storageClass());
            if (point.calculatedLifecycle() == null && lifecycle != null) {
                filled.calculatedLifecycle(CalculatedLifecycle.builder()
                        .moveToColdStorageAt(plusDays(point.creationDate(), lifecycle.moveToColdStorageAfterDays()))
                        .deleteAt(plusDays(point.creationDate(), lifecycle.deleteAfterDays())).build());
            }
            state().points.put(point.recoveryPointArn(), filled.build());
        }
    }

    private void checkContinuous(DescribeRecoveryPointResponse point, Lifecycle lifecycle, String path) {
        if (point.sourceBackupVaultArn() != null) {
            throw new IllegalArgumentException(path + ": a continuous backup is never a copy; a cross-Region copy of one "
                    + "is a snapshot");
        }
        if (lifecycle != null && (lifecycle.moveToColdStorageAfterDays() != null
                || lifecycle.deleteAfterDays() == null || lifecycle.deleteAfterDays() < 1 || lifecycle.deleteAfterDays() > 35)) {
            throw new IllegalArgumentException(path + ": a continuous backup is kept 1-35 days and never moves to cold storage");
        }
        boolean another = state().points.values().stream().anyMatch(p -> continuous(p.recoveryPointArn())
                && p.resourceArn().equals(point.resourceArn()) && !p.recoveryPointArn().equals(point.recoveryPointArn()));
        if (another) {
            throw new IllegalArgumentException(path + ": " + point.resourceArn() + " already has a continuous backup in "
                    + region + " (there is one per resource, updated in place)");
        }
    }

    /** Adds a copy job run from this Region. */
    public void addCopyJob(CopyJob job, String path) {
        if (job.state() == null || job.sourceBackupVaultArn() == null || job.destinationBackupVaultArn() == null
                || job.resourceArn() == null || job.creationDate() == null) {
            throw new IllegalArgumentException(path + " needs State, SourceBackupVaultArn, DestinationBackupVaultArn, "
                    + "ResourceArn and CreationDate");
        }
        synchronized (store) {
            state().copyJobs.add(job.toBuilder().copyJobId(job.copyJobId() == null ? UUID.randomUUID().toString().toUpperCase()
                    : job.copyJobId()).accountId(job.accountId() == null ? ACCOUNT : job.accountId())
                    .resourceType(job.resourceType() != null ? job.resourceType() : resourceType(job.resourceArn())).build());
        }
    }

    /** Adds a restore job run in this Region; a COMPLETED one needs its CompletionDate. */
    public void addRestoreJob(RestoreJobsListMember job, String path) {
        if (job.status() == null || job.creationDate() == null || job.recoveryPointArn() == null
                || (job.status() == RestoreJobStatus.COMPLETED && job.completionDate() == null)) {
            throw new IllegalArgumentException(path + " needs Status, CreationDate, RecoveryPointArn, and CompletionDate "
                    + "when COMPLETED");
        }
        synchronized (store) {
            state().restoreJobs.add(job.toBuilder()
                    .restoreJobId(job.restoreJobId() == null ? UUID.randomUUID().toString() : job.restoreJobId())
                    .accountId(job.accountId() == null ? ACCOUNT : job.accountId()).build());
        }
    }

    // ---- API --------------------------------------------------------------------------------------------------------

    @Override
    public ListBackupVaultsResponse listBackupVaults(ListBackupVaultsRequest request) {
        record(request);
        synchronized (store) {
            List<BackupVaultListMember> all = state().vaults.values().stream()
                    .map(v -> v.toBuilder().numberOfRecoveryPoints(state().points.values().stream()
                            .filter(p -> p.backupVaultName().equals(v.backupVaultName())).count()).build())
                    .toList();
            Pages<BackupVaultListMember> page = page(all, request.nextToken(), request.maxResults(),
                    v -> request.byVaultType() == null || v.vaultType() == request.byVaultType());
            return ListBackupVaultsResponse.builder().backupVaultList(page.items()).nextToken(page.nextToken()).build();
        }
    }

    @Override
    public ListRecoveryPointsByBackupVaultResponse listRecoveryPointsByBackupVault(ListRecoveryPointsByBackupVaultRequest request) {
        record(request);
        synchronized (store) {
            vault(request.backupVaultName());
            Predicate<DescribeRecoveryPointResponse> keep = p -> p.backupVaultName().equals(request.backupVaultName())
                    && (request.byResourceArn() == null || p.resourceArn().equals(request.byResourceArn()))
                    && (request.byResourceType() == null || p.resourceType().equals(request.byResourceType()))
                    && (request.byBackupPlanId() == null || (p.createdBy() != null
                            && request.byBackupPlanId().equals(p.createdBy().backupPlanId())))
                    && (request.byCreatedAfter() == null || p.creationDate().isAfter(request.byCreatedAfter()))
                    && (request.byCreatedBefore() == null || p.creationDate().isBefore(request.byCreatedBefore()))
                    && (request.byParentRecoveryPointArn() == null
                            || request.byParentRecoveryPointArn().equals(p.parentRecoveryPointArn()));
            Pages<DescribeRecoveryPointResponse> page = page(newestFirst(state().points.values()), request.nextToken(),
                    request.maxResults(), keep);
            return ListRecoveryPointsByBackupVaultResponse.builder()
                    .recoveryPoints(page.items().stream().map(FakeBackup::byVault).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    @Override
    public ListRecoveryPointsByResourceResponse listRecoveryPointsByResource(ListRecoveryPointsByResourceRequest request) {
        record(request);
        String resource = required(request.resourceArn(), "ResourceArn");
        if (resource.startsWith("arn:aws:rds:") && request.maxResults() != null && request.maxResults() < RDS_MIN_RESULTS) {
            throw invalid("MaxResults must be at least " + RDS_MIN_RESULTS + " for an RDS resource");
        }
        synchronized (store) {
            Pages<DescribeRecoveryPointResponse> page = page(newestFirst(state().points.values()), request.nextToken(),
                    request.maxResults(), p -> p.resourceArn().equals(resource));
            return ListRecoveryPointsByResourceResponse.builder()
                    .recoveryPoints(page.items().stream().map(FakeBackup::byResource).toList())
                    .nextToken(page.nextToken()).build();
        }
    }

    @Override
    public DescribeRecoveryPointResponse describeRecoveryPoint(DescribeRecoveryPointRequest request) {
        record(request);
        String arn = required(request.recoveryPointArn(), "RecoveryPointArn");
        synchronized (store) {
            vault(request.backupVaultName());
            DescribeRecoveryPointResponse point = state().points.get(arn);
            if (point == null || !point.backupVaultName().equals(request.backupVaultName())) {
                throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                        "Recovery point " + arn + " not found in backup vault " + request.backupVaultName());
            }
            return point;
        }
    }

    @Override
    public ListProtectedResourcesResponse listProtectedResources(ListProtectedResourcesRequest request) {
        record(request);
        synchronized (store) {
            List<ProtectedResource> all = protectedResources().values().stream().map(p -> ProtectedResource.builder()
                    .resourceArn(p.resourceArn()).resourceType(p.resourceType()).resourceName(p.resourceName())
                    .lastBackupTime(p.creationDate()).lastBackupVaultArn(p.backupVaultArn())
                    .lastRecoveryPointArn(p.recoveryPointArn()).build()).toList();
            Pages<ProtectedResource> page = page(all, request.nextToken(), request.maxResults(), r -> true);
            return ListProtectedResourcesResponse.builder().results(page.items()).nextToken(page.nextToken()).build();
        }
    }

    @Override
    public DescribeProtectedResourceResponse describeProtectedResource(DescribeProtectedResourceRequest request) {
        record(request);
        String resource = required(request.resourceArn(), "ResourceArn");
        synchronized (store) {
            DescribeRecoveryPointResponse newest = protectedResources().get(resource);
            if (newest == null) {
                throw error(ResourceNotFoundException.builder(), "ResourceNotFoundException", 400,
                        "Resource " + resource + " is not protected by AWS Backup in " + region);
            }
            DescribeProtectedResourceResponse.Builder answer = DescribeProtectedResourceResponse.builder()
                    .resourceArn(resource).resourceType(newest.resourceType()).resourceName(newest.resourceName())
                    .lastBackupTime(newest.creationDate()).lastBackupVaultArn(newest.backupVaultArn())
                    .lastRecoveryPointArn(newest.recoveryPointArn());
            state().restoreJobs.stream()
                    .filter(j -> j.status() == RestoreJobStatus.COMPLETED && resource.equals(j.sourceResourceArn()))
                    .max(Comparator.comparing(RestoreJobsListMember::creationDate))
                    .ifPresent(j -> answer.latestRestoreJobCreationDate(j.creationDate())
                            .latestRestoreRecoveryPointCreationDate(j.recoveryPointCreationDate())
                            .latestRestoreExecutionTimeMinutes(Duration.between(j.creationDate(), j.completionDate()).toMinutes()));
            return answer.build();
        }
    }

    @Override
    public ListCopyJobsResponse listCopyJobs(ListCopyJobsRequest request) {
        record(request);
        synchronized (store) {
            Predicate<CopyJob> keep = j -> matches(request.byResourceArn(), j.resourceArn())
                    && (request.byState() == null || j.state() == request.byState())
                    && matches(request.byResourceType(), j.resourceType())
                    && matches(request.byDestinationVaultArn(), j.destinationBackupVaultArn())
                    && matches(request.bySourceRecoveryPointArn(), j.sourceRecoveryPointArn())
                    && matches(request.byAccountId(), j.accountId())
                    && matches(request.byParentJobId(), j.parentJobId())
                    && matches(request.byMessageCategory(), j.messageCategory())
                    && within(j.creationDate(), request.byCreatedAfter(), request.byCreatedBefore())
                    && (request.byCompleteAfter() == null && request.byCompleteBefore() == null || j.completionDate() != null
                            && within(j.completionDate(), request.byCompleteAfter(), request.byCompleteBefore()));
            List<CopyJob> all = state().copyJobs.stream().sorted(Comparator.comparing(CopyJob::creationDate).reversed()).toList();
            Pages<CopyJob> page = page(all, request.nextToken(), request.maxResults(), keep);
            return ListCopyJobsResponse.builder().copyJobs(page.items()).nextToken(page.nextToken()).build();
        }
    }

    @Override
    public ListRestoreJobsResponse listRestoreJobs(ListRestoreJobsRequest request) {
        record(request);
        synchronized (store) {
            Predicate<RestoreJobsListMember> keep = j -> matches(request.byAccountId(), j.accountId())
                    && matches(request.byResourceType(), j.resourceType())
                    && (request.byStatus() == null || j.status() == request.byStatus())
                    && matches(request.byRestoreTestingPlanArn(), j.createdBy() == null ? null
                            : j.createdBy().restoreTestingPlanArn())
                    && matches(request.byParentJobId(), j.parentJobId())
                    && within(j.creationDate(), request.byCreatedAfter(), request.byCreatedBefore())
                    && (request.byCompleteAfter() == null && request.byCompleteBefore() == null || j.completionDate() != null
                            && within(j.completionDate(), request.byCompleteAfter(), request.byCompleteBefore()));
            List<RestoreJobsListMember> all = state().restoreJobs.stream()
                    .sorted(Comparator.comparing(RestoreJobsListMember::creationDate).reversed()).toList();
            Pages<RestoreJobsListMember> page = page(all, request.nextToken(), request.maxResults(), keep);
            return ListRestoreJobsResponse.builder().restoreJobs(page.items()).nextToken(page.nextToken()).build();
        }
    }

    // ---- rules ------------------------------------------------------------------------------------------------------

    private RegionState state() {
        return store.regions.computeIfAbsent(region, r -> new RegionState());
    }

    private BackupVaultListMember vault(String name) {
        required(name, "BackupVaultName");
        BackupVaultListMember vault = state().vaults.get(name);
        if (vault == null) {
            throw error(BackupException.builder(), "AccessDeniedException", 403, "Insufficient privileges to perform this action.");
        }
        return vault;
    }

    /** Resource ARN → its newest recovery point in this Region. */
    private Map<String, DescribeRecoveryPointResponse> protectedResources() {
        Map<String, DescribeRecoveryPointResponse> newest = new TreeMap<>();
        for (DescribeRecoveryPointResponse p : state().points.values()) {
            newest.merge(p.resourceArn(), p, (a, b) -> b.creationDate().isAfter(a.creationDate()) ? b : a);
        }
        return newest;
    }

    private <T> Pages<T> page(List<T> all, String token, Integer maxResults, Predicate<? super T> keep) {
        if (maxResults != null && (maxResults < 1 || maxResults > MAX_RESULTS)) {
            throw invalid("MaxResults must be between 1 and " + MAX_RESULTS);
        }
        int offset = pageOffset(token, () -> invalid("The NextToken is not valid"));
        return Pages.scan(all, offset, maxResults != null ? maxResults : store.pageSize, keep);
    }

    private static List<DescribeRecoveryPointResponse> newestFirst(java.util.Collection<DescribeRecoveryPointResponse> points) {
        return points.stream().sorted(Comparator.comparing(DescribeRecoveryPointResponse::creationDate).reversed()).toList();
    }

    private static RecoveryPointByBackupVault byVault(DescribeRecoveryPointResponse p) {
        return RecoveryPointByBackupVault.builder().recoveryPointArn(p.recoveryPointArn()).backupVaultName(p.backupVaultName())
                .backupVaultArn(p.backupVaultArn()).sourceBackupVaultArn(p.sourceBackupVaultArn()).resourceArn(p.resourceArn())
                .resourceType(p.resourceType()).createdBy(p.createdBy()).iamRoleArn(p.iamRoleArn()).status(p.status())
                .statusMessage(p.statusMessage()).creationDate(p.creationDate()).initiationDate(p.initiationDate())
                .completionDate(p.completionDate()).backupSizeInBytes(p.backupSizeInBytes())
                .calculatedLifecycle(p.calculatedLifecycle()).lifecycle(p.lifecycle()).encryptionKeyArn(p.encryptionKeyArn())
                .isEncrypted(p.isEncrypted()).lastRestoreTime(p.lastRestoreTime())
                .parentRecoveryPointArn(p.parentRecoveryPointArn()).compositeMemberIdentifier(p.compositeMemberIdentifier())
                .isParent(p.isParent()).resourceName(p.resourceName()).vaultType(p.vaultType())
                .encryptionKeyType(p.encryptionKeyType()).build();
    }

    private static RecoveryPointByResource byResource(DescribeRecoveryPointResponse p) {
        return RecoveryPointByResource.builder().recoveryPointArn(p.recoveryPointArn()).creationDate(p.creationDate())
                .status(p.status()).statusMessage(p.statusMessage()).encryptionKeyArn(p.encryptionKeyArn())
                .backupSizeBytes(p.backupSizeInBytes()).backupVaultName(p.backupVaultName()).isParent(p.isParent())
                .parentRecoveryPointArn(p.parentRecoveryPointArn()).resourceName(p.resourceName()).vaultType(p.vaultType())
                .encryptionKeyType(p.encryptionKeyType()).build();
    }

    static boolean continuous(String recoveryPointArn) {
        return recoveryPointArn.contains(":recovery-point:continuous:");
    }

    /** The resource type AWS Backup reports for a resource ARN, or null where the fake cannot tell. */
    private static String resourceType(String arn) {
        String[] parts = arn.split(":", 7);
        if (parts.length < 6) {
            return null;
        }
        String resource = parts[5];
        return switch (parts[2]) {
            case "rds" -> resource.equals("db") ? "RDS" : resource.equals("cluster") ? "Aurora" : null;
            case "dynamodb" -> "DynamoDB";
            case "elasticfilesystem" -> "EFS";
            case "s3" -> "S3";
            case "ec2" -> resource.startsWith("volume/") ? "EBS" : resource.startsWith("instance/") ? "EC2" : null;
            default -> null;
        };
    }

    static String vaultArn(String region, String name) {
        return "arn:aws:backup:" + region + ":" + ACCOUNT + ":backup-vault:" + name;
    }

    private static Instant plusDays(Instant from, Long days) {
        return days == null ? null : from.plus(Duration.ofDays(days));
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private static boolean within(Instant when, Instant after, Instant before) {
        return (after == null || when.isAfter(after)) && (before == null || when.isBefore(before));
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw error(MissingParameterValueException.builder(), "MissingParameterValueException", 400, name + " is required");
        }
        return value;
    }

    private static InvalidParameterValueException invalid(String message) {
        return error(InvalidParameterValueException.builder(), "InvalidParameterValueException", 400, message);
    }
}

package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.ClientSource;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.core.check.CheckResult.Status;
import dev.shepherd.sandbox.FakeAccount;
import dev.shepherd.sandbox.FakeBackup;
import dev.shepherd.sandbox.Sandbox;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.backup.model.BackupVaultListMember;
import software.amazon.awssdk.services.backup.model.DescribeRecoveryPointResponse;
import software.amazon.awssdk.services.backup.model.InvalidParameterValueException;
import software.amazon.awssdk.services.backup.model.Lifecycle;
import software.amazon.awssdk.services.backup.model.LifecycleDeleteAfterEvent;
import software.amazon.awssdk.services.backup.model.ListProtectedResourcesRequest;
import software.amazon.awssdk.services.backup.model.RecoveryPointStatus;

/** {@link BackupRecoveryCheck} against the sandbox's Regional AWS Backup: home eu-west-1, DR ap-northeast-1. */
class BackupRecoveryCheckTest {
    static final Instant NOW = Instant.parse("2025-12-01T05:30:00Z");
    static final String ACCOUNT = "123456789012";
    static final String DB = "arn:aws:rds:eu-west-1:123456789012:db:orders-db";
    static final String PRIMARY = "arn:aws:backup:eu-west-1:123456789012:backup-vault:primary";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Sandbox sandbox;
    FakeBackup home;
    FakeBackup tokyo;
    Findings findings;
    int sequence;

    @BeforeEach
    void vaults() {
        sandbox = new Sandbox();
        home = sandbox.fake(FakeBackup.class);
        tokyo = home.inRegion("ap-northeast-1");
        home.addVault(BackupVaultListMember.builder().backupVaultName("primary").build());
        tokyo.addVault(BackupVaultListMember.builder().backupVaultName("dr-tokyo").build());
        findings = new Findings();
    }

    // ---- seeding ----------------------------------------------------------------------------------------------------

    /** A snapshot of {@code resource} at home, {@code age} old, kept {@code days} (null: no lifecycle). */
    String snapshot(String resource, Duration age, RecoveryPointStatus status, Long days) {
        String arn = "arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-" + (++sequence);
        home.addRecoveryPoint(point(arn, "primary", resource, NOW.minus(age), status, days).build(), "test");
        return arn;
    }

    void continuous(String resource, long days) {
        home.addRecoveryPoint(point("arn:aws:backup:eu-west-1:123456789012:recovery-point:continuous:" + id(resource),
                "primary", resource, NOW.minus(Duration.ofDays(20)), RecoveryPointStatus.COMPLETED, days).build(), "test");
    }

    /** A copy in Tokyo whose source was created {@code age} ago. */
    void copy(String resource, Duration age, RecoveryPointStatus status) {
        String arn = "arn:aws:rds:ap-northeast-1:123456789012:snapshot:awsbackup:copyjob-" + (++sequence);
        tokyo.addRecoveryPoint(point(arn, "dr-tokyo", resource, NOW.minus(age), status, 30L)
                .sourceBackupVaultArn(PRIMARY).build(), "test");
    }

    static DescribeRecoveryPointResponse.Builder point(String arn, String vault, String resource, Instant created,
            RecoveryPointStatus status, Long days) {
        return DescribeRecoveryPointResponse.builder().recoveryPointArn(arn).backupVaultName(vault).resourceArn(resource)
                .resourceName(id(resource)).creationDate(created).status(status)
                .lifecycle(days == null ? null : Lifecycle.builder().deleteAfterDays(days).build());
    }

    static String id(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    /** The healthy case: a snapshot 30 min old kept 30 days at home, its copy in Tokyo. */
    void healthy(String resource) {
        snapshot(resource, Duration.ofMinutes(30), RecoveryPointStatus.COMPLETED, 30L);
        copy(resource, Duration.ofMinutes(30), RecoveryPointStatus.COMPLETED);
    }

    // ---- running ----------------------------------------------------------------------------------------------------

    BackupRecoveryCheck check(Targets targets) {
        return new BackupRecoveryCheck(new Scope(ACCOUNT, "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, sandbox),
                targets, findings, clock);
    }

    CheckResult run() throws Exception {
        return check(Targets.DEFAULTS).run(Deadline.of(clock, 60_000, Duration.ZERO));
    }

    CheckResult only() throws Exception {
        CheckResult summary = run();
        assertThat(summary.status()).as(summary.toString()).isEqualTo(Status.PASS);
        assertThat(findings.all()).hasSize(1);
        return findings.all().getFirst();
    }

    // ---- pass -------------------------------------------------------------------------------------------------------

    @Test
    void aFreshPointKept30DaysWithAFreshTokyoCopyPasses() throws Exception {
        healthy(DB);

        CheckResult result = only();

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.PASS);
        assertThat(result.type()).isEqualTo("backup");
        assertThat(result.name()).isEqualTo("123456789012/eu-west-1/db:orders-db");
        assertThat(result.reason()).contains("newest point 30 min old", "kept 30 d", "copy in ap-northeast-1 30 min old")
                .doesNotContain("warning");
    }

    @Test
    void theScenarioDatabasePassesOnItsContinuousBackupWithAWarningThatTokyoHasNoPitr() throws Exception {
        sandbox = new Sandbox().load(Path.of(System.getProperty("shepherd.repo.root", "../.."),
                "events/scenarios/compliance-backup-dr.json"));

        CheckResult result = only();

        assertThat(result.status()).as(result.toString()).isEqualTo(Status.PASS);
        assertThat(result.reason()).contains("continuous backup", "kept 35 d", "copy in ap-northeast-1 2 h old",
                "warning: no point-in-time restore in ap-northeast-1");
    }

    @Test
    void aContinuousPointCountsAsFreshThoughItWasCreatedWeeksAgo() throws Exception {
        continuous(DB, 35);
        copy(DB, Duration.ofHours(3), RecoveryPointStatus.COMPLETED);

        assertThat(only().status()).isEqualTo(Status.PASS);
    }

    @Test
    void theNoPitrWarningStaysOnAFailure() throws Exception {
        continuous(DB, 7);
        copy(DB, Duration.ofHours(3), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("kept 7 d, policy 30 d; "
                + "warning: no point-in-time restore in ap-northeast-1 (copies there are snapshots)");
    }

    @Test
    void aPointExactlyAtTheRpoPasses() throws Exception {
        snapshot(DB, Duration.ofMinutes(60), RecoveryPointStatus.COMPLETED, 30L);
        copy(DB, Duration.ofHours(24), RecoveryPointStatus.COMPLETED);

        assertThat(only().status()).as("60 min old against RPO 60, a copy exactly 24 h old").isEqualTo(Status.PASS);
    }

    @Test
    void aPointWithoutLifecycleIsKeptForeverAndPasses() throws Exception {
        snapshot(DB, Duration.ofMinutes(10), RecoveryPointStatus.COMPLETED, null);
        copy(DB, Duration.ofMinutes(10), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.PASS);
        assertThat(result.reason()).contains("kept until deleted by hand");
    }

    @Test
    void anAvailablePointCounts() throws Exception {
        snapshot(DB, Duration.ofMinutes(10), RecoveryPointStatus.AVAILABLE, 30L);
        copy(DB, Duration.ofMinutes(10), RecoveryPointStatus.AVAILABLE);

        assertThat(only().status()).isEqualTo(Status.PASS);
    }

    // ---- fail -------------------------------------------------------------------------------------------------------

    @Test
    void aStalePointFailsTheRpo() throws Exception {
        snapshot(DB, Duration.ofMinutes(61), RecoveryPointStatus.COMPLETED, 30L);
        copy(DB, Duration.ofHours(2), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("newest restorable point is 61 min old (created 2025-12-01T04:29:00Z), RPO 60 min");
    }

    @Test
    void retention29DaysFailsAnd30Passes_edge22() throws Exception {
        String other = "arn:aws:rds:eu-west-1:123456789012:db:billing-db";
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 29L);
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED);
        healthy(other);

        run();

        assertThat(findings.all()).extracting(CheckResult::name, CheckResult::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("123456789012/eu-west-1/db:orders-db", Status.FAIL),
                org.assertj.core.groups.Tuple.tuple("123456789012/eu-west-1/db:billing-db", Status.PASS));
        assertThat(result("db:orders-db").reason()).isEqualTo("kept 29 d, policy 30 d");
    }

    @Test
    void retentionIsReadFromCalculatedLifecycleWhenNoDaysAreGiven() throws Exception {
        home.addRecoveryPoint(point("arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-cl", "primary", DB,
                NOW.minus(Duration.ofMinutes(5)), RecoveryPointStatus.COMPLETED, null)
                .calculatedLifecycle(c -> c.deleteAt(NOW.minus(Duration.ofMinutes(5)).plus(Duration.ofDays(29)))).build(),
                "test");
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("kept 29 d, policy 30 d");
    }

    @Test
    void aPointDeletedOnceCopiedIsNotRetainedAtHome() throws Exception {
        home.addRecoveryPoint(point("arn:aws:rds:eu-west-1:123456789012:snapshot:awsbackup:job-dac", "primary", DB,
                NOW.minus(Duration.ofMinutes(5)), RecoveryPointStatus.COMPLETED, null)
                .lifecycle(l -> l.deleteAfterEvent(LifecycleDeleteAfterEvent.DELETE_AFTER_COPY)).build(), "test");
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).contains("deleted once copied");
    }

    @Test
    void aPartialPointDoesNotCount_edge22() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.PARTIAL, 30L);
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("no restorable recovery point: the newest is PARTIAL (created 2025-12-01T05:25:00Z)");
    }

    @Test
    void anExpiredNewerPointLeavesTheOlderCompletedOneToBeJudged_edge22() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.EXPIRED, 30L);
        snapshot(DB, Duration.ofHours(25), RecoveryPointStatus.COMPLETED, 30L);
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).startsWith("newest restorable point is 25 h old");
    }

    @Test
    void noCopyInTokyoFails() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("no copy in a vault in ap-northeast-1");
    }

    @Test
    void noVaultInTokyoSaysSo() throws Exception {
        sandbox = new Sandbox();
        home = sandbox.fake(FakeBackup.class);
        home.addVault(BackupVaultListMember.builder().backupVaultName("primary").build());
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);

        assertThat(only().reason()).isEqualTo("no backup vault in ap-northeast-1");
    }

    @Test
    void aPointInTokyoThatIsNotACopyDoesNotCount() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);
        tokyo.addRecoveryPoint(point("arn:aws:rds:ap-northeast-1:123456789012:snapshot:awsbackup:job-local", "dr-tokyo", DB,
                NOW.minus(Duration.ofMinutes(5)), RecoveryPointStatus.COMPLETED, 30L).build(), "test");

        assertThat(only().reason()).isEqualTo("no copy in a vault in ap-northeast-1");
    }

    @Test
    void aCopyOlderThan24HoursBySourceCreationFails() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);
        copy(DB, Duration.ofHours(25), RecoveryPointStatus.COMPLETED);

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.reason()).isEqualTo("newest copy in ap-northeast-1 is 25 h old (source created "
                + "2025-11-30T04:30:00Z), limit 24 h");
    }

    @Test
    void aPartialCopyDoesNotCount() throws Exception {
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);
        copy(DB, Duration.ofMinutes(5), RecoveryPointStatus.PARTIAL);

        assertThat(only().reason()).isEqualTo("no copy in a vault in ap-northeast-1");
    }

    @Test
    void everyProblemOfAResourceIsNamed() throws Exception {
        snapshot(DB, Duration.ofHours(3), RecoveryPointStatus.COMPLETED, 7L);

        assertThat(only().reason()).isEqualTo("newest restorable point is 3 h old (created 2025-12-01T02:30:00Z), RPO 60 min; "
                + "kept 7 d, policy 30 d; no copy in a vault in ap-northeast-1");
    }

    // ---- cannot tell ------------------------------------------------------------------------------------------------

    @Test
    void accessDeniedOnTheInventoryMakesTheWholeCheckCannotTell_edge6() throws Exception {
        healthy(DB);
        home.load(Json.parse("{\"faults\": {\"ListProtectedResources\": [\"AccessDeniedException\"]}}"));

        CheckResult summary = runExpectingCannotTell();

        assertThat(summary.reason()).isEqualTo("AWS Backup in eu-west-1: access denied (AccessDeniedException); "
                + "the function's role lacks the read permission");
        assertThat(findings.all()).isEmpty();
    }

    @Test
    void accessDeniedInTokyoLeavesThatResourceCannotTell_edge6() throws Exception {
        healthy(DB);
        tokyo.load(Json.parse("{\"faults\": {\"ListRecoveryPointsByBackupVault\": [\"AccessDeniedException\"]}}"));

        CheckResult result = only();

        assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result.reason()).contains("newest point 30 min old", "kept 30 d",
                "DR copies: AWS Backup in ap-northeast-1: access denied (AccessDeniedException)");
    }

    @Test
    void aDrRegionNotEnabledIsRegionUnavailableForEachResourceAndHomeFailuresStillFail_edge4() throws Exception {
        sandbox.fake(FakeAccount.class).setStatus("ap-east-1", RegionOptStatus.DISABLED);
        String stale = "arn:aws:rds:eu-west-1:123456789012:db:billing-db";
        snapshot(DB, Duration.ofMinutes(5), RecoveryPointStatus.COMPLETED, 30L);
        snapshot(stale, Duration.ofDays(3), RecoveryPointStatus.COMPLETED, 30L);
        BackupRecoveryCheck check = new BackupRecoveryCheck(new Scope(ACCOUNT, "prod", Region.EU_WEST_1,
                Region.AP_EAST_1, sandbox), Targets.DEFAULTS, findings, clock);

        CheckResult summary = check.run(Deadline.of(clock, 60_000, Duration.ZERO));

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 2 judged, ");
        assertThat(result("db:orders-db").status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(result("db:orders-db").reason()).contains("AWS Backup in ap-east-1: Region unavailable "
                + "(UnrecognizedClientException");
        assertThat(result("db:billing-db").status()).isEqualTo(Status.FAIL);
        assertThat(result("db:billing-db").reason()).startsWith("newest restorable point is 3 d old")
                .contains("DR copies cannot tell: AWS Backup in ap-east-1: Region unavailable");
        assertThat(sandbox.journal().calls("backup", "ListBackupVaults")).as("the DR vaults are listed once").hasSize(1);
    }

    @Test
    void aListingBrokenOffMidWayIsCannotTellNeverPass_edge3() throws Exception {
        home.load(Json.parse("{\"pageSize\": 1}"));
        healthy(DB);
        healthy("arn:aws:rds:eu-west-1:123456789012:db:billing-db");
        ClientSource breaking = breakingSecondPage(sandbox);

        CheckFailure failure = org.junit.jupiter.api.Assertions.assertThrows(CheckFailure.class, () ->
                new BackupRecoveryCheck(new Scope(ACCOUNT, "prod", Region.EU_WEST_1, Region.AP_NORTHEAST_1, breaking),
                        Targets.DEFAULTS, findings, clock).run(Deadline.of(clock, 60_000, Duration.ZERO)));

        CheckResult summary = failure.result("backup", "123456789012/eu-west-1");
        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).isEqualTo("AWS Backup in eu-west-1: InvalidParameterValueException (HTTP 400); "
                + "1 resource(s) judged before that");
        assertThat(findings.all()).hasSize(1);
    }

    @Test
    void throttledPastTheRetriesIsCannotTell_edge7() throws Exception {
        healthy(DB);
        home.load(Json.parse("{\"faults\": {\"ListRecoveryPointsByResource\": [\"ThrottlingException\"]}}"));

        assertThat(runExpectingCannotTell().reason())
                .isEqualTo("AWS Backup in eu-west-1: throttled past the SDK's retries (ThrottlingException)");
    }

    @Test
    void runningOutOfTimeIsCannotTell_edge36() throws Exception {
        healthy(DB);

        CheckResult summary;
        try {
            summary = check(Targets.DEFAULTS).run(Deadline.of(clock, 0, Duration.ZERO));
        } catch (CheckFailure e) {
            summary = e.result("backup", "x");
        }

        assertThat(summary.status()).isEqualTo(Status.CANNOT_TELL);
        assertThat(summary.reason()).startsWith("AWS Backup in eu-west-1: out of time");
    }

    // ---- paging and nothing ------------------------------------------------------------------------------------------

    @Test
    void everyPageIsReadIncludingAnEmptyPageWithAToken_edge1_edge2() throws Exception {
        home.load(Json.parse("{\"pageSize\": 1}"));
        List<String> dbs = List.of("a-db", "b-db", "c-db").stream()
                .map(n -> "arn:aws:rds:eu-west-1:123456789012:db:" + n).toList();
        dbs.forEach(this::healthy);
        // 100 newer points of another database fill a whole page of ListRecoveryPointsByResource: for a-db that
        // first page is empty and carries a token, and its own point is on the next.
        String busy = "arn:aws:rds:eu-west-1:123456789012:db:busy-db";
        for (int i = 0; i < BackupRecoveryCheck.POINTS_PAGE; i++) {
            snapshot(busy, Duration.ofSeconds(i), RecoveryPointStatus.COMPLETED, 30L);
        }
        copy(busy, Duration.ofMinutes(1), RecoveryPointStatus.COMPLETED);
        // Tokyo answers one point a page too: most of its pages for one database are empty and carry a token.

        CheckResult summary = run();

        assertThat(summary.reason()).startsWith("looked at every resource in scope: 4 judged, ");
        assertThat(findings.all()).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(Status.PASS));
        assertThat(sandbox.journal().calls("backup", "ListProtectedResources")).hasSize(4);
        assertThat(sandbox.journal().calls("backup", "ListRecoveryPointsByResource").stream()
                .map(c -> c.request().path("MaxResults").asInt()))
                .as("MaxResults >= 20, which RDS requires (edge 23)").isNotEmpty().allMatch(n -> n >= 20);
    }

    @Test
    void noProtectedResourceIsNothingToCheck_edge38() throws Exception {
        CheckResult summary = run();

        assertThat(summary.status()).isEqualTo(Status.PASS);
        assertThat(summary.reason()).isEqualTo("nothing to check: no resource protected by AWS Backup in eu-west-1");
        assertThat(findings.all()).isEmpty();
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    CheckResult runExpectingCannotTell() throws Exception {
        try {
            CheckResult unexpected = run();
            throw new AssertionError("expected cannot tell, got " + unexpected);
        } catch (CheckFailure e) {
            CheckResult result = e.result("backup", "123456789012/eu-west-1");
            assertThat(result.status()).isEqualTo(Status.CANNOT_TELL);
            return result;
        }
    }

    /**
     * The sandbox, except that the home Region's ListProtectedResources refuses its second page's token, as AWS
     * refuses a token that expired mid-listing; every other call, and the paginator's later pages, reach the fake.
     */
    static ClientSource breakingSecondPage(Sandbox sandbox) {
        BackupClient fake = sandbox.client(BackupClient.class);
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("listProtectedResources") && args[0] instanceof ListProtectedResourcesRequest r
                    && r.nextToken() != null) {
                throw InvalidParameterValueException.builder().statusCode(400).message("The NextToken is not valid")
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValueException")
                                .errorMessage("The NextToken is not valid").build()).build();
            }
            Method implementation = fake.getClass().getMethod(method.getName(), method.getParameterTypes());
            if (method.isDefault() && implementation.getDeclaringClass() == BackupClient.class) {
                return InvocationHandler.invokeDefault(proxy, method, args); // paginators call back through the proxy
            }
            try {
                return implementation.invoke(fake, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        BackupClient breaking = (BackupClient) Proxy.newProxyInstance(BackupClient.class.getClassLoader(),
                new Class<?>[] {BackupClient.class}, handler);
        return new ClientSource() {
            @Override
            public <T extends SdkClient> T client(Class<T> type) {
                return client(type, Region.EU_WEST_1);
            }

            @Override
            public <T extends SdkClient> T client(Class<T> type, Region region) {
                return region.equals(Region.EU_WEST_1) && type == BackupClient.class ? type.cast(breaking)
                        : sandbox.client(type, region);
            }
        };
    }

    CheckResult result(String id) {
        return findings.all().stream().filter(r -> r.name().endsWith("/" + id)).findFirst().orElseThrow();
    }
}

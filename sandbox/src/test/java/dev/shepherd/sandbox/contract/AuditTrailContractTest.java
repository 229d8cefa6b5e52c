package dev.shepherd.sandbox.contract;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.sandbox.FakeAccount;
import dev.shepherd.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.account.model.RegionOptStatus;
import software.amazon.awssdk.services.backup.BackupClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;
import software.amazon.awssdk.services.rds.RdsClient;

/**
 * CloudTrail (JSON 1.1) {@code DescribeTrails} / {@code GetTrailStatus} and Account Management (REST-JSON)
 * {@code GetRegionOptStatus} on the wire versus {@code FakeCloudTrail} / {@code FakeAccount}, and the refusal a client
 * meets in a Region the account has not enabled.
 */
class AuditTrailContractTest extends ContractTest {
    static final String TARGET = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.";
    static final String TRAIL_ARN = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-audit";
    Sandbox sandbox;
    CloudTrailClient fake;
    CloudTrailClient real;

    @BeforeEach
    void clients() {
        sandbox = new Sandbox().load(Path.of(System.getProperty("shepherd.repo.root", ".."),
                "events/scenarios/compliance-backup-dr.json"));
        fake = sandbox.client(CloudTrailClient.class);
        real = real(CloudTrailClient.class);
    }

    private static final String TRAIL = """
            {"Name":"org-audit","S3BucketName":"audit-logs-123456789012","IncludeGlobalServiceEvents":true,
             "IsMultiRegionTrail":true,"HomeRegion":"eu-west-1","TrailARN":"%s","LogFileValidationEnabled":true,
             "HasCustomEventSelectors":false,"HasInsightSelectors":false,"IsOrganizationTrail":false}""".formatted(TRAIL_ARN);

    @Test
    void describeTrailsShowsTheMultiRegionTrailAsAShadowInTokyo() {
        wire.stubFor(jsonCall(TARGET + "DescribeTrails").withRequestBody(equalToJson("{}"))
                .willReturn(json("{\"trailList\":[" + TRAIL + "]}")));

        List<Trail> fromWire = real(CloudTrailClient.class, "ap-northeast-1").describeTrails(r -> { }).trailList();
        CloudTrailClient tokyo = sandbox.client(CloudTrailClient.class, Region.AP_NORTHEAST_1);

        assertThat(fromWire).isEqualTo(tokyo.describeTrails(r -> { }).trailList());
        assertThat(fromWire.getFirst().homeRegion()).isEqualTo("eu-west-1");
        assertThat(tokyo.describeTrails(r -> r.includeShadowTrails(false)).trailList()).as("not Tokyo's own").isEmpty();
        assertThat(tokyo.describeTrails(r -> r.trailNameList("org-audit")).trailList()).as("a name is this Region's").isEmpty();
        assertThat(tokyo.describeTrails(r -> r.trailNameList(TRAIL_ARN)).trailList()).hasSize(1);
    }

    @Test
    void getTrailStatusIsLogging() {
        wire.stubFor(jsonCall(TARGET + "GetTrailStatus").withRequestBody(equalToJson("{\"Name\":\"" + TRAIL_ARN + "\"}"))
                .willReturn(json("{\"IsLogging\":true,\"StartLoggingTime\":1735689600,\"LatestDeliveryTime\":1764561600}")));

        var fromWire = real.getTrailStatus(r -> r.name(TRAIL_ARN));

        assertSameFields(fromWire, fake.getTrailStatus(r -> r.name(TRAIL_ARN)));
        assertThat(fromWire.isLogging()).isTrue();
        assertThat(journal.calls("cloudtrail", "GetTrailStatus")).hasSize(1);
    }

    @Test
    void anUnknownTrailIsNotFoundLikeTheFake() {
        assertWireErrorLikeFake(jsonCall(TARGET + "GetTrailStatus"), false,
                () -> fake.getTrailStatus(r -> r.name("gone-trail")), () -> real.getTrailStatus(r -> r.name("gone-trail")));
    }

    @Test
    void aShadowTrailsStatusNeedsItsArn() {
        CloudTrailClient tokyo = sandbox.client(CloudTrailClient.class, Region.AP_NORTHEAST_1);
        assertThat(tokyo.getTrailStatus(r -> r.name(TRAIL_ARN)).isLogging()).isTrue();
        assertWireErrorLikeFake(jsonCall(TARGET + "GetTrailStatus"), false,
                () -> tokyo.getTrailStatus(r -> r.name("org-audit")), () -> real.getTrailStatus(r -> r.name("org-audit")));
    }

    @Test
    void invalidNamesAndArnsFailLikeTheFake() {
        assertWireErrorLikeFake(jsonCall(TARGET + "GetTrailStatus"), false,
                () -> fake.getTrailStatus(r -> r.name("a--b")), () -> real.getTrailStatus(r -> r.name("a--b")));
        assertWireErrorLikeFake(jsonCall(TARGET + "DescribeTrails"), false,
                () -> fake.describeTrails(r -> r.trailNameList("arn:aws:cloudtrail:eu-west-1:1:nope")),
                () -> real.describeTrails(r -> r.trailNameList("arn:aws:cloudtrail:eu-west-1:1:nope")));
    }

    @Test
    void cloudTrailThrottlingIsRetried() {
        stubSequence(() -> jsonCall(TARGET + "GetTrailStatus"), List.of(
                jsonError(400, "ThrottlingException", "Rate exceeded"), json("{\"IsLogging\":false}")));
        assertThat(real.getTrailStatus(r -> r.name(TRAIL_ARN)).isLogging()).isFalse();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void getRegionOptStatusOfAnOptInRegion() {
        wire.stubFor(post(urlPathEqualTo("/getRegionOptStatus")).withRequestBody(equalToJson("{\"RegionName\":\"ap-east-1\"}"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"RegionName\":\"ap-east-1\",\"RegionOptStatus\":\"DISABLED\"}")));
        AccountClient fakeAccount = sandbox.client(AccountClient.class);

        var fromWire = real(AccountClient.class).getRegionOptStatus(r -> r.regionName("ap-east-1"));

        assertSameFields(fromWire, fakeAccount.getRegionOptStatus(r -> r.regionName("ap-east-1")));
        assertThat(onlyRequest().getHeader("Authorization")).as("a global service").contains("/us-east-1/account/aws4_request");
        assertThat(fakeAccount.getRegionOptStatus(r -> r.regionName("ap-northeast-1")).regionOptStatus())
                .isEqualTo(RegionOptStatus.ENABLED_BY_DEFAULT);
        assertThat(journal.calls("account", "GetRegionOptStatus")).hasSize(1);
    }

    @Test
    void anUnknownRegionNameIsAValidationErrorLikeTheFake() {
        AccountClient fakeAccount = sandbox.client(AccountClient.class);
        assertWireErrorLikeFake(post(urlPathEqualTo("/getRegionOptStatus")), false,
                () -> fakeAccount.getRegionOptStatus(r -> r.regionName("xx-nowhere-9")),
                () -> real(AccountClient.class).getRegionOptStatus(r -> r.regionName("xx-nowhere-9")));
    }

    @Test
    void accountTooManyRequestsIsRetried() {
        stubSequence(() -> post(urlPathEqualTo("/getRegionOptStatus")), List.of(
                aResponse().withStatus(429).withHeader("x-amzn-ErrorType", "TooManyRequestsException")
                        .withBody("{\"message\":\"Rate exceeded\"}"),
                aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"RegionName\":\"ap-east-1\",\"RegionOptStatus\":\"ENABLED\"}")));
        assertThat(real(AccountClient.class).getRegionOptStatus(r -> r.regionName("ap-east-1")).regionOptStatus())
                .isEqualTo(RegionOptStatus.ENABLED);
        assertThat(requests()).hasSize(2);
    }

    /** A JSON service, a REST-JSON one and a query one, each in ap-east-1 before the account enables it. */
    @Test
    void aRegionNotEnabledRefusesTheAccountsCredentials() {
        Region hongKong = Region.AP_EAST_1;
        wire.stubFor(jsonCall(TARGET + "DescribeTrails").willReturn(jsonError(403, "UnrecognizedClientException",
                "The security token included in the request is invalid.")));
        assertSameError(thrownBy(() -> sandbox.client(CloudTrailClient.class, hongKong).describeTrails(r -> { })),
                () -> real(CloudTrailClient.class, "ap-east-1").describeTrails(r -> { }));
        assertThat(requests()).as("not retried").hasSize(1);

        wire.resetAll();
        wire.stubFor(get(urlPathEqualTo("/backup-vaults/")).willReturn(aResponse().withStatus(403)
                .withHeader("x-amzn-ErrorType", "UnrecognizedClientException")
                .withBody("{\"message\":\"The security token included in the request is invalid.\"}")));
        assertSameError(thrownBy(() -> sandbox.client(BackupClient.class, hongKong).listBackupVaultsPaginator(r -> { })
                        .backupVaultList().stream().toList()),
                () -> real(BackupClient.class, "ap-east-1").listBackupVaults(r -> { }));

        wire.resetAll();
        wire.stubFor(queryCall("DescribeDBInstances").willReturn(queryError(403, "InvalidClientTokenId",
                "The security token included in the request is invalid.")));
        assertSameError(thrownBy(() -> sandbox.client(RdsClient.class, hongKong).describeDBInstances(r -> { })),
                () -> real(RdsClient.class, "ap-east-1").describeDBInstances(r -> { }));
        assertThat(sandbox.journal().calls("rds", "DescribeDBInstances")).as("journaled as AWS names it").hasSize(1);

        sandbox.fake(FakeAccount.class).setStatus("ap-east-1", RegionOptStatus.ENABLED);
        assertThat(sandbox.client(CloudTrailClient.class, hongKong).describeTrails(r -> { }).trailList())
                .as("once enabled, the Region answers").hasSize(1);
    }
}

package dev.shepherd.sandbox.moto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Trail;

/**
 * CloudTrail trails: {@code FakeCloudTrail} versus moto, each seeded with a logging multi-Region trail homed in
 * eu-west-1, a stopped single-Region one there, and a single-Region one in Tokyo. Compared: DescribeTrails per Region
 * with and without shadow trails, GetTrailStatus's IsLogging, TrailNotFoundException. Not compared, where moto differs
 * from AWS: it ignores {@code trailNameList}, finds a shadow trail's status by bare name (AWS needs its ARN), and
 * reports delivery times as "now".
 */
class CloudTrailMotoParityTest extends MotoParityTest {
    Sandbox sandbox;

    @BeforeEach
    void seed() throws Exception {
        bucket("audit-eu");
        bucket("audit-tokyo");
        CloudTrailClient home = onMoto(CloudTrailClient.class);
        home.createTrail(r -> r.name("org-audit").s3BucketName("audit-eu").isMultiRegionTrail(true)
                .enableLogFileValidation(true));
        home.startLogging(r -> r.name("org-audit"));
        home.createTrail(r -> r.name("eu-only").s3BucketName("audit-eu"));
        onMoto(CloudTrailClient.class, "ap-northeast-1").createTrail(r -> r.name("tokyo-only").s3BucketName("audit-tokyo"));
        sandbox = new Sandbox().load(Json.parse("""
                {"cloudtrail": {"trails": [
                  {"trail": {"Name": "org-audit", "S3BucketName": "audit-eu", "IsMultiRegionTrail": true,
                             "LogFileValidationEnabled": true}, "status": {"IsLogging": true}},
                  {"trail": {"Name": "eu-only", "S3BucketName": "audit-eu"}, "status": {"IsLogging": false}},
                  {"trail": {"Name": "tokyo-only", "S3BucketName": "audit-tokyo", "HomeRegion": "ap-northeast-1"}}]}}"""));
    }

    /** Moto's CreateTrail needs the bucket to exist (in any Region); set-up only, outside the SDK. */
    private static void bucket(String name) throws Exception {
        String body = "<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>";
        moto.raw("s3", "PUT", "/" + name, null, body);
    }

    static List<Object> essentials(Trail t) {
        return List.of(t.name(), t.trailARN(), t.homeRegion(), t.isMultiRegionTrail(), t.s3BucketName(),
                t.includeGlobalServiceEvents(), t.logFileValidationEnabled(), t.isOrganizationTrail());
    }

    private List<List<Object>> trails(CloudTrailClient client, Boolean shadows) {
        return client.describeTrails(r -> r.includeShadowTrails(shadows)).trailList().stream()
                .map(CloudTrailMotoParityTest::essentials).sorted(java.util.Comparator.comparing(Object::toString)).toList();
    }

    @Test
    void eachRegionListsItsOwnTrailsAndTheMultiRegionShadow() {
        for (String region : List.of("eu-west-1", "ap-northeast-1")) {
            CloudTrailClient fake = sandbox.client(CloudTrailClient.class, Region.of(region));
            CloudTrailClient real = onMoto(CloudTrailClient.class, region);
            var all = sameAnswer(fake, real, c -> trails(c, null));
            var own = sameAnswer(fake, real, c -> trails(c, false));
            assertThat(all).hasSize(2);
            assertThat(own).hasSize(region.equals("eu-west-1") ? 2 : 1);
        }
    }

    @Test
    void trailStatusSaysWhetherItLogs() {
        CloudTrailClient fake = sandbox.client(CloudTrailClient.class);
        CloudTrailClient real = onMoto(CloudTrailClient.class);
        Boolean logging = sameAnswer(fake, real, c -> c.getTrailStatus(r -> r.name("org-audit")).isLogging());
        Boolean stopped = sameAnswer(fake, real, c -> c.getTrailStatus(r -> r.name("eu-only")).isLogging());
        assertThat(logging).isTrue();
        assertThat(stopped).isFalse();
        String arn = "arn:aws:cloudtrail:eu-west-1:123456789012:trail/org-audit";
        Boolean shadow = sameAnswer(sandbox.client(CloudTrailClient.class, Region.AP_NORTHEAST_1),
                onMoto(CloudTrailClient.class, "ap-northeast-1"), c -> c.getTrailStatus(r -> r.name(arn)).isLogging());
        assertThat(shadow).as("the shadow trail by ARN").isTrue();
    }

    @Test
    void anUnknownTrailIsNotFound() {
        sameError(sandbox.client(CloudTrailClient.class), onMoto(CloudTrailClient.class),
                c -> c.getTrailStatus(r -> r.name("no-such-trail")));
    }
}

package dev.shepherd.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

/**
 * CloudWatch {@code ListTagsForResource} on the wire (query protocol, SDK 2.40.2) versus {@code FakeCloudWatch}. The API
 * model's error for an unknown resource is {@code ResourceNotFoundException} (404), which the SDK maps to its own
 * class; {@code ResourceNotFound} (what SetAlarmState answers) would be {@code DashboardNotFoundErrorException}.
 */
class CloudWatchTagsContractTest extends ContractTest {
    static final String ARN = "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-5xx";

    CloudWatchClient fake;
    CloudWatchClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("{\"cloudwatch\": {\"tags\": {\"" + ARN + "\": {\"team\": \"orders\"}}}}"))
                .client(CloudWatchClient.class);
        real = real(CloudWatchClient.class);
    }

    static String response(String tags) {
        return "<ListTagsForResourceResponse " + CloudWatchContractTest.NS + "><ListTagsForResourceResult><Tags>" + tags
                + "</Tags></ListTagsForResourceResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                + "</ListTagsForResourceResponse>";
    }

    @Test
    void listTagsForResource() {
        wire.stubFor(queryCall("ListTagsForResource").willReturn(xml(response(
                "<member><Key>team</Key><Value>orders</Value></member>"
                        + "<member><Key>shepherd:codedeploy</Key><Value>orders/orders-dg, orders/canary</Value></member>"))));

        var tags = real.listTagsForResource(r -> r.resourceARN(ARN)).tags();

        assertThat(tags).extracting(t -> t.key() + "=" + t.value())
                .containsExactly("team=orders", "shepherd:codedeploy=orders/orders-dg, orders/canary");
        assertThat(onlyRequest().getBodyAsString()).contains("Action=ListTagsForResource", "Version=2010-08-01",
                "ResourceARN=arn%3Aaws%3Acloudwatch%3Aeu-west-1%3A111122223333%3Aalarm%3Aorders-5xx");
        assertThat(journal.calls("cloudwatch", "ListTagsForResource")).hasSize(1);
        assertThat(fake.listTagsForResource(r -> r.resourceARN(ARN)).tags()).extracting(t -> t.key())
                .containsExactly("team");
    }

    @Test
    void anUnknownAlarmMapsLikeTheFake() {
        assertWireErrorLikeFake(queryCall("ListTagsForResource"), true,
                () -> fake.listTagsForResource(r -> r.resourceARN(ARN + "-gone")),
                () -> real.listTagsForResource(r -> r.resourceARN(ARN + "-gone")));
        assertThat(thrownBy(() -> fake.listTagsForResource(r -> r.resourceARN(ARN + "-gone"))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertWireErrorLikeFake(queryCall("ListTagsForResource"), true,
                () -> fake.listTagsForResource(r -> r.resourceARN("not-an-arn")),
                () -> real.listTagsForResource(r -> r.resourceARN("not-an-arn")));
    }

    @Test
    void throttlingIsRetriedThenSucceeds() {
        stubSequence(() -> queryCall("ListTagsForResource"), List.of(
                queryError(400, "Throttling", "Rate exceeded"), xml(response(""))));

        assertThat(real.listTagsForResource(r -> r.resourceARN(ARN)).tags()).isEmpty();
        assertThat(requests()).hasSize(2);
    }

    @Test
    void throttlingPastTheRetriesSurfacesAsThrottling() {
        wire.stubFor(queryCall("ListTagsForResource").willReturn(queryError(400, "Throttling", "Rate exceeded")));

        var e = thrownBy(() -> real.listTagsForResource(r -> r.resourceARN(ARN)));

        assertThat(e.isThrottlingException()).isTrue();
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
        assertThat(requests()).as("standard retry mode: 3 attempts").hasSize(3);
    }
}

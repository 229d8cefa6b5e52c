package dev.shepherd.sandbox.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import dev.shepherd.core.Json;
import dev.shepherd.sandbox.Sandbox;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Tag;

/** ECS services and their tags (the budget guard's cost action) on the wire versus {@code FakeEcs}. */
class EcsServicesContractTest extends ContractTest {
    static final String PREFIX = EcsContractTest.PREFIX;
    static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String SVC = ARN + "service/dev/preview";

    EcsClient fake;
    EcsClient real;

    @BeforeEach
    void clients() {
        fake = new Sandbox().load(Json.parse("""
                {"ecs": {"services": [{"serviceArn": "%s", "serviceName": "preview", "clusterArn": "%scluster/dev",
                  "desiredCount": 2, "tags": [{"key": "environment", "value": "dev"}]}]}}""".formatted(SVC, ARN)))
                .client(EcsClient.class);
        real = real(EcsClient.class);
    }

    static boolean body(String json) {
        return WireMock.equalToJson(json).match(onlyRequest().getBodyAsString()).isExactMatch();
    }

    @Test
    void listServicesPagesThroughNextToken() {
        stubSequence(() -> jsonCall(PREFIX + "ListServices"), List.of(
                json("{\"serviceArns\": [\"" + SVC + "\"], \"nextToken\": \"t2\"}"),
                json("{\"serviceArns\": [\"" + ARN + "service/dev/search\"]}")));

        assertThat(real.listServicesPaginator(r -> r.cluster("dev")).serviceArns().stream().toList())
                .containsExactly(SVC, ARN + "service/dev/search");
        assertThat(requests()).hasSize(2);
        // WireMock lists the newest request first.
        assertThat(requests().get(1).getBodyAsString()).isEqualTo("{\"cluster\":\"dev\"}");
        assertThat(requests().get(0).getBodyAsString()).contains("\"nextToken\":\"t2\"");
        assertThat(fake.listServices(r -> r.cluster("dev")).serviceArns()).containsExactly(SVC);
    }

    @Test
    void describeServicesWithTags() {
        wire.stubFor(jsonCall(PREFIX + "DescribeServices").willReturn(json("""
                {"services": [{"serviceArn": "%s", "serviceName": "preview", "desiredCount": 2, "runningCount": 2,
                  "tags": [{"key": "environment", "value": "dev"}]}],
                 "failures": [{"arn": "%sservice/dev/gone", "reason": "MISSING"}]}""".formatted(SVC, ARN))));

        var answer = real.describeServices(r -> r.cluster("dev").services("preview", "gone").include(ServiceField.TAGS));

        assertThat(body("{\"cluster\": \"dev\", \"services\": [\"preview\", \"gone\"], \"include\": [\"TAGS\"]}")).isTrue();
        assertThat(answer.services().getFirst().desiredCount()).isEqualTo(2);
        assertThat(answer.services().getFirst().tags()).containsExactly(Tag.builder().key("environment").value("dev").build());
        var fromFake = fake.describeServices(r -> r.cluster("dev").services("preview", "gone").include(ServiceField.TAGS));
        assertThat(fromFake.services().getFirst().tags()).isEqualTo(answer.services().getFirst().tags());
        assertThat(fromFake.failures()).isEqualTo(answer.failures());
        assertThat(fake.describeServices(r -> r.cluster("dev").services("preview")).services().getFirst().hasTags())
                .as("tags only with include TAGS").isFalse();
    }

    @Test
    void updateServiceDesiredCount() {
        wire.stubFor(jsonCall(PREFIX + "UpdateService").willReturn(json(
                "{\"service\": {\"serviceArn\": \"" + SVC + "\", \"desiredCount\": 0}}")));

        assertThat(real.updateService(r -> r.cluster("dev").service("preview").desiredCount(0)).service().desiredCount())
                .isZero();
        assertThat(body("{\"cluster\": \"dev\", \"service\": \"preview\", \"desiredCount\": 0}")).isTrue();
        assertThat(fake.updateService(r -> r.cluster("dev").service("preview").desiredCount(0)).service().desiredCount())
                .isZero();
    }

    @Test
    void tagListAndUntag() {
        wire.stubFor(jsonCall(PREFIX + "TagResource").willReturn(json("{}")));
        real.tagResource(r -> r.resourceArn(SVC).tags(Tag.builder().key("shepherd:restore").value("v1 desired=2").build()));
        assertThat(body("{\"resourceArn\": \"" + SVC + "\", \"tags\": [{\"key\": \"shepherd:restore\", "
                + "\"value\": \"v1 desired=2\"}]}")).isTrue();

        wire.resetAll();
        wire.stubFor(jsonCall(PREFIX + "ListTagsForResource").willReturn(json(
                "{\"tags\": [{\"key\": \"shepherd:restore\", \"value\": \"v1 desired=2\"}]}")));
        assertThat(real.listTagsForResource(r -> r.resourceArn(SVC)).tags()).hasSize(1);

        wire.resetAll();
        wire.stubFor(jsonCall(PREFIX + "UntagResource").willReturn(json("{}")));
        real.untagResource(r -> r.resourceArn(SVC).tagKeys("shepherd:restore"));
        assertThat(body("{\"resourceArn\": \"" + SVC + "\", \"tagKeys\": [\"shepherd:restore\"]}")).isTrue();

        fake.tagResource(r -> r.resourceArn(SVC).tags(Tag.builder().key("shepherd:restore").value("v1 desired=2").build()));
        assertThat(fake.listTagsForResource(r -> r.resourceArn(SVC)).tags()).extracting(Tag::key)
                .containsExactly("environment", "shepherd:restore");
        fake.untagResource(r -> r.resourceArn(SVC).tagKeys("shepherd:restore"));
        assertThat(fake.listTagsForResource(r -> r.resourceArn(SVC)).tags()).extracting(Tag::key).containsExactly("environment");
    }

    @Test
    void errorsMapLikeTheFake() {
        Runnable update = () -> real.updateService(r -> r.cluster("dev").service("gone").desiredCount(0));
        assertWireErrorLikeFake(jsonCall(PREFIX + "UpdateService"), false,
                () -> fake.updateService(r -> r.cluster("dev").service("gone").desiredCount(0)), update);
        assertThat(thrownBy(update)).isInstanceOf(ServiceNotFoundException.class);

        Runnable list = () -> real.listServices(r -> r.cluster("nope"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListServices"), false, () -> fake.listServices(r -> r.cluster("nope")), list);
        assertThat(thrownBy(list)).isInstanceOf(ClusterNotFoundException.class);

        Runnable describe = () -> real.describeServices(r -> r.cluster("nope").services("preview"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "DescribeServices"), false,
                () -> fake.describeServices(r -> r.cluster("nope").services("preview")), describe);

        Runnable tags = () -> real.listTagsForResource(r -> r.resourceArn(ARN + "service/dev/gone"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "ListTagsForResource"), false,
                () -> fake.listTagsForResource(r -> r.resourceArn(ARN + "service/dev/gone")), tags);
        assertThat(thrownBy(tags)).isInstanceOf(ResourceNotFoundException.class);

        Runnable tag = () -> real.tagResource(r -> r.resourceArn(SVC).tags(Tag.builder().key("k").value("{\"a\"}").build()));
        assertWireErrorLikeFake(jsonCall(PREFIX + "TagResource"), false,
                () -> fake.tagResource(r -> r.resourceArn(SVC).tags(Tag.builder().key("k").value("{\"a\"}").build())), tag);
        Runnable untag = () -> real.untagResource(r -> r.resourceArn(ARN + "service/dev/gone").tagKeys("k"));
        assertWireErrorLikeFake(jsonCall(PREFIX + "UntagResource"), false,
                () -> fake.untagResource(r -> r.resourceArn(ARN + "service/dev/gone").tagKeys("k")), untag);
    }
}

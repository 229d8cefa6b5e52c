package dev.shepherd.alarm;

import static dev.shepherd.alarm.Alarms.ARN;
import static dev.shepherd.alarm.Alarms.alarm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.alarm.Target.DeploymentGroup;
import dev.shepherd.alarm.Target.EcsService;
import dev.shepherd.alarm.Target.LambdaAlias;
import dev.shepherd.core.Json;
import dev.shepherd.core.MutableClock;
import dev.shepherd.sandbox.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Correlation of an alarm with its targets: the tag cases of the reference (7.9) plus cross-account and the mapping. */
class AlarmTargetsTest {
    static final String MAPPING = """
            {"ssm": {"parameters": [{"Name": "/shepherd/dev/alarm-targets", "Type": "String",
              "Value": "{\\"orders-5xx\\": {\\"codedeploy\\": [\\"orders/orders-dg\\"], \\"lambda-alias\\": [\\"orders-fn:live\\"]}}"}]}}""";

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:05Z"));
    Sandbox sandbox = new Sandbox();

    AlarmTargets targets() {
        return new AlarmTargets(Alarms.platform(sandbox, clock), "dev", Alarms.ACCOUNT);
    }

    Sandbox load(String scenario) {
        return sandbox.load(Json.parse(scenario));
    }

    int tagCalls() {
        return sandbox.journal().calls("cloudwatch", "ListTagsForResource").size();
    }

    @Test
    void tagsFromPayload() {
        Correlation c = targets().resolve(alarm("orders-5xx", Map.of(
                "shepherd:codedeploy", "orders/orders-dg, orders/orders-canary",
                "shepherd:ecs-service", "orders-cluster/orders-api,arn:aws:ecs:eu-west-1:111122223333:service/pay/pay-api",
                "shepherd:lambda-alias", "orders-fn:live", "team", "orders")), Alarms.deadline(clock));

        assertThat(c.targets()).containsExactly(new DeploymentGroup("orders", "orders-dg"),
                new DeploymentGroup("orders", "orders-canary"), new EcsService("orders-cluster", "orders-api"),
                new EcsService("pay", "arn:aws:ecs:eu-west-1:111122223333:service/pay/pay-api"),
                new LambdaAlias("orders-fn", "live"));
        assertThat(c.tags()).containsEntry("team", "orders");
        assertThat(c.tagsNote()).isEqualTo("tags from the payload");
        assertThat(c.problems()).isEmpty();
        assertThat(tagCalls()).isZero();
    }

    @Test
    void tagStatusUnknownLooksUpTagsOnceThenCached() {
        load("{\"cloudwatch\": {\"tags\": {\"" + ARN + "orders-5xx\": {\"shepherd:codedeploy\": \"orders/orders-dg\"}}}}");
        AlarmTargets targets = targets();

        Correlation first = targets.resolve(alarm("orders-5xx", null), Alarms.deadline(clock));
        clock.advance(Duration.ofMinutes(4));
        Correlation second = targets.resolve(alarm("orders-5xx", null), Alarms.deadline(clock));

        assertThat(first.targets()).containsExactly(new DeploymentGroup("orders", "orders-dg"));
        assertThat(first.tagsNote()).isEqualTo("tags from ListTagsForResource");
        assertThat(second).isEqualTo(first);
        assertThat(tagCalls()).as("one call, then the cache").isEqualTo(1);
        assertThat(sandbox.journal().calls("cloudwatch", "ListTagsForResource").getFirst().request()
                .get("ResourceARN").asText()).isEqualTo(ARN + "orders-5xx");

        clock.advance(Duration.ofMinutes(2));
        targets.resolve(alarm("orders-5xx", null), Alarms.deadline(clock));
        assertThat(tagCalls()).as("after five minutes the cache entry expires").isEqualTo(2);
    }

    @Test
    void alarmDeletedMeansNoTags() {
        Correlation c = targets().resolve(alarm("orders-5xx", null), Alarms.deadline(clock));

        assertThat(c.tags()).isEmpty();
        assertThat(c.targets()).isEmpty();
        assertThat(c.tagsNote()).contains("no longer exists", "ResourceNotFoundException");
        assertThat(tagCalls()).isEqualTo(1);
    }

    @Test
    void throttledMeansTagsUnknownAndTheMappingStillApplies() {
        load(MAPPING);
        load("{\"cloudwatch\": {\"faults\": {\"ListTagsForResource\": [\"Throttling\"]},"
                + " \"tags\": {\"" + ARN + "orders-5xx\": {\"shepherd:ecs-service\": \"orders-cluster/orders-api\"}}}}");
        AlarmTargets targets = targets();

        Correlation c = targets.resolve(alarm("orders-5xx", null), Alarms.deadline(clock));

        assertThat(c.tags()).isNull();
        assertThat(c.tagsNote()).contains("tags unknown", "Throttling", "throttled");
        assertThat(c.targets()).containsExactly(new DeploymentGroup("orders", "orders-dg"), new LambdaAlias("orders-fn", "live"));
        Correlation retried = targets.resolve(alarm("orders-5xx", null), Alarms.deadline(clock));
        assertThat(retried.targets()).as("a failure is not cached: the next change looks again")
                .contains(new EcsService("orders-cluster", "orders-api"));
    }

    @Test
    void accessDeniedMeansTagsUnknownWithTheReason() {
        load("{\"cloudwatch\": {\"faults\": {\"ListTagsForResource\": [\"AccessDenied\"]}}}");

        Correlation c = targets().resolve(alarm("orders-5xx", null), Alarms.deadline(clock));

        assertThat(c.tags()).isNull();
        assertThat(c.tagsNote()).isEqualTo("tags unknown: ListTagsForResource failed with AccessDenied");
    }

    @Test
    void anAlarmOfAnotherAccountOrRegionMakesNoTagCallAndNamesNoTargetHere() {
        load(MAPPING);
        AlarmTargets targets = targets();

        Correlation unknown = targets.resolve(Alarms.change("999988887777", Alarms.REGION, "orders-5xx",
                AlarmChange.Value.ALARM, null, null), Alarms.deadline(clock));
        Correlation fromPayload = targets.resolve(Alarms.change("999988887777", Alarms.REGION, "other",
                AlarmChange.Value.ALARM, Map.of("shepherd:codedeploy", "billing/billing-dg", "severity", "low"), null),
                Alarms.deadline(clock));
        Correlation otherRegion = targets.resolve(Alarms.change(Alarms.ACCOUNT, "us-east-1", "orders-5xx",
                AlarmChange.Value.ALARM, null, null), Alarms.deadline(clock));

        assertThat(tagCalls()).isZero();
        assertThat(unknown.tags()).isNull();
        assertThat(unknown.tagsNote()).contains("account 999988887777", "not looked up");
        assertThat(List.of(unknown, fromPayload, otherRegion)).allSatisfy(c -> {
            assertThat(c.targets()).as("its targets are in its own account and region").isEmpty();
            assertThat(c.problems()).singleElement().asString().contains("nothing is stopped from here");
        });
        assertThat(fromPayload.tags()).as("the tags still pick the severity").containsEntry("severity", "low");
        assertThat(otherRegion.tagsNote()).contains("us-east-1", "not looked up");
    }

    @Test
    void ssmMapping() {
        load(MAPPING);

        Correlation c = targets().resolve(alarm("orders-5xx", Map.of("shepherd:codedeploy", "orders/orders-dg")),
                Alarms.deadline(clock));
        Correlation unmapped = targets().resolve(alarm("payments-errors", Map.of()), Alarms.deadline(clock));

        assertThat(c.targets()).as("tags first, each target once")
                .containsExactly(new DeploymentGroup("orders", "orders-dg"), new LambdaAlias("orders-fn", "live"));
        assertThat(unmapped.targets()).isEmpty();
        assertThat(sandbox.journal().calls("ssm", "GetParameter")).isNotEmpty();
    }

    @Test
    void aMalformedMappingIsRefusedWithOneMessageAndTagsStillApply() {
        load("""
                {"ssm": {"parameters": [{"Name": "/shepherd/dev/alarm-targets", "Type": "String",
                  "Value": "{\\"orders-5xx\\": {\\"codedeploy\\": [\\"orders\\"], \\"ecs\\": [\\"c/s\\"]}}"}]}}""");

        Correlation c = targets().resolve(alarm("orders-5xx", Map.of("shepherd:lambda-alias", "orders-fn:live")),
                Alarms.deadline(clock));

        assertThat(c.targets()).containsExactly(new LambdaAlias("orders-fn", "live"));
        assertThat(c.problems()).singleElement().asString().contains("/shepherd/dev/alarm-targets",
                "alarm-targets.orders-5xx.codedeploy[0] 'orders' is not application/group",
                "alarm-targets.orders-5xx.ecs is not one of codedeploy, ecs-service, lambda-alias");
    }

    @Test
    void malformedTagValueReported() {
        Correlation c = targets().resolve(alarm("orders-5xx", Map.of(
                "shepherd:codedeploy", "orders/orders-dg,orders,",
                "shepherd:ecs-service", "arn:aws:ecs:eu-west-1:111122223333:service/orders-api",
                "shepherd:lambda-alias", "orders-fn:7")), Alarms.deadline(clock));

        assertThat(c.targets()).as("the well-formed entry still applies")
                .containsExactly(new DeploymentGroup("orders", "orders-dg"));
        assertThat(c.problems()).containsExactly(
                "tag shepherd:codedeploy entry 2 'orders' is not application/group",
                "tag shepherd:codedeploy entry 3 '' is not application/group",
                "tag shepherd:ecs-service entry 1 'arn:aws:ecs:eu-west-1:111122223333:service/orders-api' is not "
                        + "cluster/service or a service ARN with its cluster",
                "tag shepherd:lambda-alias entry 1 'orders-fn:7' is not function:alias");
        assertThat(c.lines()).hasSize(5).first().isEqualTo("tags from the payload");
    }
}

package dev.shepherd.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.budget.ScaleToZero.Kind;
import dev.shepherd.budget.ScaleToZero.Outcome;
import dev.shepherd.budget.ScaleToZero.Result;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.Platform;
import dev.shepherd.sandbox.FakeApplicationAutoScaling;
import dev.shepherd.sandbox.FakeEcs;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Budget guard section 7 item 10: the ECS cost action against the sandbox fakes. */
class ScaleToZeroTest {
    static final String ARN = "arn:aws:ecs:eu-west-1:123456789012:";
    static final String OPT_IN = "{\"key\": \"shepherd:cost-action\", \"value\": \"scale-to-zero\"}";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-14T09:00:00Z"), ZoneOffset.UTC);

    /** Everything the tests tag, production included, so only the guard's own production rule can refuse it. */
    static final Set<String> ENVIRONMENTS = Set.of("dev", "staging", "qa", "prod", "Production");

    final Sandbox sandbox = new Sandbox();
    final Platform platform = new Platform(Map.of("AWS_REGION", "eu-west-1"), sandbox, CLOCK);
    final ScaleToZero action = new ScaleToZero(platform, List.of("dev"), ENVIRONMENTS);

    static String service(String name, int desired, String... tags) {
        return """
                {"serviceArn": "%sservice/dev/%s", "serviceName": "%s", "clusterArn": "%scluster/dev",
                 "desiredCount": %d, "tags": [%s]}""".formatted(ARN, name, name, ARN, desired, String.join(",", tags));
    }

    static String env(String value) {
        return "{\"key\": \"environment\", \"value\": \"" + value + "\"}";
    }

    static String restoreTag(String value) {
        return "{\"key\": \"shepherd:restore\", \"value\": \"" + value + "\"}";
    }

    static String target(String service, int min, int max) {
        return """
                {"serviceNamespace": "ecs", "resourceId": "service/dev/%s", "scalableDimension": "ecs:service:DesiredCount",
                 "minCapacity": %d, "maxCapacity": %d}""".formatted(service, min, max);
    }

    void seed(List<String> services, List<String> targets, String ecsFaults) {
        sandbox.load(Json.parse("{\"ecs\": {\"services\": [" + String.join(",", services) + "]" + ecsFaults
                + "}, \"applicationautoscaling\": {\"scalableTargets\": [" + String.join(",", targets) + "]}}"));
    }

    static Deadline minutes(int n) {
        return Deadline.of(CLOCK, Duration.ofMinutes(n).toMillis(), Duration.ZERO);
    }

    Service svc(String name) {
        return sandbox.fake(FakeEcs.class).service(ARN + "service/dev/" + name);
    }

    Map<String, String> tagsOf(String name) {
        return svc(name).tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    ScalableTarget targetOf(String name) {
        return sandbox.fake(FakeApplicationAutoScaling.class).target("service/dev/" + name);
    }

    static Outcome outcome(Result result, String service) {
        return result.outcomes().stream().filter(o -> o.service().equals(service)).findFirst().orElseThrow();
    }

    long writes() {
        return sandbox.journal().calls("ecs", "UpdateService").size() + sandbox.journal().calls("ecs", "TagResource").size()
                + sandbox.journal().calls("ecs", "UntagResource").size()
                + sandbox.journal().calls("application-autoscaling", "RegisterScalableTarget").size();
    }

    @Test
    void serviceOfAnEnvironmentThePolicyDoesNotNameIsSkipped() {
        seed(List.of(service("preview", 2, OPT_IN, env("dev")), service("demo", 2, OPT_IN, env("staging"))),
                List.of(), "");

        Result result = new ScaleToZero(platform, List.of("dev"), Set.of("dev")).scaleDown(false, minutes(5));

        assertThat(outcome(result, "demo")).extracting(Outcome::kind, Outcome::detail)
                .containsExactly(Kind.SKIPPED, "environment=staging is not one the cost policy acts on");
        assertThat(svc("demo").desiredCount()).isEqualTo(2);
        assertThat(svc("preview").desiredCount()).isZero();
    }

    @Test
    void prodTaggedServiceIsSkippedAndAMissingEnvironmentTagIsASkipWithItsReason() {
        seed(List.of(service("orders", 3, OPT_IN, env("prod")), service("billing", 2, OPT_IN, env("Production")),
                service("search", 2, OPT_IN), service("preview", 2, OPT_IN, env("staging")),
                service("plain", 2, env("dev"))), List.of(), "");

        Result result = action.scaleDown(false, minutes(5));

        assertThat(outcome(result, "orders")).extracting(Outcome::kind, Outcome::detail)
                .containsExactly(Kind.SKIPPED, "production (environment=prod)");
        assertThat(outcome(result, "billing").kind()).isEqualTo(Kind.SKIPPED);
        assertThat(outcome(result, "search").detail()).isEqualTo("no environment tag");
        assertThat(outcome(result, "plain").detail()).startsWith("not opted in");
        assertThat(outcome(result, "preview").kind()).isEqualTo(Kind.SCALED);
        assertThat(svc("orders").desiredCount()).isEqualTo(3);
        assertThat(svc("billing").desiredCount()).isEqualTo(2);
        assertThat(tagsOf("orders")).doesNotContainKey("shepherd:restore");
        assertThat(svc("preview").desiredCount()).isZero();
        assertThat(sandbox.journal().calls("ecs", "UpdateService")).hasSize(1);
    }

    @Test
    void serviceAlreadyAtZeroWithARestoreRecordIsASuccessWithNoWrite() {
        seed(List.of(service("preview", 0, OPT_IN, env("dev"), restoreTag("v1 desired=4")),
                service("idle", 0, OPT_IN, env("dev"))), List.of(), "");

        Result result = action.scaleDown(false, minutes(5));

        assertThat(outcome(result, "preview").kind()).isEqualTo(Kind.ALREADY_ZERO);
        assertThat(outcome(result, "idle")).extracting(Outcome::kind, Outcome::detail)
                .containsExactly(Kind.SKIPPED, "already at 0 without a restore record: not Shepherd's");
        assertThat(writes()).isZero();
        assertThat(tagsOf("preview")).containsEntry("shepherd:restore", "v1 desired=4");
    }

    @Test
    void autoScalingTargetWithMinCapacity2IsRestoredExactly() {
        seed(List.of(service("preview", 3, OPT_IN, env("dev"))), List.of(target("preview", 2, 6)), "");

        Result down = action.scaleDown(false, minutes(5));

        assertThat(outcome(down, "preview").kind()).isEqualTo(Kind.SCALED);
        assertThat(svc("preview").desiredCount()).isZero();
        assertThat(targetOf("preview").minCapacity()).isZero();
        assertThat(targetOf("preview").maxCapacity()).isEqualTo(6);
        assertThat(targetOf("preview").suspendedState().dynamicScalingOutSuspended()).isTrue();
        assertThat(targetOf("preview").suspendedState().scheduledScalingSuspended()).isTrue();

        Result up = action.restore(false, minutes(5));

        assertThat(outcome(up, "preview").kind()).isEqualTo(Kind.RESTORED);
        assertThat(svc("preview").desiredCount()).isEqualTo(3);
        ScalableTarget t = targetOf("preview");
        assertThat(List.of(t.minCapacity(), t.maxCapacity())).containsExactly(2, 6);
        assertThat(List.of(t.suspendedState().dynamicScalingInSuspended(), t.suspendedState().dynamicScalingOutSuspended(),
                t.suspendedState().scheduledScalingSuspended())).containsExactly(false, false, false);
        assertThat(tagsOf("preview")).doesNotContainKey("shepherd:restore");

        long before = writes();
        assertThat(action.restore(false, minutes(5)).outcomes()).as("restore is idempotent").isEmpty();
        assertThat(writes()).isEqualTo(before);
    }

    @Test
    void serviceNotFoundFailsThatServiceOnlyAndAnUnknownClusterIsReported() {
        seed(List.of(service("gone", 2, OPT_IN, env("dev")), service("preview", 2, OPT_IN, env("dev"))), List.of(),
                ", \"faults\": {\"UpdateService\": [\"ServiceNotFoundException\"]}");

        Result result = new ScaleToZero(platform, List.of("dev", "nope"), ENVIRONMENTS).scaleDown(false, minutes(5));

        assertThat(outcome(result, "gone").kind()).isEqualTo(Kind.FAILED);
        assertThat(outcome(result, "gone").detail()).startsWith("ServiceNotFoundException");
        assertThat(outcome(result, "preview").kind()).isEqualTo(Kind.SCALED);
        assertThat(svc("preview").desiredCount()).isZero();
        assertThat(result.outcomes()).filteredOn(o -> o.cluster().equals("nope")).singleElement()
                .satisfies(o -> assertThat(o.detail()).startsWith("cannot list services: ClusterNotFoundException"));
    }

    @Test
    void dryRunProducesThePlanOnlyWithNoWriteCall() {
        seed(List.of(service("preview", 3, OPT_IN, env("dev")), service("orders", 3, OPT_IN, env("prod"))),
                List.of(target("preview", 2, 6)), "");

        Result plan = action.scaleDown(true, minutes(5));

        assertThat(plan.dryRun()).isTrue();
        assertThat(outcome(plan, "preview")).extracting(Outcome::kind, Outcome::detail).containsExactly(Kind.PLANNED,
                "desired 3 -> 0, scaling min 2 -> 0 and suspended; record v1 desired=3 min=2 max=6 suspend=-");
        assertThat(outcome(plan, "orders").kind()).isEqualTo(Kind.SKIPPED);
        assertThat(writes()).isZero();
        assertThat(svc("preview").desiredCount()).isEqualTo(3);

        Result real = action.scaleDown(false, minutes(5));
        assertThat(outcome(real, "preview").detail()).as("the same plan").isEqualTo(outcome(plan, "preview").detail());
    }

    @Test
    void restoreDataIsRecordedBeforeAnyChangeAndUsed() {
        seed(List.of(service("preview", 5, OPT_IN, env("qa"))), List.of(target("preview", 1, 8)), "");

        action.scaleDown(false, minutes(5));

        assertThat(tagsOf("preview")).containsEntry("shepherd:restore", "v1 desired=5 min=1 max=8 suspend=-");
        var calls = sandbox.journal().calls().stream().map(c -> c.operation()).toList();
        assertThat(calls.indexOf("TagResource")).isLessThan(calls.indexOf("RegisterScalableTarget"));
        assertThat(calls.indexOf("RegisterScalableTarget")).isLessThan(calls.indexOf("UpdateService"));

        action.restore(false, minutes(5));
        assertThat(svc("preview").desiredCount()).isEqualTo(5);
        assertThat(List.of(targetOf("preview").minCapacity(), targetOf("preview").maxCapacity())).containsExactly(1, 8);
    }

    @Test
    void aServiceChangedByHandMeanwhileIsReportedNotOverwritten() {
        seed(List.of(service("preview", 2, OPT_IN, env("dev"), restoreTag("v1 desired=4")),
                service("bad", 0, OPT_IN, env("dev"), restoreTag("{\\\"desired\\\": 4}"))), List.of(), "");

        Result result = action.restore(false, minutes(5));

        assertThat(outcome(result, "preview").kind()).isEqualTo(Kind.SKIPPED);
        assertThat(outcome(result, "preview").detail()).startsWith("changed by hand since the scale-down (desired count 2)");
        assertThat(outcome(result, "bad").kind()).isEqualTo(Kind.FAILED);
        assertThat(writes()).isZero();
        assertThat(tagsOf("preview")).containsKey("shepherd:restore");
    }

    @Test
    void servicesNotReachedBeforeTheDeadlineAreListedAsSkipped() {
        seed(List.of(service("preview", 2, OPT_IN, env("dev"))), List.of(), "");

        Result result = action.scaleDown(false, Deadline.of(CLOCK, 0, Duration.ZERO));

        assertThat(outcome(result, "preview")).extracting(Outcome::kind, Outcome::detail)
                .containsExactly(Kind.SKIPPED, "deadline reached first");
        assertThat(writes()).isZero();
    }

    @Test
    void aRerunAfterAFailedCallFinishesTheJobFromTheFirstRecord() {
        seed(List.of(service("preview", 3, OPT_IN, env("dev"))), List.of(target("preview", 2, 6)),
                ", \"faults\": {\"UpdateService\": [\"ThrottlingException\"], \"UntagResource\": [\"ThrottlingException\"]}");

        assertThat(outcome(action.scaleDown(false, minutes(5)), "preview").kind()).isEqualTo(Kind.FAILED);
        Result again = action.scaleDown(false, minutes(5));

        assertThat(outcome(again, "preview").kind()).isEqualTo(Kind.SCALED);
        assertThat(outcome(again, "preview").detail()).endsWith("(kept from an earlier action)");
        assertThat(svc("preview").desiredCount()).isZero();
        assertThat(tagsOf("preview")).containsEntry("shepherd:restore", "v1 desired=3 min=2 max=6 suspend=-");

        assertThat(outcome(action.restore(false, minutes(5)), "preview").kind()).as("half restored").isEqualTo(Kind.FAILED);
        assertThat(svc("preview").desiredCount()).isEqualTo(3);
        assertThat(targetOf("preview").minCapacity()).isEqualTo(2);
        long before = writes();
        assertThat(outcome(action.restore(false, minutes(5)), "preview").kind()).isEqualTo(Kind.RESTORED);
        assertThat(writes()).as("only the record's removal is left").isEqualTo(before + 1);
        assertThat(List.of(targetOf("preview").minCapacity(), targetOf("preview").maxCapacity())).containsExactly(2, 6);
        assertThat(tagsOf("preview")).doesNotContainKey("shepherd:restore");
    }
}

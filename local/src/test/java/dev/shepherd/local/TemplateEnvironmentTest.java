package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.shepherd.local.template.Template;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every function of template.yaml gets a complete environment locally: all its intrinsics resolve. */
class TemplateEnvironmentTest {
    @Test
    void everyFunctionsEnvironmentResolvesWithParameterDefaults() {
        Template template = Template.load(InvokeCommandTest.REPO.resolve("template.yaml"));
        FunctionRunner runner = new FunctionRunner(template, "eu-central-1", Clock.systemUTC(), Map.of());

        assertThat(template.functionIds()).isNotEmpty().allSatisfy(id -> {
            Map<String, String> env = runner.environment(template.function(id));
            assertThat(env).as(id).containsEntry("SHEPHERD_ENVIRONMENT", "dev")
                    .containsEntry("AWS_REGION", "eu-central-1")
                    .containsKey("POWERTOOLS_SERVICE_NAME");
            assertThat(env.values()).as(id).noneMatch(v -> v.contains("${"));
        });
    }

    @Test
    void item15_eachHookIsToldItsOwnTimeout() {
        // Lambda sets no timeout variable, so the hook checks REPORT_RESERVE_SECONDS against this one.
        Template template = Template.load(InvokeCommandTest.REPO.resolve("template.yaml"));
        FunctionRunner runner = new FunctionRunner(template, "eu-west-1", Clock.systemUTC(), Map.of());

        List<String> hooks = template.functionIds().stream()
                .filter(id -> template.function(id).handler().startsWith("dev.shepherd.hook.")).toList();
        assertThat(hooks).hasSize(5).allSatisfy(id -> assertThat(runner.environment(template.function(id)))
                .as(id).containsEntry("FUNCTION_TIMEOUT_SECONDS", Integer.toString(template.function(id).timeoutSeconds())));
    }

    @Test
    void theAlarmRespondersOwnArnAndTopicAllowListResolveFromPseudoParametersAndTheCondition() {
        Template template = Template.load(InvokeCommandTest.REPO.resolve("template.yaml"));
        FunctionRunner runner = new FunctionRunner(template, "eu-central-1", Clock.systemUTC(), Map.of());

        assertThat(runner.environment(template.function("AlarmResponderFunction")))
                .containsEntry("SELF_FUNCTION_ARN",
                        "arn:aws:lambda:eu-central-1:123456789012:function:shepherd-dev-alarm-responder:live")
                .containsEntry("ALARM_TOPIC_ARNS", "") // AlarmSourceTopicArn defaults to none: HasAlarmSourceTopic is false
                .containsEntry("FLAP_WINDOW_SECONDS", "600")
                .containsEntry("SCHEDULE_GROUP", "<AlarmEscalationGroup>");
    }

    @Test
    void aScenariosEnvironmentSitsBetweenTheTemplateAndTheOverrides() {
        Template template = Template.load(InvokeCommandTest.REPO.resolve("template.yaml"));
        Scenario scenario = Scenario.read(InvokeCommandTest.REPO.resolve("events/scenarios/alarm-orders-release.json"));
        FunctionRunner runner = new FunctionRunner(template, "eu-west-1", Clock.systemUTC(),
                Map.of("ALARM_TOPIC_ARNS", "arn:aws:sns:eu-west-1:111122223333:other")).withScenario(scenario);

        assertThat(runner.environment(template.function("AlarmResponderFunction")))
                .containsEntry("SCHEDULE_GROUP", "shepherd-dev-escalations")
                .containsEntry("INCIDENT_TABLE", "shepherd-dev-incidents")
                .containsEntry("ALARM_TOPIC_ARNS", "arn:aws:sns:eu-west-1:111122223333:other")
                .containsEntry("FLAP_WINDOW_SECONDS", "600");
        assertThat(runner.environment(template.function("EcsDeploymentHook"))).doesNotContainKey("INCIDENT_TABLE");
    }

    @Test
    void overridesComeOnTopOfTheTemplate() {
        Template template = Template.load(InvokeCommandTest.REPO.resolve("template.yaml"));
        FunctionRunner runner = new FunctionRunner(template, "eu-west-1", Clock.systemUTC(),
                Map.of("SHEPHERD_ENVIRONMENT", "staging", "HTTP_ALLOW_LOOPBACK", "true"));

        assertThat(runner.environment(template.function("CodeDeployHookAfterInstall")))
                .containsEntry("SHEPHERD_ENVIRONMENT", "staging")
                .containsEntry("HTTP_ALLOW_LOOPBACK", "true")
                .containsEntry("HOOK_EVENT", "AfterInstall");
    }
}

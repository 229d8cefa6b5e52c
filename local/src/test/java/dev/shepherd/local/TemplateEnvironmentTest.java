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

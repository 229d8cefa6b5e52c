package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** template.yaml against the official SAM schema, and proof that the check catches what it should. */
class SamSchemaTest {
    private static SamSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(RepoFiles.samSchema()),
                "SAM schema not found at " + RepoFiles.samSchema() + " (it is kept in ../shared/schemas/ on CI); "
                        + "schema validation skipped");
        schema = new SamSchema(RepoFiles.samSchema());
    }

    private static List<String> problems(String yaml) {
        return schema.validate(CfnYaml.parse(yaml, "broken.yaml"));
    }

    private static final String FUNCTION = """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: dev.shepherd.X::handleRequest
                  Runtime: java25
                  CodeUri: functions/x
            """;

    @Test
    void theTemplateConformsToTheSamSchema() {
        assertThat(schema.validate(CfnYaml.read(RepoFiles.template()))).isEmpty();
    }

    @Test
    void aValidMinimalFunctionPasses() {
        assertThat(problems(FUNCTION + "      Events:\n        Nightly:\n          Type: Schedule\n"
                + "          Properties:\n            Schedule: rate(1 day)\n")).isEmpty();
    }

    @Test
    void aMisspelledPropertyIsOnePreciseProblem() {
        assertThat(problems(FUNCTION.replace("Handler:", "Handlr:")))
                .singleElement().asString().startsWith("/Resources/Fn/Properties").contains("Handlr");
    }

    @Test
    void aBadSamEnumIsReportedAtItsPath() {
        // Tracing is "an intrinsic or one of the enum", so the value fails both options at the same path.
        assertThat(problems(FUNCTION + "      Tracing: Sometimes\n"))
                .hasSizeBetween(1, 2).allMatch(p -> p.startsWith("/Resources/Fn/Properties/Tracing"))
                .anyMatch(p -> p.contains("Active"));
    }

    @Test
    void aMisspelledServerlessTypeIsRejected() {
        assertThat(problems(FUNCTION.replace("AWS::Serverless::Function", "AWS::Serverless::Functon")))
                .isNotEmpty().allMatch(p -> p.startsWith("/Resources/Fn"));
    }

    @Test
    void aBrokenEventIsCheckedAgainstItsOwnType() {
        assertThat(problems(FUNCTION + "      Events:\n        Nightly:\n          Type: Schedule\n"
                + "          Properties:\n            Schedul: rate(1 day)\n"))
                .isNotEmpty().allMatch(p -> p.startsWith("/Resources/Fn/Properties/Events/Nightly"))
                .anyMatch(p -> p.contains("Schedul"));
        assertThat(problems(FUNCTION + "      Events:\n        Nightly:\n          Type: Cron\n"))
                .containsExactly("/Resources/Fn/Properties/Events/Nightly: unknown event Type 'Cron'");
    }

    @Test
    void aTemplateWithoutResourcesIsRejected() {
        assertThat(problems("Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function:\n    Timeout: 3\n"))
                .singleElement().asString().contains("Resources");
    }

    @Test
    void anUnknownGlobalsSettingIsRejected() {
        assertThat(problems(FUNCTION + "Globals:\n  Function:\n    Handlr: x\n"))
                .singleElement().asString().startsWith("/Globals/Function").contains("Handlr");
    }
}

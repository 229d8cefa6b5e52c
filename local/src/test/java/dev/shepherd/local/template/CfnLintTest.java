package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cfn-lint on template.yaml: no errors and no warnings. Skipped where cfn-lint is not installed. */
class CfnLintTest {
    private static CfnLint cfnLint;

    @BeforeAll
    static void findCfnLint() {
        cfnLint = CfnLint.find().orElse(null);
        Assumptions.assumeTrue(cfnLint != null,
                "cfn-lint not found on PATH or in ~/.pyenv/shims; the cfn-lint check of template.yaml is skipped");
    }

    @Test
    void theTemplateHasNoErrorsOrWarnings() throws Exception {
        CfnLint.Result result = cfnLint.run(RepoFiles.template());

        assertThat(result.hasErrorsOrWarnings())
                .as("cfn-lint %s (exit %d):%n%s", RepoFiles.template(), result.exitCode(), result.output())
                .isFalse();
    }

    @Test
    void theComplianceMemberRoleTemplateHasNoErrorsOrWarnings() throws Exception {
        Path member = RepoFiles.root().resolve("templates/compliance-member-role.yaml");

        CfnLint.Result result = cfnLint.run(member);

        assertThat(result.hasErrorsOrWarnings())
                .as("cfn-lint %s (exit %d):%n%s", member, result.exitCode(), result.output())
                .isFalse();
    }

    @Test
    void aTemplateTheSamSchemaPassesButCloudFormationRejectsFails(@TempDir Path tmp) throws Exception {
        // Runtime and MemorySize are SAM pass-throughs: untyped in the SAM schema, typed by cfn-lint.
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), """
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: dev.shepherd.X::handleRequest
                      Runtime: 42
                      MemorySize: lots
                      CodeUri: s3://bucket/fn.jar
                """);

        CfnLint.Result result = cfnLint.run(broken);

        assertThat(result.hasErrorsOrWarnings()).as(result.output()).isTrue();
        assertThat(CfnLint.lines(result))
                .anyMatch(l -> l.contains(":E3030:42 is not one of"))
                .anyMatch(l -> l.contains(":E3012:'lots' is not of type 'integer'"));
    }
}

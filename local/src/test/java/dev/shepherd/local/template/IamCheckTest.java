package dev.shepherd.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IAM check itself, on small templates: it passes what it should and names what it must not pass. */
class IamCheckTest {
    private static final String TEMPLATE = """
            Resources:
              Hook:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/hook/target/hook-lambda.jar
                  Handler: x.Hook::handleRequest
                  Policies:
                    - !Ref ReadPolicy
                    - Statement:
                        - Sid: Report
                          Effect: Allow
                          Action: [codedeploy:PutLifecycleEventHookExecutionStatus]
                          Resource: !Sub arn:${AWS::Partition}:codedeploy:${AWS::Region}:${AWS::AccountId}:deploymentgroup:*/*
                        - Sid: Describe
                          Effect: Allow
                          Action: elasticloadbalancing:Describe*
                          Resource: "*"
              Smoke:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: functions/hook/target/hook-lambda.jar
                  Handler: x.Hook::handleRequest
                  Policies:
                    - Statement:
                        - Effect: Allow
                          Action: lambda:InvokeFunction
                          Resource: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*
              ReadPolicy:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: Plans
                        Effect: Allow
                        Action: ssm:GetParameter
                        Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shepherd/*
            """;
    private static final List<String> RECORDED = List.of("ssm:GetParameter",
            "codedeploy:PutLifecycleEventHookExecutionStatus", "elasticloadbalancing:DescribeTargetHealth",
            "lambda:Invoke");

    private static List<String> check(String template, List<String> recorded) {
        return new IamCheck(CfnYaml.parse(template, "iam.yaml")).check(Map.of("hook", recorded));
    }

    @Test
    void aCallRecordedForOneFunctionMustBeAllowedToThatFunction() {
        // Smoke is the one function with HOOK_EVENT set; Hook has it unset.
        String template = TEMPLATE.replace("      Handler: x.Hook::handleRequest\n      Policies:\n        - Statement:",
                "      Handler: x.Hook::handleRequest\n      Environment:\n        Variables:\n"
                        + "          HOOK_EVENT: BeforeAllowTraffic\n      Policies:\n        - Statement:");
        assertThat(template).contains("HOOK_EVENT: BeforeAllowTraffic");
        List<String> recorded = List.of("ssm:GetParameter HOOK_EVENT=", "elasticloadbalancing:DescribeTargetHealth",
                "codedeploy:PutLifecycleEventHookExecutionStatus HOOK_EVENT=", "lambda:Invoke HOOK_EVENT=BeforeAllowTraffic");

        assertThat(check(template, recorded)).isEmpty();
        assertThat(check(template, List.of("ssm:GetParameter HOOK_EVENT=BeforeAllowTraffic",
                "elasticloadbalancing:DescribeTargetHealth", "codedeploy:PutLifecycleEventHookExecutionStatus",
                "lambda:Invoke HOOK_EVENT=AfterInstall")))
                .containsExactlyInAnyOrder(
                        "Smoke calls ssm:GetParameter (tests as HOOK_EVENT=BeforeAllowTraffic) but its policies do not allow it",
                        "tests of functions/hook made calls as HOOK_EVENT=AfterInstall, which no template function of the module has");
    }

    @Test
    void leastPrivilegePoliciesCoveringEveryRecordedCallPass() {
        assertThat(check(TEMPLATE, RECORDED)).isEmpty();
    }

    @Test
    void aRecordedCallNoFunctionMayMakeIsNamed() {
        assertThat(check(TEMPLATE, append(RECORDED, "secretsmanager:GetSecretValue")))
                .containsExactly("secretsmanager:GetSecretValue is called in the tests of functions/hook but allowed "
                        + "to none of its functions [Hook, Smoke]");
    }

    @Test
    void aPermissionNoTestExercisesIsNamed() {
        assertThat(check(TEMPLATE, RECORDED.subList(0, 3)))
                .singleElement().asString()
                .startsWith("Smoke (Policies[0]) allows lambda:InvokeFunction but no test of functions/hook makes that call");
    }

    @Test
    void creatingAScheduleAlsoNeedsToPassItsRole() {
        String describe = "            - Sid: Describe";
        String template = TEMPLATE.replace(describe, "            - Sid: Schedule\n"
                + "              Effect: Allow\n"
                + "              Action: scheduler:CreateSchedule\n"
                + "              Resource: arn:aws:scheduler:eu-west-1:111122223333:schedule/g/*\n" + describe);
        List<String> recorded = append(RECORDED, "scheduler:CreateSchedule");

        assertThat(check(template, recorded)).singleElement().asString()
                .contains("iam:PassRole is called in the tests of functions/hook");
        assertThat(check(template.replace("Action: scheduler:CreateSchedule",
                "Action: [scheduler:CreateSchedule, iam:PassRole]"), recorded)).isEmpty();
    }

    @Test
    void aPolicyGrantedUnderAStackConditionIsCheckedLikeAnyOther() {
        String conditional = TEMPLATE.replace("""
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: lambda:InvokeFunction
                """, """
                      Policies:
                        - Statement:
                            - Effect: Allow
                              Action: lambda:GetFunction
                              Resource: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*
                        - !If
                          - NotProd
                          - Statement:
                              - Effect: Allow
                                Action: lambda:InvokeFunction
                                Resource: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:${AWS::AccountId}:function:*
                          - !Ref AWS::NoValue
                        - Statement:
                            - Effect: Allow
                              Action: lambda:InvokeFunction
                """);
        assertThat(conditional).isNotEqualTo(TEMPLATE);

        assertThat(check(conditional, RECORDED)).singleElement().asString()
                .isEqualTo("Smoke (Policies[0]) allows lambda:GetFunction but no test of functions/hook makes that call:"
                        + " remove the permission or test the call");
        assertThat(check(conditional, RECORDED.subList(0, 3))).anyMatch(p -> p.contains("allows lambda:InvokeFunction"
                + " but no test"));
    }

    @Test
    void wildcardActionsAreTooBroad() {
        assertThat(check(TEMPLATE.replace("Action: ssm:GetParameter", "Action: ssm:*"), RECORDED))
                .singleElement().asString().isEqualTo("Hook (ReadPolicy Plans) allows ssm:*: name the actions the function calls");
    }

    @Test
    void anyResourceIsOnlyForActionsAwsCannotScope() {
        String template = TEMPLATE.replace(
                "Resource: !Sub arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter/shepherd/*",
                "Resource: \"*\"");
        assertThat(check(template, RECORDED)).singleElement().asString()
                .startsWith("Hook (ReadPolicy Plans) allows ssm:GetParameter on Resource \"*\": name the ARNs");
    }

    @Test
    void policiesTheCheckCannotReadAreNamedNotIgnored() {
        String template = TEMPLATE.replace("- !Ref ReadPolicy", "- SSMParameterReadPolicy: {ParameterName: x}");
        assertThat(check(template, List.of("codedeploy:PutLifecycleEventHookExecutionStatus",
                "elasticloadbalancing:DescribeTargetHealth", "lambda:Invoke")))
                .singleElement().asString().contains("Hook Policies[0]").contains("SAM policy template");
    }

    @Test
    void iamWildcardsMatchAsIamDoes() {
        assertThat(IamCheck.matches("elasticloadbalancing:Describe*", "elasticloadbalancing:DescribeTargetHealth")).isTrue();
        assertThat(IamCheck.matches("ssm:GetParameter", "ssm:GetParameters")).isFalse();
        assertThat(IamCheck.matches("ssm:GetParameter?", "ssm:GetParameters")).isTrue();
        assertThat(IamCheck.matches("SSM:getparameter", "ssm:GetParameter")).isTrue();
        assertThat(IamCheck.action("lambda:Invoke")).isEqualTo("lambda:InvokeFunction");
    }

    private static List<String> append(List<String> list, String item) {
        List<String> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }
}

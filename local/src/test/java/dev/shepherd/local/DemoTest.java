package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code shepherd demo} plays both releases through the real hook, the rotations, and an alarm through the real
 * responder, and shows every verdict and its calls.
 */
class DemoTest {
    @Test
    void theDemoShowsAHealthyReleasePassingABrokenOneFailingARotationAnAlarmHandledToItsEndABudgetOverrunScaledAndRestoredAndADaysComplianceReport() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Shepherd(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), InvokeCommandTest.REPO, Map.of())
                .run(new String[] {"demo"});

        String shown = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(shown + err).isZero();
        assertThat(shown)
                .contains("== Act 1: a healthy release passes validation ==",
                        "=> PASSED: the hook reported Succeeded to CodeDeploy",
                        "== Act 2: a broken release fails validation and rolls back ==",
                        "=> FAILED: the hook reported Failed to CodeDeploy",
                        "HTTP 503, expected 200", "orders-api-5xx is ALARM",
                        "codedeploy:PutLifecycleEventHookExecutionStatus", "\"status\":\"Succeeded\"",
                        "\"status\":\"Failed\"", "elasticloadbalancing:DescribeTargetHealth",
                        "== Act 3: credentials rotate on a real PostgreSQL ==",
                        "login with the new AWSCURRENT password: accepted",
                        "== Act 4: an alarm during a release stops it, pages, escalates and resolves ==",
                        "runs: AlarmResponderFunction (dev.shepherd.alarm.AlarmResponderHandler)",
                        "codedeploy:StopDeployment {\"deploymentId\":\"d-4ZK8Q2W7N\",\"autoRollbackEnabled\":true}",
                        "CodeDeploy d-4ZK8Q2W7N: Stopped, stopped with rollback: true",
                        "Slack received: [HIGH] orders-api-5xx-high is ALARM",
                        "PagerDuty received: event_action=trigger, dedup_key=arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-high",
                        "\"decision\":\"escalated\"",
                        "Slack received: [HIGH] Escalated: orders-api-5xx-high is still in ALARM",
                        "Slack received: [HIGH] Resolved: orders-api-5xx-high is OK",
                        "PagerDuty received: event_action=resolve, dedup_key=arn:aws:cloudwatch:eu-west-1:111122223333:alarm:orders-api-5xx-high",
                        "scheduler:DeleteSchedule",
                        "=> RESOLVED: the release was stopped and rolled back once",
                        "== Act 5: a budget overrun in dev scales opted-in services to zero and the restore brings them back exactly ==",
                        "runs: BudgetGuardFunction (dev.shepherd.budget.BudgetGuardHandler)",
                        "budgets:DescribeBudget", "\"claim\":\"DUPLICATE\"", "ecs:UpdateService",
                        "application-autoscaling:RegisterScalableTarget",
                        "services now: {preview-web=0, preview-worker=0, orders-api=4, reports=1}",
                        "=> RESTORED: dry run changed nothing, the duplicate did nothing, the real run scaled 2 dev services "
                                + "to zero (prod skipped) and the restore brought back {preview-web=3, preview-worker=2, "
                                + "orders-api=4, reports=1}",
                        "== Act 6: a day's compliance report: one database out of RPO, one Tokyo copy too old, one secret overdue ==",
                        "runs: ComplianceCheckFunction (dev.shepherd.compliance.ComplianceCheckHandler)",
                        "FAIL backup 123456789012/eu-west-1/db:billing-db: newest restorable point is 5 h old",
                        "FAIL backup 123456789012/eu-west-1/db:reports-db: newest copy in ap-northeast-1 is 3 d old",
                        "FAIL rds-backup 123456789012/eu-west-1/billing-db: latest restorable time 2025-11-30T23:00:00Z is 5 h old",
                        "FAIL dr-copy 123456789012/eu-west-1/reports-db: snapshot copy reports-db-weekly-2025-11-28-tokyo",
                        "FAIL secret-rotation 123456789012/eu-west-1/rds/orders-reporting: rotation overdue",
                        "s3:PutObject", "notice: Compliance: 6 failing (daily compliance run)", "\"duplicate\":true",
                        "=> REPORTED: billing-db out of its RPO (rds-backup, dr-copy, backup)")
                .doesNotContain("\"level\":", "could not be played");
        assertThat(shown.indexOf("=> PASSED")).isLessThan(shown.indexOf("=> FAILED"));
        String act4 = shown.substring(shown.indexOf("== Act 4"));
        assertThat(act4.indexOf("\"decision\":\"escalated\"")).isLessThan(act4.indexOf("\"phase\":\"RESOLVE\""));
        // Act 5 writes nothing before the real run: the forecast, the dry run and the duplicate come first.
        String act5 = shown.substring(shown.indexOf("== Act 5"));
        assertThat(act5.indexOf("ecs:UpdateService")).isGreaterThan(act5.indexOf("\"claim\":\"DUPLICATE\""))
                .isGreaterThan(act5.indexOf("dry run: every service planned, nothing changed"));
        // The channels' secrets reach the loopback servers, never the screen or the functions' logs.
        assertThat(shown + err.toString(StandardCharsets.UTF_8)).doesNotContain(AlarmAct.ROUTING_KEY, AlarmAct.SLACK_PATH, "T0DEMO0000");
    }
}

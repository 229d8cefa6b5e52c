package dev.shepherd.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code shepherd demo} plays both releases through the real hook and shows both verdicts and their calls. */
class DemoTest {
    @Test
    void theDemoShowsAHealthyReleasePassingABrokenOneFailingAndARotation() {
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
                        "login with the new AWSCURRENT password: accepted")
                .doesNotContain("\"level\":", "could not be played");
        assertThat(shown.indexOf("=> PASSED")).isLessThan(shown.indexOf("=> FAILED"));
    }
}

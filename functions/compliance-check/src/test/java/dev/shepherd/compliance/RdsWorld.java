package dev.shepherd.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.Deadline;
import dev.shepherd.core.Json;
import dev.shepherd.core.check.Check;
import dev.shepherd.core.check.CheckFailure;
import dev.shepherd.core.check.CheckResult;
import dev.shepherd.sandbox.FakeRds;
import dev.shepherd.sandbox.Sandbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.regions.Region;

/**
 * One account in the sandbox for the RDS checks' tests: eu-west-1 at home, Tokyo the DR Region, a clock fixed at
 * {@link #NOW}, the platform's default targets unless a test sets its own.
 */
final class RdsWorld {
    static final Instant NOW = Instant.parse("2025-12-01T12:00:00Z");
    static final String ACCOUNT = "123456789012";

    final Sandbox sandbox = new Sandbox();
    final Findings findings = new Findings();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    Targets targets = Targets.DEFAULTS;
    Region home = Region.EU_WEST_1;
    Region dr = Region.AP_NORTHEAST_1;

    RdsWorld load(String scenario) {
        sandbox.load(Json.parse(scenario));
        return this;
    }

    RdsWorld targets(String json) {
        List<String> problems = new ArrayList<>();
        targets = Targets.parse(Json.parse(json), problems);
        assertThat(problems).isEmpty();
        return this;
    }

    FakeRds rds() {
        return sandbox.fake(FakeRds.class);
    }

    Scope scope() {
        return new Scope(ACCOUNT, "prod", home, dr, sandbox);
    }

    /** The check's own result; "cannot tell" comes as the CheckFailure the runner turns into one. */
    CheckResult run(Check check) throws InterruptedException {
        try {
            return check.run(Deadline.of(clock, Duration.ofMinutes(1).toMillis(), Duration.ZERO));
        } catch (CheckFailure e) {
            return e.result(check.type(), check.name());
        }
    }

    /** The result for one DB, which must be the only one with its name. */
    CheckResult result(String db) {
        List<CheckResult> found = findings.all().stream().filter(r -> r.name().equals(scope().resource(db))).toList();
        assertThat(found).as("one result for " + db + " in " + findings.all()).hasSize(1);
        return found.getFirst();
    }

    static Instant minutesAgo(long minutes) {
        return NOW.minus(Duration.ofMinutes(minutes));
    }

    /** An instance as DescribeDBInstances returns it, healthy unless {@code more} says otherwise (later keys win). */
    static String instance(String id, String more) {
        ObjectNode healthy = (ObjectNode) Json.parse("""
                {"DBInstanceIdentifier": "%s", "Engine": "postgres", "BackupRetentionPeriod": 30,
                 "LatestRestorableTime": "%s", "AllocatedStorage": 100}""".formatted(id, minutesAgo(5)));
        healthy.setAll((ObjectNode) Json.parse("{" + more + "}"));
        return Json.write(healthy);
    }

    /** Today's automated snapshot of an instance, {@code hours} old. */
    static String automatedSnapshot(String instance, long hours) {
        return """
                {"DBSnapshotIdentifier": "rds:%s-%d", "DBInstanceIdentifier": "%s", "SnapshotCreateTime": "%s"}"""
                .formatted(instance, hours, instance, NOW.minus(Duration.ofHours(hours)));
    }
}

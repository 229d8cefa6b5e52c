package dev.shepherd.compliance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shepherd.core.check.CheckResult;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One run's outcome: a result per resource and check, and a summary per check and scope (how many it judged,
 * "nothing to check", or why it could not look). Failures come first, then what could not be told, then passes.
 *
 * @param runAt the schedule's time, or the clock's for a manual run
 */
record Report(String environment, RunRequest.Cadence cadence, Instant runAt, boolean scheduled,
        List<CheckResult> results, List<CheckResult> checks) {
    enum Overall {
        /** Every resource judged passes, and every check could look. */
        PASS,
        /** At least one resource or check fails. */
        FAIL,
        /** Nothing fails, but some check could not look: the promise is not known to hold. */
        INCOMPLETE
    }

    private static final Comparator<CheckResult> FAILURES_FIRST = Comparator
            .comparingInt((CheckResult r) -> switch (r.status()) {
                case FAIL -> 0;
                case CANNOT_TELL -> 1;
                case PASS -> 2;
            })
            .thenComparing(CheckResult::type).thenComparing(CheckResult::name);

    Report {
        results = results.stream().sorted(FAILURES_FIRST).toList();
        checks = checks.stream().sorted(FAILURES_FIRST).toList();
    }

    Overall overall() {
        if (count(CheckResult.Status.FAIL) > 0) {
            return Overall.FAIL;
        }
        return count(CheckResult.Status.CANNOT_TELL) > 0 ? Overall.INCOMPLETE : Overall.PASS;
    }

    /** Resources that pass; or resources and whole checks that fail or could not look. */
    long count(CheckResult.Status status) {
        return status == CheckResult.Status.PASS ? results.stream().filter(CheckResult::passed).count()
                : problems().stream().filter(r -> r.status() == status).count();
    }

    /** What is wrong: failing and untold resources, then checks that failed or could not look as a whole. */
    List<CheckResult> problems() {
        return Stream.concat(results.stream(), checks.stream()).filter(r -> !r.passed())
                .sorted(FAILURES_FIRST).toList();
    }

    /** Checks that found nothing in their scope: said, so that an empty account is not read as compliant. */
    List<CheckResult> nothingToCheck() {
        return checks.stream().filter(r -> r.passed() && r.reason().startsWith("nothing to check")).toList();
    }

    ObjectNode json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("environment", environment).put("cadence", cadence.wire()).put("runAt", runAt.toString())
                .put("scheduled", scheduled).put("overall", overall().name());
        root.putObject("counts").put("fail", count(CheckResult.Status.FAIL))
                .put("cannotTell", count(CheckResult.Status.CANNOT_TELL)).put("pass", count(CheckResult.Status.PASS));
        add(root.putArray("results"), results);
        add(root.putArray("checks"), checks);
        return root;
    }

    private static void add(ArrayNode array, List<CheckResult> results) {
        results.forEach(r -> array.addObject().put("status", r.status().name()).put("check", r.type())
                .put("resource", r.name()).put("reason", r.reason()));
    }
}

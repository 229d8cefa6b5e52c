package dev.shepherd.hook;

import dev.shepherd.core.check.CheckResult;
import java.util.List;

/**
 * The outcome of one hook invocation. {@link Kind#SKIPPED} means validation does not apply (a finished
 * CodeDeploy deployment, an ECS rollback or service create): CodeDeploy then reports nothing, ECS answers
 * SUCCEEDED.
 */
public record Verdict(Kind kind, String reason, List<CheckResult> results) {
    public enum Kind { PASSED, FAILED, SKIPPED }

    public static Verdict failed(String reason) {
        return new Verdict(Kind.FAILED, reason, List.of());
    }

    public static Verdict skipped(String reason) {
        return new Verdict(Kind.SKIPPED, reason, List.of());
    }

    /** Passed only when every check passed; an empty list passes (the plan asked for no checks). */
    public static Verdict of(List<CheckResult> results) {
        List<CheckResult> failed = results.stream().filter(r -> !r.passed()).toList();
        if (failed.isEmpty()) {
            return new Verdict(Kind.PASSED, results.isEmpty() ? "the plan has no checks for this stage"
                    : "all " + results.size() + " check(s) passed", results);
        }
        return new Verdict(Kind.FAILED, failed.size() + " of " + results.size() + " check(s) failed: "
                + String.join("; ", failed.stream().map(CheckResult::toString).toList()), results);
    }

    public boolean passed() {
        return kind == Kind.PASSED;
    }
}

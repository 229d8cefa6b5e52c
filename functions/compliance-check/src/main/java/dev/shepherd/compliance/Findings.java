package dev.shepherd.compliance;

import dev.shepherd.core.check.CheckResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-resource results of a run, collected as the checks find them (checks run in parallel), so that a check
 * that runs out of time still leaves the resources it judged in the report.
 */
final class Findings {
    private final List<CheckResult> results = new ArrayList<>();

    synchronized void add(CheckResult result) {
        results.add(result);
    }

    synchronized List<CheckResult> all() {
        return List.copyOf(results);
    }
}

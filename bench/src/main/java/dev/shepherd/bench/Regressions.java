package dev.shepherd.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a run with an earlier one (e.g. the committed {@code bench/baseline.json}) using the thresholds the
 * research note proposes: a subject's cold-start ratio to hello up more than 10 %, its loaded classes up more than
 * 5 %, its jar up more than 10 %. Ratios and counts, not milliseconds: they hold on a noisy machine.
 */
final class Regressions {
    static final double RATIO_LIMIT = 1.10;
    static final double CLASSES_LIMIT = 1.05;
    static final double JAR_LIMIT = 1.10;

    private Regressions() {
    }

    /** One line per regression; subjects missing from either run are not compared. */
    static List<String> between(Report baseline, Report current) {
        Map<String, Report.Row> before = baseline.subjects().stream()
                .collect(Collectors.toMap(Report.Row::name, Function.identity()));
        List<String> found = new ArrayList<>();
        for (Report.Row now : current.subjects()) {
            Report.Row then = before.get(now.name());
            if (then == null) {
                continue;
            }
            check(found, now.name(), "cold ratio to hello", then.coldRatio(), now.coldRatio(), RATIO_LIMIT);
            check(found, now.name(), "classes loaded", then.classesTotal(), now.classesTotal(), CLASSES_LIMIT);
            check(found, now.name(), "jar bytes", then.jarBytes(), now.jarBytes(), JAR_LIMIT);
        }
        return found;
    }

    private static void check(List<String> found, String subject, String what, double then, double now, double limit) {
        if (now > then * limit) {
            found.add(String.format("%s: %s %.2f -> %.2f (+%.0f %%, limit +%.0f %%)", subject, what, then, now,
                    (now / then - 1) * 100, (limit - 1) * 100));
        }
    }
}

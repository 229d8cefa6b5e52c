package dev.shepherd.budget;

import java.util.List;

/**
 * What the cost action did for one alert, for the notice: every change and every skip with its reason, or the one
 * reason nothing was tried.
 *
 * @param changed true when at least one service was scaled down for real
 */
record ActionReport(List<String> lines, boolean changed) {
    ActionReport {
        lines = List.copyOf(lines);
    }

    static ActionReport none(String reason) {
        return new ActionReport(List.of("none: " + reason), false);
    }

    static ActionReport of(String header, ScaleToZero.Result result) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(header);
        if (result.outcomes().isEmpty()) {
            lines.add("no service in the policy's clusters");
        }
        result.outcomes().forEach(o -> lines.add(o.line()));
        return new ActionReport(lines, !result.of(ScaleToZero.Kind.SCALED).isEmpty());
    }
}

package dev.shepherd.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an alarm belongs to: its targets (from tags and the SSM mapping, each once, tags first), its tags as far as
 * they are known, and every entry or source that could not be used, so the notice says what was left out and why.
 *
 * @param tags     null when they are unknown (see {@code tagsNote})
 * @param problems malformed tag entries, a refused or unreadable mapping; never guessed around
 */
public record Correlation(List<Target> targets, Map<String, String> tags, String tagsNote, List<String> problems) {
    public Correlation {
        targets = List.copyOf(targets);
        tags = tags == null ? null : Map.copyOf(tags);
        problems = List.copyOf(problems);
    }

    /** Short lines for the notice: where the tags came from, then each problem. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(tagsNote);
        problems.forEach(p -> lines.add("not used: " + p));
        return lines;
    }
}

package dev.shepherd.alarm;

import java.util.List;
import java.util.Objects;

/** What one alarm payload turned out to be. Parsing never throws: every input ends in one of these. */
public sealed interface Parsed {

    /**
     * An alarm state change.
     *
     * @param notes inconsistencies that did not stop the parse (a region display name or account that disagrees
     *              with the alarm ARN, which wins; tags that had to be treated as unknown); never quote the input
     */
    record Change(AlarmChange change, List<String> notes) implements Parsed {
        public Change {
            Objects.requireNonNull(change, "change");
            notes = notes == null ? List.of() : List.copyOf(notes);
        }

        public Change(AlarmChange change) {
            this(change, List.of());
        }
    }

    /** A CloudWatch alarm event that is not a state change (configuration change, contributor state change). */
    record Ignored(String why) implements Parsed {
    }

    /**
     * An unknown or broken shape: the caller sends a generic notice. The reason names the field and the problem,
     * never the input's values (they come from whoever can publish).
     */
    record Unparsed(String reason) implements Parsed {
    }
}

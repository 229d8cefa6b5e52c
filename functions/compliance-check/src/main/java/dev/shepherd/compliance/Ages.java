package dev.shepherd.compliance;

import java.time.Duration;

/** Durations as a report says them: "45 min", "30 h", "4 d" (rounded down; minutes up to two hours, to show boundaries). */
final class Ages {
    private Ages() {
    }

    static String of(Duration age) {
        long minutes = age.toMinutes();
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = age.toHours();
        return hours < 72 ? hours + " h" : age.toDays() + " d";
    }
}

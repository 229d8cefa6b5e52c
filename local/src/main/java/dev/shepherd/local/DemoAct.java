package dev.shepherd.local;

import java.time.Clock;

/** One scene of {@code shepherd demo}: sets up the world, runs real handlers through a {@link Stage}. */
interface DemoAct {
    String title();

    /** The clock the act's functions run on: the system's, unless the act needs to move time. */
    default Clock clock() {
        return Clock.systemUTC();
    }

    void play(Stage stage) throws Exception;

    /** An act fails loudly when what it is about to claim did not happen. */
    static void expect(boolean happened, String expected) {
        if (!happened) {
            throw new IllegalStateException("expected " + expected);
        }
    }
}

package dev.shepherd.local;

/** One scene of {@code shepherd demo}: sets up the world, runs real handlers through a {@link Stage}. */
interface DemoAct {
    String title();

    void play(Stage stage) throws Exception;
}

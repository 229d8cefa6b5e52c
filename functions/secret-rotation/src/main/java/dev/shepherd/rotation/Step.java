package dev.shepherd.rotation;

import java.util.Arrays;

/** The four calls Secrets Manager makes per rotation, spelled as in its events. */
public enum Step {
    CREATE("createSecret"), SET("setSecret"), TEST("testSecret"), FINISH("finishSecret");

    private final String wire;

    Step(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Exact, case-sensitive match: {@code create_secret} or {@code CreateSecret} are not steps Secrets Manager sends. */
    public static Step fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst()
                .orElseThrow(() -> new RotationException("Invalid step parameter '" + value + "', expected one of "
                        + Arrays.stream(values()).map(Step::wire).toList()));
    }
}

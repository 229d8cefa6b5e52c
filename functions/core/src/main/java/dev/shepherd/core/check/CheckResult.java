package dev.shepherd.core.check;

import java.util.Objects;

/**
 * One check's outcome with the reason a person reading the log needs; reasons never carry secret values.
 * {@link Status#CANNOT_TELL} is a check that could not look (access denied, a Region not enabled, throttled past
 * its retries): never a pass.
 */
public record CheckResult(String type, String name, Status status, String reason) {
    public enum Status {
        PASS("passed"), FAIL("failed"), CANNOT_TELL("cannot tell");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }
    }

    public CheckResult {
        Objects.requireNonNull(status, "status");
    }

    public static CheckResult pass(String type, String name, String reason) {
        return new CheckResult(type, name, Status.PASS, reason);
    }

    public static CheckResult fail(String type, String name, String reason) {
        return new CheckResult(type, name, Status.FAIL, reason);
    }

    public static CheckResult cannotTell(String type, String name, String reason) {
        return new CheckResult(type, name, Status.CANNOT_TELL, reason);
    }

    public boolean passed() {
        return status == Status.PASS;
    }

    @Override
    public String toString() {
        return type + " '" + name + "' " + status.word() + ": " + reason;
    }
}

package dev.shepherd.hook;

/** One check's outcome with the reason a person reading the log needs; reasons never carry secret values. */
public record CheckResult(String type, String name, boolean passed, String reason) {
    public static CheckResult pass(String type, String name, String reason) {
        return new CheckResult(type, name, true, reason);
    }

    public static CheckResult fail(String type, String name, String reason) {
        return new CheckResult(type, name, false, reason);
    }

    @Override
    public String toString() {
        return type + " '" + name + "' " + (passed ? "passed" : "failed") + ": " + reason;
    }
}

package dev.shepherd.core.check;

/**
 * A check cannot pass for a stated reason (missing target group, no test listener...): a failed result, not a bug.
 * {@link #cannotTell} is one that could not look at all (access denied, a Region not enabled): never a pass either,
 * but not a finding about the resource.
 */
public final class CheckFailure extends Exception {
    private final boolean cannotTell;

    public CheckFailure(String reason) {
        this(reason, false);
    }

    private CheckFailure(String reason, boolean cannotTell) {
        super(reason, null, false, false);
        this.cannotTell = cannotTell;
    }

    public static CheckFailure cannotTell(String reason) {
        return new CheckFailure(reason, true);
    }

    /** The result this failure makes for a check of {@code type} named {@code name}. */
    public CheckResult result(String type, String name) {
        return cannotTell ? CheckResult.cannotTell(type, name, getMessage()) : CheckResult.fail(type, name, getMessage());
    }
}

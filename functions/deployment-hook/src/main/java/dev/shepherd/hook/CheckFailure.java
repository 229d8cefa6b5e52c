package dev.shepherd.hook;

/** A check cannot pass for a stated reason (missing target group, no test listener...): a failed result, not a bug. */
public final class CheckFailure extends Exception {
    public CheckFailure(String reason) {
        super(reason, null, false, false);
    }
}

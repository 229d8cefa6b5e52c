package dev.shepherd.hook;

/** A lookup done at most once even when parallel checks ask at the same time; a failure is remembered too. */
final class Memo<T> {
    interface Lookup<T> {
        T get() throws CheckFailure;
    }

    private final Lookup<T> lookup;
    private T value;
    private CheckFailure failure;
    private boolean done;

    Memo(Lookup<T> lookup) {
        this.lookup = lookup;
    }

    synchronized T get() throws CheckFailure {
        if (!done) {
            try {
                value = lookup.get();
            } catch (CheckFailure e) {
                failure = e;
            }
            done = true;
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}

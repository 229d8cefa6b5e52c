package dev.shepherd.core.check;

/** A lookup done at most once even when parallel checks ask at the same time; a failure is remembered too. */
public final class Memo<T> {
    public interface Lookup<T> {
        T get() throws CheckFailure;
    }

    private final Lookup<T> lookup;
    private T value;
    private CheckFailure failure;
    private boolean done;

    public Memo(Lookup<T> lookup) {
        this.lookup = lookup;
    }

    public synchronized T get() throws CheckFailure {
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

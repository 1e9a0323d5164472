package com.example.reload;

/**
 * Runs of client method bodies during the current call on this thread. The agent retries a call on the
 * caller's thread, so a per-thread count is the call's attempts even while other threads call too.
 */
public final class Runs {
    private static final ThreadLocal<int[]> CURRENT = ThreadLocal.withInitial(() -> new int[1]);

    private Runs() {
    }

    /** Starts counting a new call on this thread. */
    public static void reset() {
        CURRENT.get()[0] = 0;
    }

    /** The runs of the current call so far. */
    public static int get() {
        return CURRENT.get()[0];
    }

    static int bump() {
        return ++CURRENT.get()[0];
    }
}

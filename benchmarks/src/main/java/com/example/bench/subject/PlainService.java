package com.example.bench.subject;

import java.net.ConnectException;

/**
 * The direct baseline: the same body as {@link Service}, in a class that no config names, so it is never
 * instrumented. resilience4j and Failsafe decorate calls to this class.
 */
public final class PlainService {
    private final Reply reply = new Reply(42);
    /** Set by a single-threaded benchmark before a call whose first attempt must fail. */
    private boolean failNext;

    /** Makes the next run of the body throw {@link Failures#CONNECT} once. */
    public void failNextCall() {
        failNext = true;
    }

    /** The tiny work: a field read, a branch on the argument, a field returned (about 1 ns). */
    public Reply work(int arg) throws ConnectException {
        if (failNext) {
            failNext = false;
            throw Failures.CONNECT;
        }
        return arg >= 0 ? reply : null;
    }
}

package com.example.bench.subject;

import java.net.ConnectException;

/**
 * Instrumented by the agent: mapped to the service {@code bench_open} (failureThreshold 1), whose
 * breaker the open-breaker benchmark trips once in its set-up. The body is that of {@link PlainService}.
 */
public final class OpenService {
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

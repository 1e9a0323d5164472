package com.example.bench.subject;

import java.net.ConnectException;

/**
 * Diagnostic only ({@code HotPathPartsBenchmark.agentIntReturn}): the body of {@link Service} returning
 * an {@code int}, mapped to the service {@code bench}. The agent gives methods with a primitive result
 * advice that never looks for an HTTP status, so the difference to {@link Service} is the status check.
 */
public final class IntService {
    private final int reply = 42;
    private boolean failNext;

    public void failNextCall() {
        failNext = true;
    }

    public int work(int arg) throws ConnectException {
        if (failNext) {
            failNext = false;
            throw Failures.CONNECT;
        }
        return arg >= 0 ? reply : -1;
    }
}

package com.example.sample;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts runs and fails a set number of times; not covered by any pattern in the tests that use it. */
public final class Failures {
    public static final AtomicInteger RUNS = new AtomicInteger();
    public static volatile int failuresLeft;

    private Failures() {
    }

    public static void maybeFail() throws ConnectException {
        RUNS.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ConnectException("refused");
        }
    }
}

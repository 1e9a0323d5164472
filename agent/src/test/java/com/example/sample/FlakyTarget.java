package com.example.sample;

import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A class whose methods fail a set number of times before succeeding. Tests transform it and load
 * the result in a fresh class loader, so the counters are per loaded copy.
 */
public class FlakyTarget implements Fetcher {
    public static final AtomicInteger RUNS = new AtomicInteger();
    public static volatile int failuresLeft;

    @Override
    public String fetch(String key) throws Exception {
        RUNS.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ConnectException("refused");
        }
        return "value-" + key;
    }

    public int count(int base) throws ConnectException {
        RUNS.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ConnectException("refused");
        }
        return base + 1;
    }

    public void fire() throws ConnectException {
        RUNS.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ConnectException("refused");
        }
    }

    public static String staticFetch() throws ConnectException {
        RUNS.incrementAndGet();
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new ConnectException("refused");
        }
        return "static";
    }

    public Status status() {
        RUNS.incrementAndGet();
        return new Status(failuresLeft-- > 0 ? 503 : 200);
    }

    public String notCovered() {
        RUNS.incrementAndGet();
        return "plain";
    }

    /** A result with a status, as HTTP client wrappers return. */
    public record Status(int statusCode) {
    }
}

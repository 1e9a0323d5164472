package com.example.app;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many times protected method bodies ran during the current step: each protected method bumps
 * {@link #BODY} first thing, so a retried call shows 3 and a call rejected by an open breaker shows 0.
 */
public final class Attempts {
    /** Runs of the innermost protected bodies (the ones that make the HTTP request). */
    public static final AtomicInteger BODY = new AtomicInteger();
    /** Runs of {@link Outer#call}, the outer method of the nested scenario. */
    public static final AtomicInteger OUTER = new AtomicInteger();

    private Attempts() {
    }

    static void reset() {
        BODY.set(0);
        OUTER.set(0);
    }
}

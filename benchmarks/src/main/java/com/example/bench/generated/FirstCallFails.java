package com.example.bench.generated;

import java.net.ConnectException;
import java.util.HashSet;
import java.util.Set;

/**
 * Called first by every generated method a config may name: once armed (verify mode only), the first
 * call of each such method fails with a {@link ConnectException}, a failure the agent retries by
 * default. So a method survives its first call only when the agent wove it. Part of the generated
 * application's jar, not of the harness.
 */
public final class FirstCallFails {
    private static final Set<String> CALLED = new HashSet<>();
    private static volatile boolean armed;

    private FirstCallFails() {
    }

    static void arm() {
        armed = true;
    }

    /** Throws on the first call with {@code key} after {@link #arm()}, returns on every other. */
    public static void check(String key) throws ConnectException {
        if (!armed) {
            return;
        }
        boolean first;
        synchronized (CALLED) {
            first = CALLED.add(key);
        }
        if (first) {
            throw new ConnectException("first call of " + key + " fails");
        }
    }
}

package com.example.async.pinning;

/**
 * The control: a class whose static initializer sleeps. A virtual thread that blocks inside a class
 * initializer stays pinned to its carrier on every JDK, Java 25 included (JEP 491 freed only
 * {@code synchronized}), so a recording that sees pinning at all must show this one.
 */
final class SlowInit {
    static final long SLEPT_MS = 30;

    static {
        try {
            Thread.sleep(SLEPT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SlowInit() {
    }

    static long slept() {
        return SLEPT_MS;
    }
}

package io.resilienceagent.it.reload;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polled conditions with deadlines, instead of sleeps: wait until something holds (and say how long it
 * took), or check that something keeps holding for a whole window (for what must not happen, such as
 * a reload while watching is off). Failures carry the child's output.
 */
final class Poll {
    private static final long STEP_MILLIS = 20;

    private Poll() {
    }

    /**
     * Waits until {@code condition} holds, for at most {@code timeout}; returns the time from
     * {@code sinceNanos} (a {@link System#nanoTime()} reading) to when it was first seen to hold.
     */
    static Duration until(String what, Duration timeout, long sinceNanos, BooleanSupplier condition, Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                fail("timed out after " + timeout.toMillis() + " ms waiting for " + what + "\n" + context.get());
            }
            pause();
        }
        return Duration.ofNanos(System.nanoTime() - sinceNanos);
    }

    /** Fails as soon as {@code condition} does not hold, checking it for the whole {@code window}. */
    static void holdsFor(String what, Duration window, BooleanSupplier condition, Supplier<String> context) {
        long end = System.nanoTime() + window.toNanos();
        do {
            if (!condition.getAsBoolean()) {
                fail("no longer true: " + what + "\n" + context.get());
            }
            pause();
        } while (System.nanoTime() < end);
    }

    private static void pause() {
        try {
            Thread.sleep(STEP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

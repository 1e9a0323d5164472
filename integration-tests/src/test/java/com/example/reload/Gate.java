package com.example.reload;

import java.util.concurrent.CountDownLatch;

/**
 * Holds {@code gated} bodies until the test releases them, so a call can be kept running while the config
 * is reloaded. A body that reaches the closed gate prints {@code WAITING run=N} and blocks.
 */
final class Gate {
    private static volatile CountDownLatch latch = new CountDownLatch(0);

    private Gate() {
    }

    /** Closes the gate: gated bodies wait from now on. */
    static void hold() {
        latch = new CountDownLatch(1);
    }

    /** Opens the gate: waiting bodies go on, later ones pass at once. */
    static void release() {
        latch.countDown();
    }

    static void pass(int run) throws InterruptedException {
        CountDownLatch current = latch;
        if (current.getCount() > 0) {
            System.out.println("WAITING run=" + run);
            System.out.flush();
            current.await();
        }
    }
}

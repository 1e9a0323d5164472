package io.resilienceagent.policy;

import java.util.concurrent.TimeUnit;

/** Waits between attempts; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps with {@link Thread#sleep}, so an interrupt ends the wait at once. */
    Sleeper SYSTEM = nanos -> {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    };

    void sleep(long nanos) throws InterruptedException;
}

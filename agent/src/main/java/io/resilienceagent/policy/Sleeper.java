package io.resilienceagent.policy;

import java.util.concurrent.TimeUnit;

/** Waits between attempts; tests inject one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps with {@link Thread#sleep}, so an interrupt ends the wait at once, even a wait of zero. */
    Sleeper SYSTEM = new ThreadSleeper();

    void sleep(long nanos) throws InterruptedException;

    /** A class rather than a lambda: a lambda costs a generated class at start-up, before {@code main}. */
    final class ThreadSleeper implements Sleeper {
        private ThreadSleeper() {
        }

        @Override
        public void sleep(long nanos) throws InterruptedException {
            if (nanos > 0) {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } else if (Thread.currentThread().isInterrupted()) {
                // as Thread.sleep would: a zero wait (minWait: 0, Retry-After: 0) must not run the retry anyway
                throw new InterruptedException();
            }
        }
    }
}

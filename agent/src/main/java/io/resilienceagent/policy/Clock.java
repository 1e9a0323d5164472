package io.resilienceagent.policy;

/** Time as the engine sees it; tests inject a manual clock to step through recovery timeouts. */
public interface Clock {
    /** The system clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };

    /** Monotonic time, for durations. */
    long nanoTime();

    /** Wall-clock time, for {@code Retry-After} dates and reported timestamps. */
    long currentTimeMillis();
}

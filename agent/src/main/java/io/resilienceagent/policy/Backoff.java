package io.resilienceagent.policy;

import io.resilienceagent.config.Jitter;
import io.resilienceagent.config.RetrySettings;

/**
 * The wait after a failed attempt: {@code clamp(multiplier * 2^(n-1) s, minWait, maxWait)} for the
 * n-th failure (tenacity's {@code wait_exponential}), then randomised by the configured
 * {@link Jitter}.
 */
public final class Backoff {
    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final long minWaitNanos;
    private final long maxWaitNanos;
    private final double multiplier;
    private final Jitter jitter;
    private final RandomSource random;

    public Backoff(RetrySettings settings, RandomSource random) {
        this.minWaitNanos = settings.minWait().toNanos();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.multiplier = settings.multiplier();
        this.jitter = settings.jitter();
        this.random = random;
    }

    /** The un-jittered wait after the {@code failedAttempts}-th failure (1-based). */
    public long exponentialNanos(int failedAttempts) {
        double seconds = multiplier * Math.pow(2, Math.max(0, failedAttempts - 1));
        double nanos = seconds * NANOS_PER_SECOND;
        long wait = nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
        return Math.min(maxWaitNanos, Math.max(minWaitNanos, wait));
    }

    /**
     * The wait after the {@code failedAttempts}-th failure.
     *
     * @param previousWaitNanos the wait before this attempt, or 0 after the first; only
     *     {@link Jitter#DECORRELATED} uses it
     */
    public long waitNanos(int failedAttempts, long previousWaitNanos) {
        long wait = exponentialNanos(failedAttempts);
        return switch (jitter) {
            case NONE -> wait;
            case FULL -> (long) (random.nextDouble() * wait);
            case EQUAL -> wait / 2 + (long) (random.nextDouble() * (wait - wait / 2));
            case DECORRELATED -> decorrelated(previousWaitNanos > 0 ? previousWaitNanos : wait);
        };
    }

    /** AWS "decorrelated jitter": {@code min(maxWait, random(minWait, previous * 3))}. */
    private long decorrelated(long previous) {
        long upper = previous > Long.MAX_VALUE / 3 ? Long.MAX_VALUE : previous * 3;
        upper = Math.max(upper, minWaitNanos);
        long wait = minWaitNanos + (long) (random.nextDouble() * (upper - minWaitNanos));
        return Math.min(maxWaitNanos, wait);
    }

    /** Caps a server-requested wait ({@code Retry-After}) at {@code maxWait}. */
    public long capNanos(long requestedNanos) {
        return Math.max(0, Math.min(maxWaitNanos, requestedNanos));
    }
}

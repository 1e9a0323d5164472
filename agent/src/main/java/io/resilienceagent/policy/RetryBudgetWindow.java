package io.resilienceagent.policy;

import java.util.function.LongSupplier;

/**
 * A service's retry budget: over a sliding window, a retry is allowed while
 * {@code retries <= ratio * first attempts + minPerSecond * window seconds}. The window is
 * {@value #BUCKETS} buckets of a tenth of it each.
 *
 * <p>Only retries touch it: first attempts are not counted here (that would cost the success path an
 * atomic instruction per call) but read from the service's own call counts, summed at most a few times
 * per bucket and always afresh before a retry is denied. Retries are counted per bucket. One lock:
 * only calls that want a retry take it, for a few arithmetic steps.
 */
final class RetryBudgetWindow {
    static final int BUCKETS = 10;

    private final double ratio;
    private final double floor;
    private final long bucketNanos;
    private final Clock clock;
    private final LongSupplier firstAttempts;

    // guarded by this
    private final long[] bucketOf = new long[BUCKETS];
    private final long[] firstAttemptsAtStart = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];
    private long latestFirstAttempts;
    private long latestReadNanos = Long.MIN_VALUE;

    /**
     * @param ratio retries may add at most this fraction on top of first attempts
     * @param minPerSecond retries always allowed per second of the window
     * @param windowNanos how far back attempts count
     * @param firstAttempts the service's first attempts so far (a running total)
     */
    RetryBudgetWindow(double ratio, double minPerSecond, long windowNanos, Clock clock, LongSupplier firstAttempts) {
        this.ratio = ratio;
        this.floor = minPerSecond * windowNanos / 1e9;
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        this.clock = clock;
        this.firstAttempts = firstAttempts;
        java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
    }

    /** Takes one retry from the budget; false, and nothing taken, when the budget is spent. */
    synchronized boolean tryAcquire() {
        long now = clock.nanoTime();
        long bucket = Math.floorDiv(now, bucketNanos);
        int slot = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (now - latestReadNanos >= bucketNanos / 4 || latestReadNanos == Long.MIN_VALUE) {
            readFirstAttempts(now);
        }
        if (bucketOf[slot] != bucket) {
            bucketOf[slot] = bucket;
            firstAttemptsAtStart[slot] = latestFirstAttempts;
            retries[slot] = 0;
        }
        if (!allows(bucket)) {
            readFirstAttempts(now); // never deny on a stale count
            if (!allows(bucket)) {
                return false;
            }
        }
        retries[slot]++;
        return true;
    }

    private boolean allows(long bucket) {
        long retriesInWindow = 0;
        long windowStart = latestFirstAttempts;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketOf[i] > bucket - BUCKETS && bucketOf[i] <= bucket) {
                retriesInWindow += retries[i];
                windowStart = Math.min(windowStart, firstAttemptsAtStart[i]);
            }
        }
        long firstInWindow = latestFirstAttempts - windowStart;
        return retriesInWindow + 1 <= ratio * firstInWindow + floor;
    }

    private void readFirstAttempts(long now) {
        latestFirstAttempts = firstAttempts.getAsLong();
        latestReadNanos = now;
    }
}

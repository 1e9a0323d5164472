package io.resilienceagent.policy;

import java.util.function.LongSupplier;

/**
 * A service's retry budget: over a sliding window, a retry is allowed while
 * {@code retries <= ratio * first attempts + minPerSecond * window seconds}. The window is
 * {@value #BUCKETS} buckets of a tenth of it each.
 *
 * <p>Only retries touch it: first attempts are not counted here (that would cost the success path an
 * atomic instruction per call) but read from the service's own running total whenever a retry asks,
 * at most a few times per bucket, and again before a retry is denied on a reading older than a
 * millisecond (reading sums every thread's counts under a lock, so a storm of denials does not repeat it). The total at each bucket's
 * start is interpolated between the readings around it, which is exact when first attempts arrive at
 * an even rate between two retries. Retries are counted per bucket. One lock: only calls that want a
 * retry take it, for a few arithmetic steps.
 */
final class RetryBudgetWindow {
    static final int BUCKETS = 10;
    /** Before a denial, the first attempts are read again if the last reading is older than this. */
    static final long REREAD_NANOS = 1_000_000;

    private final double ratio;
    private final double floor;
    private final long bucketNanos;
    private final Clock clock;
    private final LongSupplier firstAttempts;

    // guarded by this
    private final long[] bucketOf = new long[BUCKETS];
    private final long[] firstAttemptsAtStart = new long[BUCKETS];
    private final long[] retries = new long[BUCKETS];
    private long latestBucket;
    private long latestFirstAttempts;
    private long latestReadNanos;

    /**
     * @param ratio retries may add at most this fraction on top of first attempts
     * @param minPerSecond retries always allowed per second of the window
     * @param windowNanos how far back attempts count
     * @param firstAttempts the service's first attempts so far (a running total); those made before the
     *     budget exists do not count
     */
    RetryBudgetWindow(double ratio, double minPerSecond, long windowNanos, Clock clock, LongSupplier firstAttempts) {
        this(ratio, minPerSecond, windowNanos, clock, firstAttempts, null);
    }

    /**
     * The same, holding the retries and first attempts {@code previous} (the service's budget before a
     * reload changed it, on the same running total of first attempts) counted in what is now this
     * window: a changed budget judges what was spent by its new limits instead of starting afresh,
     * which would hand out a new allowance in the middle of an outage.
     */
    RetryBudgetWindow(double ratio, double minPerSecond, long windowNanos, Clock clock, LongSupplier firstAttempts,
            RetryBudgetWindow previous) {
        this.ratio = ratio;
        this.floor = minPerSecond * windowNanos / 1e9;
        this.bucketNanos = Math.max(1, windowNanos / BUCKETS);
        this.clock = clock;
        this.firstAttempts = firstAttempts;
        java.util.Arrays.fill(bucketOf, Long.MIN_VALUE);
        long now = clock.nanoTime();
        latestBucket = Math.floorDiv(now, bucketNanos);
        latestFirstAttempts = firstAttempts.getAsLong();
        latestReadNanos = now;
        int slot = slot(latestBucket);
        bucketOf[slot] = latestBucket;
        firstAttemptsAtStart[slot] = latestFirstAttempts;
        if (previous != null) {
            takeCountsOf(previous);
        }
    }

    /**
     * Adds {@code previous}'s buckets that reach into this window to this one's, each by its start, or
     * into this window's first bucket if it began earlier (a longer bucket may have begun before a
     * shorter window, and still holds what was counted within it).
     */
    private void takeCountsOf(RetryBudgetWindow previous) {
        synchronized (previous) {
            long firstBucket = latestBucket - BUCKETS + 1;
            for (int i = 0; i < BUCKETS; i++) {
                if (previous.bucketOf[i] == Long.MIN_VALUE) {
                    continue;
                }
                long start = previous.bucketOf[i] * previous.bucketNanos;
                long end = start + previous.bucketNanos;
                if (end <= firstBucket * bucketNanos) {
                    continue;
                }
                long bucket = Math.max(Math.floorDiv(start, bucketNanos), firstBucket);
                if (bucket > latestBucket) {
                    continue;
                }
                int slot = slot(bucket);
                if (bucketOf[slot] != bucket) {
                    bucketOf[slot] = bucket;
                    firstAttemptsAtStart[slot] = previous.firstAttemptsAtStart[i];
                    retries[slot] = 0;
                } else {
                    firstAttemptsAtStart[slot] = Math.min(firstAttemptsAtStart[slot], previous.firstAttemptsAtStart[i]);
                }
                retries[slot] += previous.retries[i];
            }
        }
    }

    /** Takes one retry from the budget; false, and nothing taken, when the budget is spent. */
    synchronized boolean tryAcquire() {
        long now = clock.nanoTime();
        long bucket = Math.floorDiv(now, bucketNanos);
        if (bucket > latestBucket) {
            advanceTo(bucket, now);
        } else if (now - latestReadNanos >= bucketNanos / 4) {
            read(now);
        }
        if (!allows(bucket)) {
            if (now - latestReadNanos < REREAD_NANOS) {
                return false;
            }
            read(now); // never deny on a count older than a millisecond
            if (!allows(bucket)) {
                return false;
            }
        }
        retries[slot(bucket)]++;
        return true;
    }

    /** Starts the buckets from the latest one seen up to {@code bucket}, their first totals interpolated. */
    private void advanceTo(long bucket, long now) {
        long previousCount = latestFirstAttempts;
        long previousNanos = latestReadNanos;
        read(now);
        double perNano = now > previousNanos ? (double) (latestFirstAttempts - previousCount) / (now - previousNanos) : 0;
        for (long b = Math.max(latestBucket + 1, bucket - BUCKETS + 1); b <= bucket; b++) {
            int slot = slot(b);
            long start = Math.max(previousNanos, b * bucketNanos);
            bucketOf[slot] = b;
            firstAttemptsAtStart[slot] = previousCount + (long) ((start - previousNanos) * perNano);
            retries[slot] = 0;
        }
        latestBucket = bucket;
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

    private void read(long now) {
        latestFirstAttempts = firstAttempts.getAsLong();
        latestReadNanos = now;
    }

    private static int slot(long bucket) {
        return (int) Math.floorMod(bucket, (long) BUCKETS);
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.config.RetrySettings;

/**
 * The retry rules of one service: how many attempts, what counts as a transient failure, and how long
 * to wait before the next attempt. Stateless and thread-safe; per-call state lives in the
 * {@link Attempt} tokens.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Backoff backoff;
    private final FailureClassifier classifier;
    private final long attemptTimeoutNanos;

    public RetryPolicy(RetrySettings settings, RandomSource random) {
        this.maxAttempts = settings.maxAttempts();
        this.backoff = new Backoff(settings, random);
        this.classifier = new FailureClassifier(settings);
        this.attemptTimeoutNanos = settings.attemptTimeout().isPresent() ? settings.attemptTimeout().get().toNanos() : -1;
    }

    /** How long an attempt of an async method may take before it counts as timed out; -1 for no limit. */
    long attemptTimeoutNanos() {
        return attemptTimeoutNanos;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public FailureClassifier classifier() {
        return classifier;
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} failures: a {@code Retry-After}
     * from a 429 or 503 response wins, capped at {@code maxWait}; otherwise the backoff curve.
     */
    public long waitNanos(int failedAttempts, long previousWaitNanos, Object returned, Throwable thrown, long nowMillis) {
        long requested = RetryAfter.requestedWaitNanos(classifier.statusReader(), returned, thrown, nowMillis);
        if (requested != RetryAfter.NONE) {
            return backoff.capNanos(requested);
        }
        return backoff.waitNanos(failedAttempts, previousWaitNanos);
    }
}

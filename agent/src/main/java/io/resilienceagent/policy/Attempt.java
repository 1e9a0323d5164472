package io.resilienceagent.policy;

/**
 * The admission token of a retry: the breaker permit of the attempt plus what the next decision needs.
 * Created only when a call is retried; a first attempt's token is the bare breaker permit, so the
 * success path allocates nothing.
 */
final class Attempt {
    final Object permit;
    final int failedAttempts;
    final long previousWaitNanos;

    Attempt(Object permit, int failedAttempts, long previousWaitNanos) {
        this.permit = permit;
        this.failedAttempts = failedAttempts;
        this.previousWaitNanos = previousWaitNanos;
    }
}

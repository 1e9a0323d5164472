package io.resilienceagent.policy;

/**
 * One change of a breaker's state, reported to a {@link BreakerListener} exactly once.
 *
 * @param service the service whose breaker changed
 * @param from the state before
 * @param to the state after
 * @param cause why: {@link Cause#FAILURES} carries the consecutive failure count
 * @param failures the consecutive failure count when the breaker opened, else 0
 */
public record BreakerTransition(String service, BreakerState from, BreakerState to, Cause cause, int failures) {
    /** What made the breaker change state. */
    public enum Cause { FAILURES, TRIAL_FAILED, RECOVERY_TIMEOUT, TRIALS_SUCCEEDED, RESET, FORCED_OPEN }
}

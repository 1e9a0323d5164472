package io.resilienceagent.policy;

/**
 * The HALF_OPEN state of a {@link CircuitBreaker}: admits at most {@code maxCalls} trial calls at once,
 * and never more than could still be needed to reach the success threshold, so a burst of callers
 * cannot slip extra trials past a recovering service. Guarded by its own monitor: HALF_OPEN is rare and
 * short, and never the hot path.
 */
final class HalfOpenTrials extends CircuitBreaker.State {
    private final int maxCalls;
    private final int successThreshold;
    private int inFlight;
    private int successes;
    /** Set when the breaker leaves (or is about to leave) this period: it admits no more trials. */
    private boolean ended;

    HalfOpenTrials(int maxCalls, int successThreshold, int failures) {
        super(BreakerState.HALF_OPEN, 0, failures);
        this.maxCalls = maxCalls;
        this.successThreshold = successThreshold;
    }

    synchronized boolean tryAdmit() {
        if (ended || inFlight >= maxCalls || successes + inFlight >= successThreshold) {
            return false;
        }
        inFlight++;
        return true;
    }

    synchronized void end() {
        ended = true;
    }

    synchronized void release() {
        inFlight = Math.max(0, inFlight - 1);
    }

    /** Records a trial success; true when the threshold is reached. */
    synchronized boolean succeeded() {
        successes++;
        if (successes >= successThreshold) {
            return true;
        }
        inFlight = Math.max(0, inFlight - 1);
        return false;
    }

    synchronized int successes() {
        return successes;
    }
}

package io.resilienceagent.policy;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One CLOSED period of a {@link CircuitBreaker}, from the transition into CLOSED to the next one out,
 * and the permit of every attempt it admits. It counts its own consecutive failures, so an attempt
 * admitted in an earlier CLOSED period (a slow call that outlived an OPEN and a HALF_OPEN period)
 * cannot count towards opening this one. A success reads one volatile field and writes nothing while
 * there is no failure to clear: the hot path.
 */
final class ClosedPeriod extends CircuitBreaker.State {
    private static final AtomicIntegerFieldUpdater<ClosedPeriod> FAILURES =
            AtomicIntegerFieldUpdater.newUpdater(ClosedPeriod.class, "failures");

    private volatile int failures;

    ClosedPeriod() {
        super(BreakerState.CLOSED, 0, 0);
    }

    /** Records a success: the consecutive failures start again from zero. */
    void succeeded() {
        if (failures != 0) {
            failures = 0;
        }
    }

    /** Records a transient failure; the consecutive failures now. */
    int failed() {
        return FAILURES.incrementAndGet(this);
    }

    int failures() {
        return failures;
    }

    /** Clears the count (an operator's reset of a breaker that is CLOSED already). */
    void clear() {
        failures = 0;
    }
}

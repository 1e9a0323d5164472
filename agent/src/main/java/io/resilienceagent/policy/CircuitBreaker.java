package io.resilienceagent.policy;

import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.policy.BreakerTransition.Cause;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One service's circuit breaker:
 * {@code CLOSED --[failureThreshold consecutive failures]--> OPEN --[recoveryTimeout]--> HALF_OPEN
 * --[successThreshold successes]--> CLOSED}, and any trial failure in HALF_OPEN back to OPEN.
 *
 * <p>The current state is an immutable-identity object behind an {@link AtomicReference}; every
 * transition is a compare-and-set, so it happens, and is reported, exactly once however many threads
 * race for it. A call is admitted with {@link #tryAcquire()}, which hands out a permit, and reports its
 * outcome with that permit; an outcome whose permit belongs to a state the breaker has since left is
 * ignored. The CLOSED success path reads two volatile fields and writes nothing.
 */
public final class CircuitBreaker {
    private final String service;
    private final int failureThreshold;
    private final long recoveryNanos;
    private final int successThreshold;
    private final int halfOpenMaxCalls;
    private final Clock clock;
    private final BreakerListener listener;

    private final Closed closed = new Closed();
    private final AtomicReference<State> state = new AtomicReference<>(closed);
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private volatile long lastStateChangeMillis;

    public CircuitBreaker(String service, BreakerSettings settings, Clock clock, BreakerListener listener) {
        this.service = service;
        this.failureThreshold = settings.failureThreshold();
        this.recoveryNanos = settings.recoveryTimeout().toNanos();
        this.successThreshold = settings.successThreshold();
        this.halfOpenMaxCalls = settings.halfOpenMaxCalls();
        this.clock = clock;
        this.listener = listener;
        this.lastStateChangeMillis = clock.currentTimeMillis();
    }

    /**
     * Asks to run one attempt.
     *
     * @return a permit to report the outcome with, or {@code null} when the call is rejected
     */
    public Object tryAcquire() {
        State current = state.get();
        if (current == closed) {
            return closed;
        }
        current = advanceIfRecovered(current);
        if (current instanceof HalfOpen halfOpen && halfOpen.tryAdmit()) {
            return halfOpen;
        }
        return current == closed ? closed : null;
    }

    /** The permit of every attempt admitted by the CLOSED breaker; the same object always. */
    Object closedPermit() {
        return closed;
    }

    /** Reports a successful attempt. */
    public void onSuccess(Object permit) {
        if (permit == closed) {
            if (consecutiveFailures.get() != 0) {
                consecutiveFailures.set(0);
            }
        } else if (permit instanceof HalfOpen halfOpen && halfOpen.succeeded()) {
            if (state.compareAndSet(halfOpen, closed)) {
                consecutiveFailures.set(0);
                changed(BreakerState.HALF_OPEN, BreakerState.CLOSED, Cause.TRIALS_SUCCEEDED, 0);
            }
        }
    }

    /** Reports a transient failure. */
    public void onFailure(Object permit) {
        if (permit == closed) {
            int failures = consecutiveFailures.incrementAndGet();
            if (failures >= failureThreshold && state.get() == closed
                    && state.compareAndSet(closed, new Open(clock.nanoTime()))) {
                changed(BreakerState.CLOSED, BreakerState.OPEN, Cause.FAILURES, failures);
            }
        } else if (permit instanceof HalfOpen halfOpen) {
            halfOpen.release();
            if (state.compareAndSet(halfOpen, new Open(clock.nanoTime()))) {
                changed(BreakerState.HALF_OPEN, BreakerState.OPEN, Cause.TRIAL_FAILED, consecutiveFailures.get());
            }
        }
    }

    /** Reports an attempt that was neither success nor failure (a non-transient exception). */
    public void onIgnored(Object permit) {
        if (permit instanceof HalfOpen halfOpen) {
            halfOpen.release();
        }
    }

    /** How long until the breaker would admit an attempt: 0 unless it is OPEN. */
    public long nanosUntilAdmission() {
        State current = state.get();
        if (current instanceof Open open) {
            return Math.max(0, open.openedAtNanos + recoveryNanos - clock.nanoTime());
        }
        return 0;
    }

    /** The state now; an OPEN breaker whose recovery timeout has passed becomes HALF_OPEN here. */
    public BreakerState state() {
        return advanceIfRecovered(state.get()).kind();
    }

    /** The state as last set, without applying the recovery timeout: a read that changes nothing. */
    public BreakerState peekState() {
        return state.get().kind();
    }

    /** Closes the breaker and clears its counts (an operator's action). */
    public void reset() {
        State previous = state.getAndSet(closed);
        consecutiveFailures.set(0);
        if (previous != closed) {
            changed(previous.kind(), BreakerState.CLOSED, Cause.RESET, 0);
        }
    }

    /**
     * Opens the breaker now; it recovers after {@code recoveryTimeout} as usual (an operator's action).
     * An OPEN breaker stays as it is, with its recovery time unchanged.
     */
    public void forceOpen() {
        State previous;
        do {
            previous = state.get();
            if (previous instanceof Open) {
                return;
            }
        } while (!state.compareAndSet(previous, new Open(clock.nanoTime())));
        changed(previous.kind(), BreakerState.OPEN, Cause.FORCED_OPEN, consecutiveFailures.get());
    }

    public int failureCount() {
        return consecutiveFailures.get();
    }

    public int successCount() {
        return state.get() instanceof HalfOpen halfOpen ? halfOpen.successes() : 0;
    }

    public long lastStateChangeMillis() {
        return lastStateChangeMillis;
    }

    public String service() {
        return service;
    }

    private State advanceIfRecovered(State current) {
        if (current instanceof Open open && clock.nanoTime() - open.openedAtNanos >= recoveryNanos) {
            HalfOpen next = new HalfOpen(halfOpenMaxCalls, successThreshold);
            if (state.compareAndSet(open, next)) {
                changed(BreakerState.OPEN, BreakerState.HALF_OPEN, Cause.RECOVERY_TIMEOUT, 0);
            }
            return state.get();
        }
        return current;
    }

    private void changed(BreakerState from, BreakerState to, Cause cause, int failures) {
        lastStateChangeMillis = clock.currentTimeMillis();
        listener.onTransition(new BreakerTransition(service, from, to, cause, failures));
    }

    /** A state object; its identity tells one OPEN or HALF_OPEN period from the next. */
    private abstract static class State {
        abstract BreakerState kind();
    }

    private static final class Closed extends State {
        @Override
        BreakerState kind() {
            return BreakerState.CLOSED;
        }
    }

    private static final class Open extends State {
        final long openedAtNanos;

        Open(long openedAtNanos) {
            this.openedAtNanos = openedAtNanos;
        }

        @Override
        BreakerState kind() {
            return BreakerState.OPEN;
        }
    }

    /**
     * Admits at most {@code maxCalls} trial calls at once, and never more than could still be needed to
     * reach the success threshold, so a burst of callers cannot slip extra trials past a recovering
     * service. Guarded by its own monitor: HALF_OPEN is rare and short, and never the hot path.
     */
    private static final class HalfOpen extends State {
        private final int maxCalls;
        private final int successThreshold;
        private int inFlight;
        private int successes;

        HalfOpen(int maxCalls, int successThreshold) {
            this.maxCalls = maxCalls;
            this.successThreshold = successThreshold;
        }

        @Override
        BreakerState kind() {
            return BreakerState.HALF_OPEN;
        }

        synchronized boolean tryAdmit() {
            if (inFlight >= maxCalls || successes + inFlight >= successThreshold) {
                return false;
            }
            inFlight++;
            return true;
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
}

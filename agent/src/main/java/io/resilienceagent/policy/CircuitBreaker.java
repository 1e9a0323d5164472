package io.resilienceagent.policy;

import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.policy.BreakerTransition.Cause;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One service's circuit breaker:
 * {@code CLOSED --[failureThreshold consecutive failures]--> OPEN --[recoveryTimeout]--> HALF_OPEN
 * --[successThreshold successes]--> CLOSED}, and any trial failure in HALF_OPEN back to OPEN.
 *
 * <p>The current state is an immutable-identity object behind an {@link AtomicReference}. Every change
 * of state goes through {@link #transitionTo}: a compare-and-set, so it happens, and is reported, exactly
 * once however many threads race for it. A call is admitted with {@link #tryAcquire()}, which hands out a
 * permit, and reports its outcome with that permit: the state object that admitted it, one per
 * period ({@link ClosedPeriod}, {@link HalfOpenTrials}), so an outcome whose permit belongs to a
 * period the breaker has since left does not count in the next one. The CLOSED success path reads two
 * volatile fields and writes nothing. The settings may be replaced while the breaker runs
 * ({@link #reconfigure}); its state and counts stay.
 */
public final class CircuitBreaker {
    private final String service;
    private final Clock clock;
    private final BreakerListener listener;
    private volatile BreakerSettings settings;

    private final AtomicReference<State> state;
    private volatile long lastStateChangeMillis;

    public CircuitBreaker(String service, BreakerSettings settings, Clock clock, BreakerListener listener) {
        this.service = service;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.state = new AtomicReference<>(new ClosedPeriod());
        this.lastStateChangeMillis = clock.currentTimeMillis();
    }

    /** Applies new settings to calls that ask from now on; the state and counts stay. */
    public void reconfigure(BreakerSettings newSettings) {
        this.settings = newSettings;
    }

    /**
     * Asks to run one attempt.
     *
     * @return a permit to report the outcome with, or {@code null} when the call is rejected
     */
    public Object tryAcquire() {
        State current = state.get();
        if (current instanceof ClosedPeriod) {
            return current;
        }
        current = advanceIfRecovered(current);
        if (current instanceof HalfOpenTrials trials && trials.tryAdmit()) {
            return trials;
        }
        return current instanceof ClosedPeriod ? current : null;
    }

    /** Reports a successful attempt. */
    public void onSuccess(Object permit) {
        if (permit instanceof ClosedPeriod period) {
            period.succeeded();
        } else if (permit instanceof HalfOpenTrials trials && trials.succeeded()) {
            transitionTo(trials, new ClosedPeriod(), Cause.TRIALS_SUCCEEDED, 0);
        }
    }

    /** Reports a transient failure. */
    public void onFailure(Object permit) {
        if (permit instanceof ClosedPeriod period) {
            int failures = period.failed();
            if (failures >= settings.failureThreshold() && state.get() == period) {
                transitionTo(period, open(failures), Cause.FAILURES, failures);
            }
        } else if (permit instanceof HalfOpenTrials trials) {
            trials.end(); // before its trial's place is free: no other call may take it now
            trials.release();
            transitionTo(trials, open(trials.failures), Cause.TRIAL_FAILED, trials.failures);
        }
    }

    /** Reports an attempt that was neither success nor failure (a non-transient exception). */
    public void onIgnored(Object permit) {
        if (permit instanceof HalfOpenTrials trials) {
            trials.release();
        }
    }

    /** How long until the breaker would admit an attempt: 0 unless it is OPEN. */
    public long nanosUntilAdmission() {
        State current = state.get();
        if (current.kind == BreakerState.OPEN) {
            return Math.max(0, current.sinceNanos + settings.recoveryTimeout().toNanos() - clock.nanoTime());
        }
        return 0;
    }

    /**
     * The state now, after applying the recovery timeout as a call would: an OPEN breaker whose
     * timeout has passed becomes HALF_OPEN here.
     */
    public BreakerState refreshState() {
        return advanceIfRecovered(state.get()).kind;
    }

    /** The state as last set: a read that changes nothing, even when the recovery timeout has passed. */
    public BreakerState state() {
        return state.get().kind;
    }

    /** Closes the breaker and clears its counts (an operator's action). */
    public void reset() {
        State previous;
        do {
            previous = state.get();
        } while (!(previous instanceof ClosedPeriod) && !transitionTo(previous, new ClosedPeriod(), Cause.RESET, 0));
        if (previous instanceof ClosedPeriod period) {
            period.clear();
        }
    }

    /**
     * Opens the breaker now; it recovers {@code recoveryTimeout} from now (an operator's action). An OPEN
     * breaker starts its OPEN period again: one whose recovery time had passed, with no call since to
     * move it to HALF_OPEN, would otherwise admit a trial call at once.
     */
    public void forceOpen() {
        State previous;
        do {
            previous = state.get();
        } while (!transitionTo(previous, open(failureCount(previous)), Cause.FORCED_OPEN, failureCount(previous)));
    }

    /**
     * The consecutive failures of the current CLOSED period, or, while OPEN or HALF_OPEN, of the last one
     * as they were when the breaker left it.
     */
    public int failureCount() {
        return failureCount(state.get());
    }

    private static int failureCount(State state) {
        return state instanceof ClosedPeriod period ? period.failures() : state.failures;
    }

    public int successCount() {
        return state.get() instanceof HalfOpenTrials trials ? trials.successes() : 0;
    }

    public long lastStateChangeMillis() {
        return lastStateChangeMillis;
    }

    private State advanceIfRecovered(State current) {
        if (current.kind == BreakerState.OPEN
                && clock.nanoTime() - current.sinceNanos >= settings.recoveryTimeout().toNanos()) {
            BreakerSettings now = settings;
            transitionTo(current, new HalfOpenTrials(now.halfOpenMaxCalls(), now.successThreshold(), current.failures),
                    Cause.RECOVERY_TIMEOUT, 0);
            return state.get();
        }
        return current;
    }

    /** An OPEN period, keeping the consecutive failures of the CLOSED period before it. */
    private State open(int failures) {
        return new State(BreakerState.OPEN, clock.nanoTime(), failures);
    }

    /**
     * The one place where the state changes: from {@code from} to {@code to} if the breaker is still in
     * {@code from}, reported once to the listener (an OPEN period started again is not reported).
     *
     * @param failures the consecutive failures to report: for {@link Cause#FAILURES}, the count this
     *     thread's failure reached (other threads' failures at the same moment do not change it)
     * @return whether this call made the change
     */
    private boolean transitionTo(State from, State to, Cause cause, int failures) {
        // ended before the change, which either this call or a racing one makes: a call that read the
        // state just before must not be admitted by the period being left
        if (from instanceof HalfOpenTrials trials) {
            trials.end();
        }
        if (!state.compareAndSet(from, to)) {
            return false;
        }
        if (from.kind != to.kind) { // not an OPEN period started again by force-open: no state change to report
            lastStateChangeMillis = clock.currentTimeMillis();
            listener.onTransition(new BreakerTransition(service, from.kind, to.kind, cause, failures));
        }
        return true;
    }

    /**
     * A state object; its identity tells one OPEN or HALF_OPEN period from the next. {@code sinceNanos}
     * is when an OPEN period began; {@code failures}, for OPEN and HALF_OPEN, the consecutive failures
     * of the CLOSED period before them as they were when the breaker left it (its late outcomes do not
     * move what is reported).
     */
    static class State {
        final BreakerState kind;
        final long sinceNanos;
        final int failures;

        State(BreakerState kind, long sinceNanos, int failures) {
            this.kind = kind;
            this.sinceNanos = sinceNanos;
            this.failures = failures;
        }
    }
}

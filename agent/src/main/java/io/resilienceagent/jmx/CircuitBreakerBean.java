package io.resilienceagent.jmx;

import io.resilienceagent.policy.BreakerState;
import io.resilienceagent.policy.ServiceGuard;

/** Exposes a {@link ServiceGuard}'s breaker and counters; every read is live. */
final class CircuitBreakerBean implements CircuitBreakerMXBean {
    private final ServiceGuard guard;

    CircuitBreakerBean(ServiceGuard guard) {
        this.guard = guard;
    }

    private BreakerState state() {
        return guard.breaker().refreshState();
    }

    @Override
    public String getState() {
        return state().name();
    }

    @Override
    public int getStateCode() {
        return state().code();
    }

    @Override
    public int getFailureCount() {
        return guard.breaker().failureCount();
    }

    @Override
    public int getSuccessCount() {
        return guard.breaker().successCount();
    }

    @Override
    public long getTotalCalls() {
        return guard.stats().totalCalls();
    }

    @Override
    public long getTotalFailures() {
        return guard.stats().totalFailures();
    }

    @Override
    public long getTotalRetries() {
        return guard.stats().totalRetries();
    }

    @Override
    public long getTotalRejected() {
        return guard.stats().totalRejected();
    }

    @Override
    public long getTotalRetriesDenied() {
        return guard.stats().totalRetriesDenied();
    }

    @Override
    public long getLastStateChangeMillis() {
        return guard.breaker().lastStateChangeMillis();
    }

    @Override
    public void reset() {
        guard.breaker().reset();
    }

    @Override
    public void forceOpen() {
        guard.breaker().forceOpen();
    }
}

package io.resilienceagent.policy;

/** The three states of a circuit breaker, with the codes JMX reports ({@code StateCode}). */
public enum BreakerState {
    /** Calls pass; consecutive transient failures are counted. */
    CLOSED(0),
    /** Calls are rejected without running the method, until the recovery timeout has passed. */
    OPEN(1),
    /** A limited number of trial calls decide between CLOSED and OPEN. */
    HALF_OPEN(2);

    private final int code;

    BreakerState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}

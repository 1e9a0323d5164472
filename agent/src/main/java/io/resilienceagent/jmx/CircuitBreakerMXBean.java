package io.resilienceagent.jmx;

/**
 * One service's breaker as operators see it in JConsole, jmxterm or Prometheus:
 * {@code io.resilienceagent:type=CircuitBreaker,name=<service>}.
 */
public interface CircuitBreakerMXBean {
    /**
     * {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. Reading it applies the recovery timeout, as a
     * call would: an OPEN breaker whose timeout has passed reads (and becomes) HALF_OPEN.
     */
    String getState();

    /** 0 CLOSED, 1 OPEN, 2 HALF_OPEN: the state as a number, for monitoring systems that drop strings. */
    int getStateCode();

    /** Consecutive transient failures. */
    int getFailureCount();

    /** Successful trial calls in the current HALF_OPEN period. */
    int getSuccessCount();

    /** Attempts that asked the breaker for admission: first attempts and retries. */
    long getTotalCalls();

    /** Attempts that ended in a transient failure. */
    long getTotalFailures();

    /** Attempts after the first. */
    long getTotalRetries();

    /** Attempts the breaker refused. */
    long getTotalRejected();

    /** Retries the service's retry budget denied (they never asked the breaker). */
    long getTotalRetriesDenied();

    /** Wall-clock milliseconds of the last state change. */
    long getLastStateChangeMillis();

    /** Closes the breaker and clears the consecutive failure count. */
    void reset();

    /** Opens the breaker now; it recovers after its recovery timeout as usual. No effect when already OPEN. */
    void forceOpen();
}

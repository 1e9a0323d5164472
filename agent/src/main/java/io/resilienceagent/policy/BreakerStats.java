package io.resilienceagent.policy;

/**
 * A point-in-time view of one service's breaker and counters, as JMX shows it.
 *
 * @param state the breaker state
 * @param failureCount consecutive transient failures
 * @param successCount successful trial calls in the current HALF_OPEN period
 * @param totalCalls attempts that asked the breaker for admission (first attempts and retries)
 * @param totalFailures attempts that ended in a transient failure
 * @param totalRetries attempts after the first
 * @param totalRejected attempts the breaker refused
 * @param totalRetriesDenied retries the retry budget denied
 * @param lastStateChangeMillis wall-clock time of the last transition (creation time if none)
 */
public record BreakerStats(
        BreakerState state,
        int failureCount,
        int successCount,
        long totalCalls,
        long totalFailures,
        long totalRetries,
        long totalRejected,
        long totalRetriesDenied,
        long lastStateChangeMillis) {
}

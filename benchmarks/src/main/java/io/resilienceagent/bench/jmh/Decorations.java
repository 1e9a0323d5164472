package io.resilienceagent.bench.jmh;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import com.example.bench.subject.Reply;
import java.net.ConnectException;
import java.time.Duration;

/**
 * The competitors, configured as close to the agent's {@code bench.yaml} services as their models allow.
 *
 * <ul>
 *   <li>Retry: 3 attempts in all, zero wait, retrying {@link ConnectException} only (the agent's
 *       built-in transient set contains it).
 *   <li>Breaker: opens after {@value #CLOSED_FAILURE_THRESHOLD} consecutive failures, like the agent's
 *       {@code failureThreshold: 100}. resilience4j has no consecutive-failure breaker; its exact
 *       equivalent is a count-based window of that many calls that opens at a 100 % failure rate.
 *       Failsafe's {@code withFailureThreshold(n)} is consecutive failures. OPEN lasts 1 h. (With
 *       resilience4j's default 50 % rate, the retry benchmark, one failure per success, would open it.)
 *   <li>Order: retry outside, breaker inside, as in the agent: every attempt asks the breaker.
 * </ul>
 * Everything else is the library default, including the stack trace of the rejection exceptions
 * (the agent's has none; {@code resilience4jNoStackTrace} shows resilience4j without it).
 */
final class Decorations {
    static final int CLOSED_FAILURE_THRESHOLD = 100;

    private Decorations() {
    }

    static CircuitBreakerConfig r4jBreakerConfig(boolean writableStackTrace) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(CLOSED_FAILURE_THRESHOLD)
                .minimumNumberOfCalls(CLOSED_FAILURE_THRESHOLD)
                .failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofHours(1))
                .recordExceptions(ConnectException.class)
                .writableStackTraceEnabled(writableStackTrace)
                .build();
    }

    static RetryConfig r4jRetryConfig(int maxAttempts) {
        return RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .waitDuration(Duration.ZERO)
                .retryExceptions(ConnectException.class)
                .build();
    }

    /** resilience4j's {@code Retry(CircuitBreaker(body))}, decorated once, and its breaker. */
    record R4j(io.github.resilience4j.core.functions.CheckedSupplier<Reply> decorated, CircuitBreaker breaker) {
    }

    static R4j r4j(CheckedSupplier<Reply> body, int maxAttempts, boolean writableStackTrace) {
        CircuitBreaker breaker = CircuitBreaker.of("bench", r4jBreakerConfig(writableStackTrace));
        Retry retry = Retry.of("bench", r4jRetryConfig(maxAttempts));
        return new R4j(Retry.decorateCheckedSupplier(retry, CircuitBreaker.decorateCheckedSupplier(breaker, body)), breaker);
    }

    /** Failsafe's {@code with(retryPolicy, circuitBreaker)} (retry outside) and its breaker. */
    record FailsafeSetup(FailsafeExecutor<Reply> executor, dev.failsafe.CircuitBreaker<Reply> breaker) {
    }

    static FailsafeSetup failsafe(int maxAttempts, int failureThreshold) {
        RetryPolicy<Reply> retry = RetryPolicy.<Reply>builder()
                .handle(ConnectException.class)
                .withMaxAttempts(maxAttempts)
                // no withDelay: its default is zero (withDelay(Duration.ZERO) is refused)
                .build();
        dev.failsafe.CircuitBreaker<Reply> breaker = dev.failsafe.CircuitBreaker.<Reply>builder()
                .handle(ConnectException.class)
                .withFailureThreshold(failureThreshold)
                .withDelay(Duration.ofHours(1))
                .build();
        return new FailsafeSetup(Failsafe.with(retry, breaker), breaker);
    }
}

package io.resilienceagent.bench.jmh;

import dev.failsafe.FailsafeExecutor;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import com.example.bench.subject.Reply;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The competitors of the async benchmarks, with the settings of {@link Decorations} (3 attempts, zero wait,
 * {@code ConnectException} retried, a breaker that opens after 100 consecutive failures; retry outside,
 * breaker inside): resilience4j's {@code Retry.decorateCompletionStage} around
 * {@code CircuitBreaker.decorateCompletionStage}, and Failsafe's {@code getStageAsync} with its first
 * attempt run on the calling thread ({@link InlineScheduler}).
 */
final class AsyncDecorations {
    /** resilience4j's scheduler for retries after a wait; the success path never uses it. */
    private static final ScheduledExecutorService R4J_RETRIES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-r4j-retries");
        thread.setDaemon(true);
        return thread;
    });

    private AsyncDecorations() {
    }

    /** One breaker and one retry, to be shared by every thread of a benchmark. */
    record R4jPolicies(CircuitBreaker breaker, Retry retry) {
        static R4jPolicies create() {
            return new R4jPolicies(CircuitBreaker.of("bench-async", Decorations.r4jBreakerConfig(true)),
                    Retry.of("bench-async", Decorations.r4jRetryConfig(3)));
        }

        /** {@code Retry(CircuitBreaker(body))} for stages. */
        Supplier<CompletionStage<Reply>> decorate(Supplier<CompletionStage<Reply>> body) {
            return Retry.decorateCompletionStage(retry, R4J_RETRIES, CircuitBreaker.decorateCompletionStage(breaker, body));
        }
    }

    /** Failsafe's {@code with(retryPolicy, circuitBreaker)}, running attempts that are due now on the calling thread. */
    static FailsafeExecutor<Reply> failsafe() {
        return Decorations.failsafe(3, Decorations.CLOSED_FAILURE_THRESHOLD).executor().with(new InlineScheduler());
    }
}

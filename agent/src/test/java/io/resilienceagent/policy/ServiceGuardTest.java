package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.log.AgentLogCapture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.MalformedURLException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenarios of one protected call: what the caller sees, what the service sees, what is logged. */
class ServiceGuardTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final Timing timing = new Timing(clock, sleeper, () -> 0.5);

    private String log() {
        return agentLog.text();
    }

    private MethodGuard guard(RetrySettings retry, BreakerSettings breaker) {
        ServiceGuard service = new ServiceGuard(Settings.service("claude_api", retry, breaker), timing, new TransitionLog());
        return new MethodGuard("ClaudeClient.complete", service);
    }

    private MethodGuard defaultGuard() {
        return guard(RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS);
    }

    /** A body that throws each given exception once, in order, then returns "ok". */
    private static Callable<String> failing(AtomicInteger calls, Exception... failures) {
        return () -> {
            int n = calls.getAndIncrement();
            if (n < failures.length) {
                throw failures[n];
            }
            return "ok";
        };
    }

    @Test
    void retriesTransientFailuresWithTheBackoffCurveThenReturnsTheResult() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        String result = ProtectedCall.call(defaultGuard(), failing(calls,
                new HttpTimeoutException("request timed out"), new ConnectException("Connection refused")));

        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(log()).contains(
                "WARN  Retrying ClaudeClient.complete after java.net.http.HttpTimeoutException: request timed out (attempt 2/3)",
                "WARN  Retrying ClaudeClient.complete after java.net.ConnectException: Connection refused (attempt 3/3)");
    }

    @Test
    void whenAttemptsRunOutTheCallerGetsTheLastOriginalException() {
        AtomicInteger calls = new AtomicInteger();
        ConnectException last = new ConnectException("third");

        assertThatThrownBy(() -> ProtectedCall.call(defaultGuard(),
                failing(calls, new ConnectException("first"), new ConnectException("second"), last)))
                .isSameAs(last);
        assertThat(calls).hasValue(3);
    }

    @Test
    void nonTransientExceptionsPropagateAtOnceAndCountNeitherWay() {
        MethodGuard guard = defaultGuard();
        AtomicInteger calls = new AtomicInteger();
        MalformedURLException clientError = new MalformedURLException("no protocol");

        assertThatThrownBy(() -> ProtectedCall.call(guard, failing(calls, clientError))).isSameAs(clientError);

        assertThat(calls).hasValue(1);
        assertThat(sleeper.waits).isEmpty();
        BreakerStats stats = guard.service().stats();
        assertThat(stats.failureCount()).isZero();
        assertThat(stats.totalFailures()).isZero();
    }

    @Test
    void aFailingReturnValueIsRetriedAndTheLastOneIsReturned() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<FakeResponse> responses = List.of(new FakeResponse(503), new FakeResponse(502), new FakeResponse(500));

        FakeResponse result = ProtectedCall.call(defaultGuard(), () -> responses.get(calls.getAndIncrement()));

        assertThat(result).isSameAs(responses.get(2));
        assertThat(log()).contains("Retrying ClaudeClient.complete after HTTP 503 (attempt 2/3)");
    }

    @Test
    void aClientErrorStatusIsReturnedWithoutRetry() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        FakeResponse result = ProtectedCall.call(defaultGuard(), () -> {
            calls.incrementAndGet();
            return new FakeResponse(404);
        });

        assertThat(result.statusCode()).isEqualTo(404);
        assertThat(calls).hasValue(1);
    }

    @Test
    void retryAfterOnA429SetsTheWaitCappedAtMaxWait() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<FakeResponse> responses = List.of(new FakeResponse(429, "Retry-After", "3"),
                new FakeResponse(503, "Retry-After", "120"), new FakeResponse(200));

        ProtectedCall.call(defaultGuard(), () -> responses.get(calls.getAndIncrement()));

        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    @Test
    void opensAfterFiveConsecutiveFailuresAndThenFailsFastWithoutRunningTheBody() throws Exception {
        MethodGuard guard = guard(Settings.retry(1, Duration.ZERO, Duration.ZERO), Settings.breaker(5, Duration.ofSeconds(60), 2, 2));
        AtomicInteger calls = new AtomicInteger();
        Callable<String> down = () -> {
            calls.incrementAndGet();
            throw new ConnectException("Connection refused");
        };
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> ProtectedCall.call(guard, down)).isInstanceOf(ConnectException.class);
        }

        assertThatThrownBy(() -> ProtectedCall.call(guard, down))
                .isInstanceOf(CircuitBreakerOpenException.class)
                .hasMessage("Circuit breaker open for claude_api");
        assertThat(calls).hasValue(5);
        assertThat(log()).contains("ERROR Circuit breaker for claude_api: CLOSED -> OPEN (failures: 5)",
                "ERROR Circuit breaker open for claude_api");
        BreakerStats stats = guard.service().stats();
        assertThat(stats.state()).isEqualTo(BreakerState.OPEN);
        assertThat(stats.totalCalls()).isEqualTo(6);
        assertThat(stats.totalFailures()).isEqualTo(5);
        assertThat(stats.totalRejected()).isEqualTo(1);
        assertThat(stats.totalRetries()).isZero();
    }

    @Test
    void recoversThroughHalfOpenTrialCalls() throws Exception {
        MethodGuard guard = guard(Settings.retry(1, Duration.ZERO, Duration.ZERO), Settings.breaker(1, Duration.ofSeconds(30), 2, 1));
        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> {
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);
        clock.advance(Duration.ofSeconds(30));

        assertThat(ProtectedCall.call(guard, () -> "trial 1")).isEqualTo("trial 1");
        assertThat(guard.service().stats().state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(ProtectedCall.call(guard, () -> "trial 2")).isEqualTo("trial 2");

        assertThat(guard.service().stats().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(log()).contains("INFO  Circuit breaker for claude_api: OPEN -> HALF_OPEN",
                "INFO  Circuit breaker for claude_api: HALF_OPEN -> CLOSED");
    }

    @Test
    void aRetryNeverSleepsOnlyToBeRejected() {
        MethodGuard guard = guard(Settings.retry(5, Duration.ofSeconds(1), Duration.ofSeconds(10)),
                Settings.breaker(2, Duration.ofSeconds(60), 2, 2));
        AtomicInteger calls = new AtomicInteger();
        ConnectException second = new ConnectException("second");

        assertThatThrownBy(() -> ProtectedCall.call(guard, failing(calls, new ConnectException("first"), second)))
                .isInstanceOf(CircuitBreakerOpenException.class)
                .hasCause(second);

        assertThat(calls).hasValue(2);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(guard.service().stats().totalRejected()).isEqualTo(1);
    }

    @Test
    void retriesProceedWhenTheBreakerRecoversWithinTheWait() throws Exception {
        MethodGuard guard = guard(Settings.retry(3, Duration.ofSeconds(5), Duration.ofSeconds(5)),
                Settings.breaker(1, Duration.ofSeconds(5), 1, 1));
        AtomicInteger calls = new AtomicInteger();

        String result = ProtectedCall.call(guard, failing(calls, new ConnectException("blip")));

        assertThat(result).isEqualTo("ok");
        assertThat(guard.service().stats().state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anInterruptDuringTheWaitStopsRetryingRethrowsTheLastExceptionAndKeepsTheFlag() {
        AtomicInteger calls = new AtomicInteger();
        ConnectException failure = new ConnectException("down");
        Callable<String> body = () -> {
            calls.incrementAndGet();
            Thread.currentThread().interrupt();
            throw failure;
        };

        MethodGuard guard = defaultGuard();
        try {
            assertThatThrownBy(() -> ProtectedCall.call(guard, body)).isSameAs(failure);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            assertThat(calls).hasValue(1);
            BreakerStats stats = guard.service().stats();
            assertThat(stats.totalRetries()).as("the retry never asked the breaker").isZero();
            assertThat(stats.totalCalls()).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theConfiguredOpenExceptionIsThrownWithItsStringConstructor() throws Exception {
        MethodGuard guard = guard(Settings.retry(1, Duration.ZERO, Duration.ZERO),
                Settings.breakerWithOpenException(ServiceUnavailable.class.getName()));
        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> {
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);

        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> "never"))
                .isExactlyInstanceOf(ServiceUnavailable.class)
                .hasMessage("Circuit breaker open for claude_api");
    }

    @Test
    void anOpenExceptionThatCannotBeBuiltFallsBackToTheDefaultWithOneLogLine() throws Exception {
        MethodGuard guard = guard(Settings.retry(1, Duration.ZERO, Duration.ZERO),
                Settings.breakerWithOpenException("com.example.DoesNotExist"));
        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> {
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);

        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> "never")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> "never")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(log().lines().filter(l -> l.contains("Cannot build openException com.example.DoesNotExist"))).hasSize(1);
    }

    @Test
    void nestedProtectedCallsDoNotMultiplyAttempts() {
        MethodGuard inner = guard(RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS);
        ServiceGuard outerService = new ServiceGuard(Settings.service("outer", RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS),
                timing, new TransitionLog());
        MethodGuard outer = new MethodGuard("Outer.call", outerService);
        AtomicInteger innerCalls = new AtomicInteger();

        assertThatThrownBy(() -> ProtectedCall.call(outer, () -> ProtectedCall.call(inner, () -> {
            innerCalls.incrementAndGet();
            throw new ConnectException("down");
        }))).isInstanceOf(ConnectException.class);

        assertThat(innerCalls).hasValue(3);
        assertThat(outerService.stats().totalFailures()).as("the outer breaker still records the failure").isEqualTo(1);
    }

    @Test
    void logLinesFoldMultiLineMessagesAndCutLongOnes() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        ProtectedCall.call(defaultGuard(), failing(calls, new ConnectException("  refused\n\tby   peer "),
                new ConnectException("x".repeat(500))));

        assertThat(log()).contains("after java.net.ConnectException: refused by peer (attempt 2/3)")
                .contains("after java.net.ConnectException: " + "x".repeat(200) + "... (attempt 3/3)");
    }

    @Test
    void aMessageOfExactlyTheLimitIsNotMarkedAsCut() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        ProtectedCall.call(defaultGuard(), failing(calls, new ConnectException("y".repeat(200))));

        assertThat(log()).contains(": " + "y".repeat(200) + " (attempt 2/3)");
    }

    @Test
    void logLinesNeverContainArgumentsOrReturnValues() throws Exception {
        String secret = "prompt-with-secret-token-123";
        AtomicInteger calls = new AtomicInteger();

        ProtectedCall.call(defaultGuard(), () -> {
            if (calls.getAndIncrement() == 0) {
                throw new ConnectException("refused");
            }
            return secret;
        });

        assertThat(log()).contains("Retrying").doesNotContain(secret);
    }

    @Test
    void countersAddUpExactlyUnderConcurrency() throws Exception {
        MethodGuard guard = guard(Settings.retry(2, Duration.ZERO, Duration.ZERO),
                Settings.breaker(Integer.MAX_VALUE, Duration.ofSeconds(60), 1, 1));
        int threads = 16;
        int callsPerThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger bodyRuns = new AtomicInteger();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        boolean failFirst = i % 2 == 0;
                        AtomicInteger attempt = new AtomicInteger();
                        ProtectedCall.call(guard, () -> {
                            bodyRuns.incrementAndGet();
                            if (failFirst && attempt.getAndIncrement() == 0) {
                                throw new IOException("Connection reset");
                            }
                            return "ok";
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        long calls = (long) threads * callsPerThread;
        BreakerStats stats = guard.service().stats();
        assertThat(stats.totalRetries()).isEqualTo(calls / 2);
        assertThat(stats.totalFailures()).isEqualTo(calls / 2);
        assertThat(stats.totalCalls()).isEqualTo(calls + calls / 2).isEqualTo(bodyRuns.get());
        assertThat(stats.totalRejected()).isZero();
    }

    @Test
    void anOutcomeThatCannotBeClassifiedStillReleasesTheHalfOpenTrialSlot() throws Exception {
        MethodGuard guard = guard(Settings.retry(1, Duration.ZERO, Duration.ZERO), Settings.breaker(1, Duration.ofSeconds(1), 1, 1));
        assertThatThrownBy(() -> ProtectedCall.call(guard, () -> {
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);
        clock.advance(Duration.ofSeconds(1));
        io.resilienceagent.bootstrap.Dispatcher.install(0, guard);
        try {
            Object trial = io.resilienceagent.bootstrap.Dispatcher.enter(0, getClass());
            assertThat(trial).isNotInstanceOf(Throwable.class);

            Object decision = io.resilienceagent.bootstrap.Dispatcher.exit(0, getClass(), trial, null, new UnreadableFailure());

            assertThat(decision).as("the call completes as it is").isNull();
            assertThat(ProtectedCall.call(guard, () -> "next trial")).isEqualTo("next trial");
            assertThat(guard.service().stats().state()).isEqualTo(BreakerState.CLOSED);
        } finally {
            io.resilienceagent.bootstrap.Dispatcher.clear();
        }
    }

    /** An I/O failure whose message cannot be read, so classifying it fails. */
    static final class UnreadableFailure extends IOException {
        @Override
        public String getMessage() {
            throw new IllegalStateException("broken getMessage");
        }
    }

    /** An application's own "service unavailable" exception, configured as {@code openException}. */
    public static final class ServiceUnavailable extends RuntimeException {
        public ServiceUnavailable(String message) {
            super(message);
        }
    }
}

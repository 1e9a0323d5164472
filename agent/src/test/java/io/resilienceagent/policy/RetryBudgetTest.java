package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.config.RetryBudget;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.log.AgentLogCapture;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The retry budget as calls meet it: a denied retry ends the call at once with its last failure, as if
 * the attempts had run out; it counts in TotalRetriesDenied only; nested calls of one service spend the
 * budget once; the log line comes at most once a second; a reload that leaves the budget as it was
 * keeps what was spent.
 */
class RetryBudgetTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final Timing timing = new Timing(clock, sleeper, () -> 0.5);

    /** maxAttempts 3, waits of 100 ms, and a budget of {@code ratio} with no floor over a minute. */
    private static RetrySettings retry(double ratio) {
        return RetrySettings.from(Settings.retry(3, Duration.ofMillis(100), Duration.ofMillis(100)))
                .budget(Optional.of(new RetryBudget(ratio, 0, Duration.ofMinutes(1)))).build();
    }

    private ServiceGuard service(RetrySettings retry) {
        return new ServiceGuard(Settings.service("api", retry, Settings.breaker(1000, Duration.ofSeconds(60), 1, 1)),
                timing, BreakerListener.NONE);
    }

    /** A call a millisecond after the previous one (the budget reads first attempts at most once a millisecond). */
    private String call(MethodGuard method, Callable<String> body) throws Exception {
        clock.advance(Duration.ofMillis(1));
        return ProtectedCall.call(method, body);
    }

    private static Callable<String> failing(AtomicInteger runs) {
        return () -> {
            runs.incrementAndGet();
            throw new ConnectException("down " + runs.get());
        };
    }

    @Test
    void aDeniedRetryEndsTheCallAtOnceWithItsLastFailure() {
        ServiceGuard api = service(retry(0.5));
        MethodGuard get = new MethodGuard("Api.get", api);
        AtomicInteger runs = new AtomicInteger();

        // call 1: 1 first attempt allows 0.5 retries: denied at once
        assertThatThrownBy(() -> call(get, failing(runs))).isInstanceOf(ConnectException.class).hasMessage("down 1");
        assertThat(sleeper.waits).as("no backoff before a denied retry").isEmpty();
        // call 2: 2 first attempts allow 1 retry: one retry, then denied
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 3");
        assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));

        BreakerStats stats = api.stats();
        assertThat(stats.totalRetriesDenied()).isEqualTo(2);
        assertThat(stats.totalRetries()).as("a denied retry is not a retry").isEqualTo(1);
        assertThat(stats.totalCalls()).as("nor does it ask the breaker").isEqualTo(3);
        assertThat(stats.totalFailures()).as("the breaker recorded every failed attempt").isEqualTo(3);
        assertThat(stats.failureCount()).isEqualTo(3);
    }

    @Test
    void anAsyncMethodsFirstAttemptThrowingWithItsRetryDeniedIsThrownToTheCaller() {
        ServiceGuard api = service(retry(0.5));
        AsyncMethodGuard get = new AsyncMethodGuard("Api.get", api, true, "get",
                "()Ljava/util/concurrent/CompletableFuture;", false, CompletableFuture.class.getName());
        ConnectException refused = new ConnectException("refused");
        clock.advance(Duration.ofMillis(1));

        Object admission = get.enter(Object.class);
        Object decision = get.exit(Object.class, admission, null, refused);

        assertThat(decision).as("complete the call as the body did: the throw reaches the caller").isNull();
        assertThat(api.stats().totalRetriesDenied()).isEqualTo(1);
        assertThat(ThreadCalls.current().depth()).isZero();
    }

    @Test
    void nestedCallsOfOneServiceSpendTheBudgetOnce() {
        ServiceGuard api = service(retry(1));
        MethodGuard outer = new MethodGuard("Api.get", api);
        MethodGuard inner = new MethodGuard("ApiImpl.get", api);
        AtomicInteger runs = new AtomicInteger();

        // 1 first attempt allows 1 retry, taken by the outermost call; the inner method asks nothing
        assertThatThrownBy(() -> call(outer, () -> ProtectedCall.call(inner, failing(runs))))
                .hasMessage("down 2");

        assertThat(api.stats().totalRetries()).isEqualTo(1);
        assertThat(api.stats().totalRetriesDenied()).isEqualTo(1);
        assertThat(runs).hasValue(2);
    }

    @Test
    void theLogLineComesAtMostOnceASecond() {
        ServiceGuard api = service(retry(0.1));
        MethodGuard get = new MethodGuard("Api.get", api);
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> call(get, failing(runs))).isInstanceOf(ConnectException.class);
        }
        clock.advance(Duration.ofMillis(1001));
        assertThatThrownBy(() -> call(get, failing(runs))).isInstanceOf(ConnectException.class);

        assertThat(agentLog.text().lines().filter(l -> l.contains("Retry budget")))
                .containsExactly("WARN  Retry budget exhausted for api", "WARN  Retry budget exhausted for api");
        assertThat(api.stats().totalRetriesDenied()).isEqualTo(6);
    }

    @Test
    void aReloadThatKeepsTheBudgetKeepsWhatWasSpentAndOneThatChangesItJudgesThatByItsNewLimits() throws Exception {
        ServiceGuard api = service(retry(1));
        MethodGuard get = new MethodGuard("Api.get", api);
        AtomicInteger runs = new AtomicInteger();
        // 1 first attempt, 1 retry: the budget is spent
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 2");

        api.reconfigure(Settings.service("api", retry(1), Settings.breaker(999, Duration.ofSeconds(60), 1, 1)));
        runs.set(0);
        AtomicInteger succeedsSecond = new AtomicInteger();
        // 2 first attempts allow 2 retries; 1 spent before the reload, so 1 left: this call retries once
        assertThat(call(get, () -> {
            if (succeedsSecond.incrementAndGet() == 1) {
                throw new ConnectException("once");
            }
            return "ok";
        })).isEqualTo("ok");
        assertThat(api.stats().totalRetriesDenied()).as("nothing denied yet").isEqualTo(1);
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 2");
        assertThat(api.stats().totalRetriesDenied()).as("3 first attempts, 3 retries: the next is denied").isEqualTo(2);

        api.reconfigure(Settings.service("api", retry(2), Settings.breaker(999, Duration.ofSeconds(60), 1, 1)));
        runs.set(0);
        // the changed budget keeps the window's counts: 4 first attempts allow 8 retries, 3 spent
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 3");
    }

    @Test
    void tighteningABudgetInAnOutageGivesNoFreshAllowance() throws Exception {
        RetrySettings roomy = RetrySettings.from(retry(0.5)).budget(Optional.of(new RetryBudget(0.5, 0.05, Duration.ofMinutes(1)))).build();
        ServiceGuard api = service(roomy);
        MethodGuard get = new MethodGuard("Api.get", api);
        AtomicInteger runs = new AtomicInteger();
        // 0.5 x first attempts + 3 (0.05 a second over a minute): 2 retries in each of the first two calls
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 3");
        runs.set(0);
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 3");

        RetrySettings tighter = RetrySettings.from(roomy).budget(Optional.of(new RetryBudget(0.5, 0.025, Duration.ofMinutes(1)))).build();
        api.reconfigure(Settings.service("api", tighter, Settings.breaker(1000, Duration.ofSeconds(60), 1, 1)));
        runs.set(0);

        // 3 first attempts allow 0.5 x 3 + 1.5 = 3 retries, and 4 are spent: denied at once
        assertThatThrownBy(() -> call(get, failing(runs))).hasMessage("down 1");
        assertThat(api.stats().totalRetriesDenied()).isEqualTo(1);
    }

    @Test
    void withoutABudgetEveryCallGetsItsMaxAttempts() {
        ServiceGuard api = service(Settings.retry(3, Duration.ofMillis(100), Duration.ofMillis(100)));
        MethodGuard get = new MethodGuard("Api.get", api);
        AtomicInteger runs = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> call(get, failing(runs))).isInstanceOf(ConnectException.class);
        }
        assertThat(runs).hasValue(9);
        assertThat(api.stats().totalRetriesDenied()).isZero();
    }
}

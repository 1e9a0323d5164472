package io.resilienceagent.weaving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.sample.AsyncScript;
import com.example.sample.AsyncTarget;
import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.MethodMapping;
import io.resilienceagent.config.MethodPattern;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.log.AgentLogCapture;
import io.resilienceagent.policy.BreakerListener;
import io.resilienceagent.policy.ServiceRegistry;
import io.resilienceagent.policy.Timing;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Async methods woven and run: the outcome of a call is how its future completes. Retries run on the
 * agent's scheduler; the caller gets a future at once and, when attempts run out, exactly what the last
 * attempt failed with.
 */
class AsyncWeavingTest {
    private static final String TARGET = AsyncTarget.class.getName();

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    private Class<?> type;
    private Object instance;

    @BeforeEach
    void setUp() {
        AsyncScript.reset();
    }

    @AfterEach
    void tearDown() {
        Dispatcher.clear();
    }

    private void weave(int maxAttempts, Duration wait, int failureThreshold) throws Exception {
        weave(RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(maxAttempts).waits(wait, wait).build(), failureThreshold);
    }

    private void weave(RetrySettings retry, int failureThreshold) throws Exception {
        BreakerSettings breaker = new BreakerSettings(failureThreshold, Duration.ofHours(1), 1, 1, Optional.empty());
        List<MethodMapping> mappings = List.of(new MethodMapping(MethodPattern.parse(TARGET + ".*"), "svc"));
        ResilienceConfig config = new ResilienceConfig(Optional.empty(),
                Map.of("svc", new ServiceSettings("svc", retry, breaker)), mappings);
        ServiceRegistry registry = new ServiceRegistry(config, Timing.SYSTEM, BreakerListener.NONE);
        MethodSelector selector = new MethodSelector(mappings);
        byte[] woven = new ClassInstrumenter(registry, selector).instrument(TARGET, ClassHeaderTest.classFile(AsyncTarget.class),
                MethodSelectorTest.covering(selector, AsyncTarget.class), getClass().getClassLoader());
        ClassLoader loader = new WovenClassLoader(Map.of(TARGET, woven), getClass().getClassLoader());
        type = loader.loadClass(TARGET);
        instance = type.getConstructor().newInstance();
    }

    private Object call(String name, Object... args) throws Throwable {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length) {
                try {
                    return method.invoke(instance, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new NoSuchMethodException(name);
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Object future) throws Exception {
        return (T) ((CompletionStage<Object>) future).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFutureThatAlreadySucceededIsHandedBackAsItIs() throws Throwable {
        weave(3, Duration.ZERO, 100);

        Object future = call("fetch", "k");

        assertThat(future).isSameAs(AsyncScript.RETURNED.peek());
        assertThat((String) await(future)).isEqualTo("ok");
        assertThat(AsyncScript.RUNS).hasValue(1);
    }

    @Test
    void failedFuturesAreRetriedWithTheOriginalArguments() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        AsyncScript.SCRIPT.add(new ConnectException("second"));
        AsyncScript.SCRIPT.add("third time lucky");

        Object future = call("fetch", "k");

        assertThat((String) await(future)).isEqualTo("third time lucky");
        assertThat(AsyncScript.RUNS).hasValue(3);
        assertThat(AsyncScript.lastKey).as("the original argument, not the body's reassignment").isEqualTo("k");
        assertThat(log()).contains("WARN  Retrying AsyncTarget.fetch after java.net.ConnectException: first (attempt 2/3)",
                "WARN  Retrying AsyncTarget.fetch after java.net.ConnectException: second (attempt 3/3)");
    }

    @Test
    void whenAttemptsRunOutTheCallerGetsExactlyTheLastFailure() throws Throwable {
        weave(2, Duration.ZERO, 100);
        ConnectException last = new ConnectException("second");
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        AsyncScript.SCRIPT.add(last);

        Object future = call("fetch", "k");

        assertThatThrownBy(() -> await(future)).isInstanceOf(ExecutionException.class).hasCause(last);
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    @Test
    void theCallerDoesNotWaitForTheBackoff() throws Throwable {
        weave(2, Duration.ofSeconds(3), 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));

        Object future = call("fetch", "k");

        assertThat(AsyncScript.RUNS).as("returned before the retry, which comes after the 3 s wait").hasValue(1);
        assertThat(((CompletableFuture<?>) future).isDone()).isFalse();
        assertThat((String) await(future)).isEqualTo("ok");
    }

    @Test
    void aFailureThrownAtOnceIsRetriedAndTheCallerGetsAFuture() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new AsyncScript.Thrown(new ConnectException("thrown at once")));

        Object future = call("fetch", "k");

        assertThat((String) await(future)).isEqualTo("ok");
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    @Test
    void aNonTransientFailureThrownAtOnceIsThrownAsWithoutTheAgent() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new AsyncScript.Thrown(new IllegalStateException("bug")));

        assertThatThrownBy(() -> call("fetch", "k")).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(AsyncScript.RUNS).hasValue(1);
    }

    @Test
    void anOpenBreakerReturnsAFailedFutureWithoutRunningTheBody() throws Throwable {
        weave(1, Duration.ZERO, 1);
        AsyncScript.SCRIPT.add(new ConnectException("down"));
        assertThatThrownBy(() -> await(call("fetch", "k"))).hasCauseInstanceOf(ConnectException.class);

        Object rejected = call("fetch", "k");

        assertThat(AsyncScript.RUNS).as("the body did not run").hasValue(1);
        assertThatThrownBy(() -> await(rejected)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CircuitBreakerOpenException.class);
    }

    @Test
    void theDeclaredTypeIsKept() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        Object custom = call("custom", "k");
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        Object stage = call("stage", "k");

        assertThat(custom).isInstanceOf(AsyncTarget.Custom.class);
        assertThat((String) await(custom)).isEqualTo("ok");
        assertThat((String) await(stage)).isEqualTo("ok");
    }

    @Test
    void aMinimalCompletionStageIsJudgedAndRetriedLikeAnyOtherStage() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        Object failedThenRetried = call("minimal", "k");
        Object succeeded = call("minimal", "k");

        assertThat(((CompletionStage<?>) failedThenRetried).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(((CompletionStage<?>) succeeded).toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo("ok");
        assertThat(AsyncScript.RUNS).hasValue(3);
        assertThat(log()).doesNotContain("internal error");
    }

    @Test
    void primitiveArgumentsOfAStaticMethodSurviveTheRetry() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));

        Object future = type.getMethod("staticSum", int.class, long.class, double.class).invoke(null, 1, 2L, 3.5d);

        assertThat((String) await(future)).isEqualTo("ok");
        assertThat(AsyncScript.lastKey).isEqualTo("1/2/3.5");
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    @Test
    void cancellingTheCallersFutureStopsTheRetriesAndCancelsTheAttemptInFlight() throws Throwable {
        weave(5, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);

        CompletableFuture<?> future = (CompletableFuture<?>) call("fetch", "k");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (AsyncScript.RETURNED.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        future.cancel(true);

        assertCancelledSoon(AsyncScript.RETURNED.peekLast());
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    /**
     * The attempt in flight is cancelled: at once if the agent already follows it, else as soon as its
     * scheduler thread, back from the body, takes it up (the body's future can be returned, and seen here,
     * a moment before that).
     */
    private static void assertCancelledSoon(CompletableFuture<?> inFlight) {
        assertThatThrownBy(() -> inFlight.get(10, TimeUnit.SECONDS)).as("the second attempt, in flight")
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void aCallerThatCompletesItsFutureItselfStopsTheRetriesAndTheAttemptInFlightIsCancelled() throws Throwable {
        weave(5, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(new ConnectException("first"));
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);

        @SuppressWarnings("unchecked")
        CompletableFuture<Object> future = (CompletableFuture<Object>) call("fetch", "k");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (AsyncScript.RETURNED.size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(future.complete("the caller's own fallback")).isTrue();

        assertThat(future.get()).isEqualTo("the caller's own fallback");
        assertCancelledSoon(AsyncScript.RETURNED.peekLast());
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    @Test
    void dependentsOfTheCallersFutureArePlainFutures() throws Throwable {
        weave(3, Duration.ZERO, 100);
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);

        CompletableFuture<?> future = (CompletableFuture<?>) call("fetch", "k");
        CompletableFuture<?> dependent = future.thenApply(value -> value);
        AsyncScript.RETURNED.peekLast().complete(null);

        assertThat(dependent.getClass()).isEqualTo(CompletableFuture.class);
        assertThat(future.copy().getClass()).isEqualTo(CompletableFuture.class);
    }

    @Test
    void anAttemptWhoseFutureOutlastsTheAttemptTimeoutFailsIsCancelledAndIsRetried() throws Throwable {
        weave(RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(3).waits(Duration.ZERO, Duration.ZERO)
                .attemptTimeout(Optional.of(Duration.ofMillis(50))).build(), 100);
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);

        Object future = call("fetch", "k");

        assertThat((String) await(future)).as("the third attempt completes").isEqualTo("ok");
        assertThat(AsyncScript.RUNS).hasValue(3);
        List<CompletableFuture<?>> attempts = List.copyOf(AsyncScript.RETURNED);
        assertThat(attempts.get(0)).as("timed out, cancelled").isCancelled();
        assertThat(attempts.get(1)).as("timed out, cancelled").isCancelled();
        assertThat(log()).contains("WARN  Retrying AsyncTarget.fetch after java.util.concurrent.TimeoutException");
    }

    @Test
    void whenEveryAttemptTimesOutTheCallerGetsATimeoutException() throws Throwable {
        weave(RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(2).waits(Duration.ZERO, Duration.ZERO)
                .attemptTimeout(Optional.of(Duration.ofMillis(50))).build(), 100);
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);
        AsyncScript.SCRIPT.add(AsyncScript.PENDING);

        Object future = call("fetch", "k");

        assertThatThrownBy(() -> await(future)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(AsyncScript.RUNS).hasValue(2);
    }

    @Test
    void anAttemptTimeoutOnAMethodThatIsNotAsyncIsNamedInOneLineAndTheMethodIsStillProtected() throws Throwable {
        weave(RetrySettings.from(RetrySettings.DEFAULTS).attemptTimeout(Optional.of(Duration.ofSeconds(5))).build(), 100);

        assertThat(log().lines().filter(l -> l.contains("attemptTimeout"))).singleElement().asString().isEqualTo(
                "WARN  retry.attemptTimeout of service svc does not apply to " + TARGET + ".blocking(java.lang.String): it is not "
                        + "async (it returns java.lang.String); a synchronous attempt runs until the call itself returns, "
                        + "so set the client's own timeout");
        assertThat(call("blocking", "k")).isEqualTo("blocking k");
    }

    @Test
    void aMethodReturningAFutureTheAgentCannotBuildIsLeftUnwovenWithOneLine() throws Throwable {
        weave(3, Duration.ZERO, 100);

        assertThat(log().lines().filter(l -> l.contains("unbuildable"))).singleElement().asString()
                .startsWith("WARN  Could not instrument " + TARGET + ".unbuildable(), it runs unprotected: it returns "
                        + TARGET + "$Unbuildable, a CompletionStage the agent cannot build or complete");
    }

    private String log() {
        return agentLog.text();
    }
}

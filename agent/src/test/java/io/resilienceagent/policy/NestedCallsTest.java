package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.log.AgentLogCapture;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protected calls nested on one thread. A call of a service made inside a call of the same service is
 * part of it: the outermost call alone asks the breaker, records the outcome and retries. A call of
 * another service nests as a call of its own; what it gave up on is not retried again by the outer
 * call, and that memory lasts only as long as the outer call.
 */
class NestedCallsTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, new RecordingSleeper(clock), () -> 0.5);

    private ServiceGuard service(String name, RetrySettings retry, BreakerSettings breaker) {
        return new ServiceGuard(Settings.service(name, retry, breaker), timing, new TransitionLog());
    }

    /** A service of 3 attempts without waits, whose breaker opens after {@code failureThreshold} failures. */
    private ServiceGuard threeAttempts(String name, int failureThreshold) {
        return service(name, Settings.retry(3, Duration.ZERO, Duration.ZERO),
                Settings.breaker(failureThreshold, Duration.ofSeconds(60), 2, 2));
    }

    /** An interface default method delegating to its implementation, both mapped to one service. */
    private static <T> Callable<T> delegating(MethodGuard outer, MethodGuard inner, Callable<T> body) {
        return () -> ProtectedCall.call(outer, () -> ProtectedCall.call(inner, body));
    }

    @Test
    void oneFailedRequestThroughNestedMethodsOfOneServiceIsOneBreakerFailure() {
        ServiceGuard api = service("api", Settings.retry(1, Duration.ZERO, Duration.ZERO),
                Settings.breaker(5, Duration.ofSeconds(60), 2, 2));
        MethodGuard create = new MethodGuard("MessageService.create", api);
        MethodGuard impl = new MethodGuard("MessageServiceImpl.create", api);
        AtomicInteger requests = new AtomicInteger();
        Callable<String> down = () -> {
            requests.incrementAndGet();
            throw new ConnectException("down");
        };

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> ProtectedCall.call(create, () -> ProtectedCall.call(impl, () ->
                    ProtectedCall.call(impl, down)))).isInstanceOf(ConnectException.class);
        }

        assertThat(api.stats().failureCount()).as("four failed requests, three methods deep").isEqualTo(4);
        assertThat(api.stats().totalFailures()).isEqualTo(4);
        assertThat(api.stats().totalCalls()).as("only the outermost call asks the breaker").isEqualTo(4);
        assertThat(api.stats().state()).as("failureThreshold 5 is not reached by 4 requests").isEqualTo(BreakerState.CLOSED);
        assertThat(requests).hasValue(4);
    }

    @Test
    void aRejectionByANestedServicesBreakerIsNoFailureOfTheOuterServiceWhateverItsClassOrWrapping() {
        ServiceGuard app = threeAttempts("app", 100);
        AtomicInteger bodyRuns = new AtomicInteger();
        Callable<String> down = () -> {
            throw new ConnectException("down");
        };

        // the nested service opens on its first failure: its retry is rejected, the failure as the cause
        MethodGuard inner = new MethodGuard("Down.get", opensAtOnceWithItsOwnException());
        assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("App.handle", app), () -> {
            bodyRuns.incrementAndGet();
            return ProtectedCall.call(inner, down);
        })).isInstanceOf(ServiceDown.class).hasCauseInstanceOf(ConnectException.class);
        MethodGuard wrapped = new MethodGuard("Down.get", opensAtOnceWithItsOwnException());
        assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("App.handle", app), () -> {
            bodyRuns.incrementAndGet();
            try {
                return ProtectedCall.call(wrapped, down);
            } catch (ServiceDown e) {
                throw new IllegalStateException("wrapped by the application", e);
            }
        })).isInstanceOf(IllegalStateException.class);

        assertThat(bodyRuns).as("neither retried").hasValue(2);
        assertThat(app.stats().totalFailures()).as("a rejection is no failure").isZero();
        assertThat(app.stats().totalRetries()).isZero();
    }

    @Test
    void aRejectionTwoLevelsDownIsNoFailureOfEitherCallAbove() {
        ServiceGuard outer = threeAttempts("outer", 100);
        ServiceGuard middle = threeAttempts("middle", 100);
        MethodGuard down = new MethodGuard("Down.get", opensAtOnceWithItsOwnException());
        AtomicInteger outerRuns = new AtomicInteger();

        assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("Outer.handle", outer), () -> {
            outerRuns.incrementAndGet();
            try {
                return ProtectedCall.call(new MethodGuard("Middle.fetch", middle),
                        () -> ProtectedCall.call(down, () -> {
                            throw new ConnectException("down");
                        }));
            } catch (ServiceDown e) {
                throw new IllegalStateException("wrapped by the application", e);
            }
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outerRuns).as("not retried").hasValue(1);
        assertThat(outer.stats().totalFailures()).isZero();
        assertThat(middle.stats().totalFailures()).isZero();
    }

    private ServiceGuard opensAtOnceWithItsOwnException() {
        return new ServiceGuard(Settings.service("down", Settings.retry(2, Duration.ZERO, Duration.ZERO),
                BreakerSettings.from(Settings.breaker(1, Duration.ofSeconds(60), 1, 1))
                        .openException(Optional.of(ServiceDown.class.getName())).build()), timing, new TransitionLog());
    }

    /** An application's exception for an open breaker ({@code circuitBreaker.openException}). */
    public static final class ServiceDown extends RuntimeException {
        public ServiceDown(String message) {
            super(message);
        }
    }

    @Test
    void theOutermostCallOwnsTheRetries() {
        ServiceGuard api = threeAttempts("api", 100);
        AtomicInteger requests = new AtomicInteger();

        assertThatThrownBy(() -> delegating(new MethodGuard("Api.get", api), new MethodGuard("Api.get", api), () -> {
            requests.incrementAndGet();
            throw new ConnectException("down");
        }).call()).isInstanceOf(ConnectException.class);

        assertThat(requests).as("3 attempts, not 3 x 3").hasValue(3);
        assertThat(api.stats().totalRetries()).isEqualTo(2);
    }

    @Test
    void nestedCallsOfOneServiceRecoverThroughHalfOpenWithTheDefaultSettings() throws Exception {
        recoversThroughNestedTrialCalls(BreakerSettings.DEFAULTS.successThreshold());
    }

    @Test
    void nestedCallsOfOneServiceRecoverThroughHalfOpenWithOneTrialCall() throws Exception {
        recoversThroughNestedTrialCalls(1);
    }

    private void recoversThroughNestedTrialCalls(int successThreshold) throws Exception {
        ServiceGuard api = service("api", Settings.retry(1, Duration.ZERO, Duration.ZERO),
                Settings.breaker(2, Duration.ofSeconds(60), successThreshold, BreakerSettings.DEFAULTS.halfOpenMaxCalls()));
        MethodGuard outer = new MethodGuard("Api.execute", api);
        MethodGuard inner = new MethodGuard("Api.execute", api);
        Callable<String> down = () -> {
            throw new ConnectException("down");
        };
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> delegating(outer, inner, down).call()).isInstanceOf(ConnectException.class);
        }
        assertThat(api.stats().state()).isEqualTo(BreakerState.OPEN);
        assertThatThrownBy(() -> delegating(outer, inner, () -> "never").call())
                .isInstanceOf(CircuitBreakerOpenException.class);

        clock.advance(Duration.ofSeconds(60));
        for (int trial = 1; trial <= successThreshold; trial++) {
            assertThat(delegating(outer, inner, () -> "up").call()).as("trial call %d", trial).isEqualTo("up");
        }

        assertThat(api.breaker().refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(delegating(outer, inner, () -> "up").call()).isEqualTo("up");
    }

    @Test
    void aFailureAnInnerServiceGaveUpOnIsRecordedButNotRetriedByTheOuterService() {
        ServiceGuard outerService = service("outer", Settings.retry(3, Duration.ZERO, Duration.ZERO), BreakerSettings.DEFAULTS);
        ServiceGuard innerService = service("inner", Settings.retry(3, Duration.ZERO, Duration.ZERO), BreakerSettings.DEFAULTS);
        AtomicInteger requests = new AtomicInteger();

        assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("Outer.call", outerService),
                () -> ProtectedCall.call(new MethodGuard("Inner.call", innerService), () -> {
                    requests.incrementAndGet();
                    throw new ConnectException("down");
                }))).isInstanceOf(ConnectException.class);

        assertThat(requests).as("the inner call's 3 attempts, not 3 x 3").hasValue(3);
        assertThat(outerService.stats().totalFailures()).as("the outer breaker records it").isEqualTo(1);
        assertThat(outerService.stats().totalRetries()).isZero();
    }

    @Test
    void aReusedExceptionObjectGetsItsRetriesOnEveryCall() {
        ServiceGuard api = threeAttempts("api", 1000);
        ServiceGuard wrapper = threeAttempts("wrapper", 1000);
        ConnectException preallocated = new ConnectException("down");
        AtomicInteger requests = new AtomicInteger();
        Callable<String> down = () -> {
            requests.incrementAndGet();
            throw preallocated;
        };

        for (int call = 1; call <= 3; call++) {
            requests.set(0);
            assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("Api.get", api), down)).isSameAs(preallocated);
            assertThat(requests).as("call %d alone", call).hasValue(3);
        }
        for (int call = 1; call <= 3; call++) {
            requests.set(0);
            assertThatThrownBy(() -> ProtectedCall.call(new MethodGuard("Wrapper.get", wrapper),
                    () -> ProtectedCall.call(new MethodGuard("Api.get", api), down))).isSameAs(preallocated);
            assertThat(requests).as("nested call %d", call).hasValue(3);
        }
    }

    @Test
    void aSharedFailingResponseGetsItsRetriesOnEveryCall() throws Exception {
        ServiceGuard outerService = threeAttempts("outer", 1000);
        ServiceGuard innerService = service("inner", Settings.retry(2, Duration.ZERO, Duration.ZERO),
                Settings.breaker(1000, Duration.ofSeconds(60), 2, 2));
        FakeResponse unavailable = new FakeResponse(503);
        AtomicInteger requests = new AtomicInteger();

        for (int call = 1; call <= 3; call++) {
            requests.set(0);
            FakeResponse result = ProtectedCall.call(new MethodGuard("Outer.call", outerService),
                    () -> ProtectedCall.call(new MethodGuard("Inner.call", innerService), () -> {
                        requests.incrementAndGet();
                        return unavailable;
                    }));
            assertThat(result).isSameAs(unavailable);
            assertThat(requests).as("call %d: the inner call's 2 attempts, the outer call does not retry them", call)
                    .hasValue(2);
        }
    }

    @Test
    void callsOfOneServiceOnOtherThreadsAreCallsOfTheirOwn() throws Exception {
        ServiceGuard api = service("api", Settings.retry(1, Duration.ZERO, Duration.ZERO),
                Settings.breaker(1000, Duration.ofSeconds(60), 2, 2));
        MethodGuard method = new MethodGuard("Api.get", api);

        String result = ProtectedCall.call(method, () -> {
            java.util.concurrent.FutureTask<String> other = new java.util.concurrent.FutureTask<>(
                    () -> ProtectedCall.call(method, () -> "inner"));
            Thread thread = new Thread(other);
            thread.start();
            return other.get();
        });

        assertThat(result).isEqualTo("inner");
        assertThat(api.stats().totalCalls()).isEqualTo(2);
    }

    @Test
    void anEngineFaultDuringACallLeavesNoTraceOnTheThread() throws Exception {
        ServiceGuard api = service("api", Settings.retry(3, Duration.ZERO, Duration.ZERO), BreakerSettings.DEFAULTS);
        MethodGuard method = new MethodGuard("Api.get", api);
        Object admission = method.enter(null);

        assertThatThrownBy(() -> method.exit(null, admission, null, new BrokenCause())).isInstanceOf(IllegalStateException.class);

        assertThat(ThreadCalls.current().depth()).isZero();
        assertThat(ProtectedCall.call(method, () -> "next")).isEqualTo("next");
        assertThat(api.stats().totalCalls()).as("the next call is a call of its own, not nested").isEqualTo(2);
    }

    /** A failure whose classification throws: its cause chain cannot be read. */
    private static final class BrokenCause extends java.io.IOException {
        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("broken");
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("broken");
        }
    }
}

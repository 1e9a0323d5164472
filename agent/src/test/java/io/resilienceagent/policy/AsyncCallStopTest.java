package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.bootstrap.Replacement;
import io.resilienceagent.log.AgentLogCapture;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An async call whose caller gave up: a retry that was about to start does not run and takes no trial
 * permit from a HALF_OPEN breaker, and the finished call keeps none of the application's objects.
 */
class AsyncCallStopTest {
    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, new RecordingSleeper(clock), () -> 0.5);

    /** A service whose breaker is HALF_OPEN from the next ask, with one trial; 3 attempts, no waits. */
    private ServiceGuard halfOpenWithOneTrial() {
        ServiceGuard service = new ServiceGuard(Settings.service("api", Settings.retry(3, Duration.ZERO, Duration.ZERO),
                Settings.breaker(1, Duration.ofSeconds(1), 1, 1)), timing, BreakerListener.NONE);
        service.breaker().forceOpen();
        clock.advance(Duration.ofSeconds(2));
        return service;
    }

    private static AsyncMethodGuard asyncGet(ServiceGuard service) {
        return new AsyncMethodGuard("Api.get", service, true, "get", "()Ljava/util/concurrent/CompletableFuture;", false,
                CompletableFuture.class.getName());
    }

    @Test
    void aRetryAboutToStartWhenTheCallerGaveUpNeitherRunsNorTakesATrialPermit() {
        ServiceGuard service = halfOpenWithOneTrial();
        AsyncMethodGuard method = asyncGet(service);
        WeakReference<Object> receiver = new WeakReference<>(new Object());
        AsyncCall call = new AsyncCall(method, service, service.policy(), Object.class, receiver.get(), new Object[] {"arg"}, null);

        assertThat(call.cancel(true)).isTrue();
        Object admission = call.beginRetry(ThreadCalls.current());

        assertThat(admission).as("the body does not run").isInstanceOf(Replacement.class);
        assertThat(((Replacement) admission).value).isSameAs(call);
        assertThat(service.breaker().tryAcquire()).as("the one trial permit is still there").isNotNull();
        for (int i = 0; i < 10 && receiver.get() != null; i++) {
            System.gc();
        }
        assertThat(receiver.get()).as("the finished call, still held as the caller's future, keeps no receiver").isNull();
        assertThat(call).isCancelled();
    }

    @Test
    void aCallerCompletingItsFutureThroughASupplierStopsTheCall() {
        ServiceGuard service = halfOpenWithOneTrial();
        AsyncMethodGuard method = asyncGet(service);
        AsyncCall call = new AsyncCall(method, service, service.policy(), Object.class, new Object(), new Object[0], null);

        call.completeAsync(() -> "the caller's own", Runnable::run);
        Object admission = call.beginRetry(ThreadCalls.current());

        assertThat(call).isCompletedWithValue("the caller's own");
        assertThat(admission).as("the body does not run").isInstanceOf(Replacement.class);
        assertThat(service.breaker().tryAcquire()).as("the one trial permit is still there").isNotNull();
    }

    @Test
    void aValueThatComesAfterTheCallerGaveUpIsReleased() {
        ServiceGuard service = new ServiceGuard(Settings.service("api", Settings.retry(3, Duration.ZERO, Duration.ZERO),
                Settings.breaker(5, Duration.ofSeconds(1), 1, 1)), timing, BreakerListener.NONE);
        AsyncCall call = new AsyncCall(asyncGet(service), service, service.policy(), Object.class, new Object(), new Object[0], null);
        CompletableFuture<Object> attempt = new CompletableFuture<>();
        call.followFirst(attempt.minimalCompletionStage(), service.breaker().tryAcquire()); // a stage that cannot be cancelled

        assertThat(call.cancel(true)).isTrue();
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        attempt.complete((AutoCloseable) () -> closed.set(true)); // a response, say, that holds a connection

        assertThat(closed).as("no one gets it, so its connection goes back").isTrue();
    }
}

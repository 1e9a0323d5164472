package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A reloaded config applied to the services: breakers keep their state, calls keep the settings they started with. */
class ServiceRegistryReloadTest {
    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, new RecordingSleeper(clock), () -> 0.5);

    @AfterEach
    void clearDispatcher() {
        Dispatcher.clear();
    }

    private static ResilienceConfig config(Map<String, Integer> maxAttemptsByService) {
        Map<String, ServiceSettings> services = new LinkedHashMap<>();
        maxAttemptsByService.forEach((name, max) -> services.put(name, new ServiceSettings(name,
                RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(max).waits(Duration.ZERO, Duration.ZERO).build(),
                new BreakerSettings(1000, Duration.ofSeconds(60), 2, 2, Optional.empty()))));
        return new ResilienceConfig(Optional.empty(), services, List.of());
    }

    @Test
    void aServiceThatStaysKeepsItsGuardAndItsOpenBreaker() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);
        ServiceGuard before = registry.service("api").orElseThrow();
        before.breaker().forceOpen();

        ServiceRegistry.Changes changes = registry.update(config(Map.of("api", 5)));

        assertThat(changes.changed()).containsExactly("api");
        assertThat(registry.service("api")).containsSame(before);
        assertThat(before.breaker().state()).isEqualTo(BreakerState.OPEN);
        assertThat(before.settings().retry().maxAttempts()).isEqualTo(5);
    }

    @Test
    void aCallRunningDuringAReloadFinishesWithTheSettingsItStartedWith() throws Exception {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);
        MethodGuard method = new MethodGuard("Api.get", registry.service("api").orElseThrow());
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> ProtectedCall.call(method, () -> {
            if (runs.incrementAndGet() == 1) {
                registry.update(config(Map.of("api", 5)));
            }
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);
        assertThat(runs).as("the call started with maxAttempts 2").hasValue(2);

        runs.set(0);
        assertThatThrownBy(() -> ProtectedCall.call(method, () -> {
            runs.incrementAndGet();
            throw new ConnectException("down");
        })).isInstanceOf(ConnectException.class);
        assertThat(runs).as("a call that starts after the reload").hasValue(5);
    }

    @Test
    void aNewServiceGetsAGuardAndARemovedServicesMethodsRunUnprotected() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);
        int id = registry.bind("com.example.Api.get()V", "Api.get", "api", true, null);
        Object admission = Dispatcher.enter(id, null);
        assertThat(admission).isNotSameAs(Dispatcher.PASS_THROUGH);
        Dispatcher.exit(id, null, admission, null, null); // the call ends, leaving no frame on this thread

        ServiceRegistry.Changes changes = registry.update(config(Map.of("other", 3)));

        assertThat(changes.added()).containsExactly("other");
        assertThat(changes.removed()).containsExactly("api");
        assertThat(registry.service("other")).isPresent();
        assertThat(registry.service("api")).isEmpty();
        assertThat(Dispatcher.enter(id, null)).as("unbound: the method runs unprotected").isSameAs(Dispatcher.PASS_THROUGH);
    }

    @Test
    void aCallRunningWhenItsServiceIsRemovedFinishesAsItStartedAndLeavesNothingOnTheThread() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);
        int id = registry.bind("com.example.Api.get()V", "Api.get", "api", true, null);
        ServiceGuard api = registry.service("api").orElseThrow();
        int depthBefore = ThreadCalls.current().depth();
        Object admission = Dispatcher.enter(id, null);

        registry.update(config(Map.of("other", 3)));
        Object retry = Dispatcher.exit(id, null, admission, null, new ConnectException("down"));
        assertThat(retry).as("the running call is retried, as its settings say").isInstanceOf(CallFrame.class);
        assertThat(Dispatcher.exit(id, null, retry, null, null)).as("the retry succeeded").isNull();

        assertThat(ThreadCalls.current().depth()).as("the call's frame left the thread").isEqualTo(depthBefore);
        assertThat(api.stats().totalRetries()).isEqualTo(1);
        assertThat(Dispatcher.enter(id, null)).as("a call that starts now runs unprotected").isSameAs(Dispatcher.PASS_THROUGH);
    }

    @Test
    void anAsyncCallsRetryRunAfterItsServiceIsRemovedContinuesTheCall() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 3)), timing, BreakerListener.NONE);
        ServiceGuard api = registry.service("api").orElseThrow();
        AsyncMethodGuard method = new AsyncMethodGuard("Api.get", api, true, "get",
                "()Ljava/util/concurrent/CompletableFuture;", false, CompletableFuture.class.getName());
        AsyncCall call = new AsyncCall(method, api, api.policy(), Object.class, new Object(), new Object[0], null);
        int depthBefore = ThreadCalls.current().depth();
        ThreadCalls.current().expectRetry(call, Object.class); // as the agent's scheduler does before running the method again

        Object admission = new UnboundMethod(method).enter(Object.class);

        assertThat(admission).as("the retry's attempt, not an unprotected run").isInstanceOf(CallFrame.class);
        ((CallFrame) admission).end();
        assertThat(ThreadCalls.current().depth()).isEqualTo(depthBefore);
        assertThat(new UnboundMethod(method).enter(Object.class)).as("an entry that is no retry")
                .isSameAs(Dispatcher.PASS_THROUGH);
    }

    /** A reply whose status only a configured accessor finds. */
    public static final class Reply {
        public int httpStatus() {
            return 503;
        }
    }

    @Test
    void aStatusAccessorAddedByAReloadAppliesToAClassTheMethodReturnedBefore() throws Exception {
        RetrySettings plain = Settings.retry(3, Duration.ZERO, Duration.ZERO);
        ServiceGuard service = new ServiceGuard(Settings.service("api", plain, Settings.breaker(100, Duration.ofSeconds(1), 1, 1)),
                timing, BreakerListener.NONE);
        MethodGuard method = new MethodGuard("Api.get", service);
        AtomicInteger runs = new AtomicInteger();
        ProtectedCall.call(method, () -> {
            runs.incrementAndGet();
            return new Reply();
        });
        assertThat(runs).as("no accessor names its status: a success").hasValue(1);

        service.reconfigure(Settings.service("api", RetrySettings.from(plain).statusAccessors(List.of("httpStatus")).build(),
                Settings.breaker(100, Duration.ofSeconds(1), 1, 1)));
        runs.set(0);
        ProtectedCall.call(method, () -> {
            runs.incrementAndGet();
            return new Reply();
        });

        assertThat(runs).as("503 through the accessor the reload named: retried").hasValue(3);
    }

    @Test
    void anUnchangedConfigChangesNothing() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);

        assertThat(registry.update(config(Map.of("api", 2))).isEmpty()).isTrue();
    }
}

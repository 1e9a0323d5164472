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
    void anUnchangedConfigChangesNothing() {
        ServiceRegistry registry = new ServiceRegistry(config(Map.of("api", 2)), timing, BreakerListener.NONE);

        assertThat(registry.update(config(Map.of("api", 2))).isEmpty()).isTrue();
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.ServiceSettings;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * All services of one configuration, each with its own {@link ServiceGuard}, and the instrumented
 * methods bound to them. Binding a method gives it an id and installs its {@link MethodGuard} in the
 * {@link Dispatcher}, where woven code finds it.
 */
public final class ServiceRegistry {
    private final Map<String, ServiceGuard> services;
    private final AtomicInteger nextId = new AtomicInteger();
    private final List<String> boundMethods = new CopyOnWriteArrayList<>();

    public ServiceRegistry(ResilienceConfig config, Timing timing, BreakerListener listener) {
        Map<String, ServiceGuard> guards = new LinkedHashMap<>();
        for (ServiceSettings settings : config.services().values()) {
            guards.put(settings.name(), new ServiceGuard(settings, timing, listener));
        }
        this.services = Collections.unmodifiableMap(guards);
    }

    public Optional<ServiceGuard> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Collection<ServiceGuard> services() {
        return services.values();
    }

    /**
     * Binds an instrumented method to its service's guard.
     *
     * @param displayName how log lines name it ({@code SimpleClassName.method})
     * @return the id its woven code passes to the {@link Dispatcher}
     */
    public int bind(String displayName, String service, ClassLoader loader) {
        ServiceGuard guard = services.get(service);
        if (guard == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        int id = nextId.getAndIncrement();
        Dispatcher.install(id, new MethodGuard(displayName, guard, loader));
        return id;
    }

    /** Records a method as instrumented, once its class has been transformed. */
    public void recordInstrumented(String signature) {
        boundMethods.add(signature);
    }

    /** Every {@code Class.method(params)} transformed so far, in order. */
    public List<String> instrumentedMethods() {
        return List.copyOf(boundMethods);
    }
}

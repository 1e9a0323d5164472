package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.ServiceSettings;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * All services of one configuration, each with its own {@link ServiceGuard}, and the instrumented
 * methods bound to them. Binding a method gives it an id and installs its {@link MethodGuard} in the
 * {@link Dispatcher}, where woven code finds it.
 */
public final class ServiceRegistry {
    private final Map<String, ServiceGuard> services;
    /** Method and service to id; guarded by {@code this}. */
    private final Map<String, Integer> ids = new HashMap<>();
    private final CopyOnWriteArrayList<String> boundMethods = new CopyOnWriteArrayList<>();

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
     * Binds an instrumented method to its service's guard. The same method of a class loaded again, by
     * another class loader, gets the same id and guard: redeploying an application adds nothing here.
     *
     * @param method the method, as {@code pkg.Class.name(descriptor)}
     * @param displayName how log lines name it ({@code SimpleClassName.method})
     * @param retryable false for a method that can run only once on its receiver: its breaker applies, no retry
     * @param async for a method returning a {@code CompletionStage}, how to run it again; null for others
     * @return the id its woven code passes to the {@link Dispatcher}
     */
    public synchronized int bind(String method, String displayName, String service, boolean retryable,
            AsyncSignature async) {
        ServiceGuard guard = services.get(service);
        if (guard == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        String key = method + " " + service;
        Integer known = ids.get(key);
        if (known != null) {
            return known;
        }
        int id = ids.size();
        Dispatcher.install(id, async == null ? new MethodGuard(displayName, guard, retryable)
                : new AsyncMethodGuard(displayName, guard, retryable, async.name(), async.descriptor(), async.isStatic(),
                        async.returnType()));
        ids.put(key, id);
        return id;
    }

    /** Records a method as instrumented, once its class has been transformed; each method is listed once. */
    public void recordInstrumented(String signature) {
        boundMethods.addIfAbsent(signature);
    }

    /** Every {@code Class.method(params)} transformed so far, in order. */
    public List<String> instrumentedMethods() {
        return List.copyOf(boundMethods);
    }
}

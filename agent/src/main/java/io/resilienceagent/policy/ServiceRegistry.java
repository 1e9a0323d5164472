package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.CallHandler;
import io.resilienceagent.bootstrap.Dispatcher;
import io.resilienceagent.config.ResilienceConfig;
import io.resilienceagent.config.ServiceSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All services of the running configuration, each with its own {@link ServiceGuard}, and the
 * instrumented methods bound to them. Binding a method gives it an id and installs its guard in the
 * {@link Dispatcher}, where woven code finds it. A reload ({@link #update}) keeps the guards of the
 * services that stay (with their breakers' state and counts), adds new ones, and unbinds the methods of
 * removed ones, which then run unprotected.
 */
public final class ServiceRegistry {
    private final Timing timing;
    private final BreakerListener listener;
    private volatile Map<String, ServiceGuard> services;
    /** Method and service to id; guarded by {@code this}. */
    private final Map<String, Integer> ids = new HashMap<>();
    /** The handler installed for each bound id, to hand over to an {@link UnboundMethod} when its service goes. */
    private final Map<Integer, CallHandler> handlers = new HashMap<>();
    private int nextId;
    /** Instrumented methods ({@code Class.method(params)}) to their class's name, in order; guarded by {@code this}. */
    private final Map<String, String> instrumented = new LinkedHashMap<>();

    public ServiceRegistry(ResilienceConfig config, Timing timing, BreakerListener listener) {
        this.timing = timing;
        this.listener = listener;
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

    /** What a reload changed among the services. */
    public record Changes(List<String> added, List<String> removed, List<String> changed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }
    }

    /**
     * Applies a reloaded config's services: a service that stays keeps its guard, reconfigured if its
     * settings changed; a new one gets a guard; a removed one's methods are unbound: calls that
     * start afterwards run unprotected, calls already running finish as they started ({@link UnboundMethod}).
     */
    public synchronized Changes update(ResilienceConfig config) {
        Map<String, ServiceGuard> current = services;
        Map<String, ServiceGuard> next = new LinkedHashMap<>();
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ServiceSettings settings : config.services().values()) {
            ServiceGuard guard = current.get(settings.name());
            if (guard == null) {
                guard = new ServiceGuard(settings, timing, listener);
                added.add(settings.name());
            } else if (!guard.settings().equals(settings)) {
                guard.reconfigure(settings);
                changed.add(settings.name());
            }
            next.put(settings.name(), guard);
        }
        List<String> removed = new ArrayList<>();
        for (String name : current.keySet()) {
            if (!next.containsKey(name)) {
                removed.add(name);
                unbind(name);
            }
        }
        services = Collections.unmodifiableMap(next);
        return new Changes(added, removed, changed);
    }

    private void unbind(String service) {
        for (Iterator<Map.Entry<String, Integer>> it = ids.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Integer> bound = it.next();
            if (bound.getKey().endsWith(" " + service)) {
                Dispatcher.install(bound.getValue(), new UnboundMethod(handlers.remove(bound.getValue())));
                it.remove();
            }
        }
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
        int id = nextId++;
        CallHandler handler = async == null ? new MethodGuard(displayName, guard, retryable)
                : new AsyncMethodGuard(displayName, guard, retryable, async.name(), async.descriptor(), async.isStatic(),
                        async.returnType());
        Dispatcher.install(id, handler);
        handlers.put(id, handler);
        ids.put(key, id);
        return id;
    }

    /** Records a method as instrumented, once its class has been transformed; each method is listed once. */
    public synchronized void recordInstrumented(String className, String signature) {
        instrumented.putIfAbsent(signature, className);
    }

    /** Forgets the methods recorded for {@code classNames}, about to be transformed again (a reload). */
    public synchronized void forgetInstrumented(Set<String> classNames) {
        instrumented.values().removeIf(classNames::contains);
    }

    /** Every {@code Class.method(params)} transformed so far, in order. */
    public synchronized List<String> instrumentedMethods() {
        return List.copyOf(instrumented.keySet());
    }

    /** The names of the classes transformed so far. */
    public synchronized Set<String> instrumentedClasses() {
        return new LinkedHashSet<>(instrumented.values());
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.CallHandler;
import java.lang.ref.WeakReference;

/**
 * The engine behind one instrumented method: its name for log lines, the class loader of its class
 * (held weakly, so the agent never keeps an application's loader alive) and its service's guard.
 */
public final class MethodGuard implements CallHandler {
    private final String method;
    private final ServiceGuard service;
    private final WeakReference<ClassLoader> loader;

    /**
     * @param method how log lines name the method, {@code SimpleClassName.method}
     * @param service the guard of the service the method is mapped to
     * @param loader the class loader of the instrumented class (null for the bootstrap loader)
     */
    public MethodGuard(String method, ServiceGuard service, ClassLoader loader) {
        this.method = method;
        this.service = service;
        this.loader = new WeakReference<>(loader);
    }

    @Override
    public Object enter() {
        return service.enter(loader.get());
    }

    @Override
    public Object exit(Object admission, Object returned, Throwable thrown) {
        return service.exit(method, loader.get(), admission, returned, thrown);
    }

    public String method() {
        return method;
    }

    public ServiceGuard service() {
        return service;
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.log.AgentLog;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.util.Optional;

/**
 * Builds what a rejected call throws: {@link CircuitBreakerOpenException}, or the configured
 * {@code openException} built with its {@code (String message)} constructor, loaded from the class
 * loader of the instrumented class. If the configured class cannot be built, the default is thrown
 * and one line is logged.
 */
final class OpenExceptions {
    private final String service;
    private final String message;
    private final Optional<String> className;
    private volatile Resolved resolved;
    private volatile boolean failureReported;

    OpenExceptions(String service, Optional<String> className) {
        this.service = service;
        this.message = "Circuit breaker open for " + service;
        this.className = className;
    }

    Throwable create(ClassLoader loader, Throwable lastFailure) {
        if (className.isEmpty()) {
            return new CircuitBreakerOpenException(service, message, lastFailure);
        }
        try {
            Constructor<? extends Throwable> constructor = constructorFor(loader);
            Throwable thrown = constructor.newInstance(message);
            if (lastFailure != null && thrown.getCause() == null) {
                try {
                    thrown.initCause(lastFailure);
                } catch (IllegalStateException | IllegalArgumentException alreadySet) {
                    // the class set its own cause; keep it
                }
            }
            return thrown;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            if (!failureReported) {
                failureReported = true;
                AgentLog.error("Cannot build openException " + className.get() + " for " + service
                        + " (" + e + "); throwing " + CircuitBreakerOpenException.class.getName() + " instead");
            }
            return new CircuitBreakerOpenException(service, message, lastFailure);
        }
    }

    private Constructor<? extends Throwable> constructorFor(ClassLoader loader) throws ReflectiveOperationException {
        Resolved current = resolved;
        if (current != null && current.loader.get() == loader) {
            Constructor<? extends Throwable> constructor = current.constructor.get();
            if (constructor != null) {
                return constructor;
            }
        }
        Class<? extends Throwable> type = Class.forName(className.get(), false, loader).asSubclass(Throwable.class);
        Constructor<? extends Throwable> constructor = type.getConstructor(String.class);
        resolved = new Resolved(new WeakReference<>(loader), new WeakReference<>(constructor));
        return constructor;
    }

    /** The last loader's constructor, held weakly: the agent never keeps an application's class loader alive. */
    private record Resolved(WeakReference<ClassLoader> loader, WeakReference<Constructor<? extends Throwable>> constructor) {
    }
}

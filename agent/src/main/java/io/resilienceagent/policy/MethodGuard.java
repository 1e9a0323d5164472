package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.CallHandler;
import java.lang.ref.WeakReference;

/**
 * The engine behind one instrumented method: its name for log lines and its service's guard. One
 * guard serves the method in every class loader that loads its class, so loading the same class again
 * and again (redeployments) adds nothing; the class of each call comes with the call.
 */
public final class MethodGuard implements CallHandler {
    /** How often the remembered class may change before the method stops remembering (a method returning many classes). */
    private static final int MAX_PLAIN_TYPE_CHANGES = 16;
    private static final PlainType NONE = new PlainType(null, null);

    private final String method;
    private final ServiceGuard service;
    private final boolean retryable;
    /**
     * The class this method last returned that has no HTTP status, held weakly (the agent holds no
     * application class alive), with the reader that found none: a method nearly always returns one
     * class, and comparing with it is several times cheaper than the per-class lookup. Written racily;
     * any value read is valid, as type and reader are read together.
     */
    private PlainType plainType = NONE;
    private int plainTypeChanges;

    /**
     * @param method how log lines name the method, {@code SimpleClassName.method}
     * @param service the guard of the service the method is mapped to
     */
    public MethodGuard(String method, ServiceGuard service) {
        this(method, service, true);
    }

    /** @param retryable false for a method that can run only once on its receiver: its breaker applies, no retry */
    public MethodGuard(String method, ServiceGuard service, boolean retryable) {
        this.method = method;
        this.service = service;
        this.retryable = retryable;
    }

    @Override
    public Object enter(Class<?> owner) {
        return service.enter(owner);
    }

    @Override
    public Object exit(Class<?> owner, Object admission, Object returned, Throwable thrown) {
        CallFrame frame = (CallFrame) admission;
        try {
            return service.exit(this, owner, frame, returned, thrown);
        } catch (Throwable fault) {
            // the call completes unprotected (the Dispatcher reports it); it must not stay on the thread's stack
            frame.end();
            throw fault;
        }
    }

    /** The HTTP status of a value this method returned, or {@link StatusReader#NO_STATUS}. */
    int statusOf(Object returned, StatusReader reader) {
        if (returned == null) {
            return StatusReader.NO_STATUS;
        }
        Class<?> type = returned.getClass();
        PlainType plain = plainType;
        if (type == plain.get() && reader == plain.reader) {
            return StatusReader.NO_STATUS;
        }
        if (reader.hasStatus(type)) {
            return reader.statusOf(returned);
        }
        if (plainTypeChanges < MAX_PLAIN_TYPE_CHANGES) {
            plainTypeChanges++;
            plainType = new PlainType(type, reader);
        }
        return StatusReader.NO_STATUS;
    }

    /**
     * A class found to have no status, and the reader that found it: a reload that names other status
     * accessors brings another reader, which must look at the class again.
     */
    private static final class PlainType extends WeakReference<Class<?>> {
        final StatusReader reader;

        PlainType(Class<?> type, StatusReader reader) {
            super(type);
            this.reader = reader;
        }
    }

    /** Whether a failure of this method may be retried (false for a single-use call such as OkHttp's). */
    boolean retryable() {
        return retryable;
    }

    public String method() {
        return method;
    }

    public ServiceGuard service() {
        return service;
    }
}

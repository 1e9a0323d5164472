package io.resilienceagent.bootstrap;

import io.resilienceagent.CircuitBreakerOpenException;

/**
 * The only entry points that woven code calls. Each instrumented method is bound to an integer id at
 * transformation time; the id indexes the table of {@link CallHandler}s the agent installs.
 *
 * <p>It lives on the bootstrap class path so that every class loader sees it, and it shields the
 * application from the agent: an unexpected exception inside the engine is reported once and the
 * method then behaves as if it were not instrumented. Only the deliberate rejection of a call
 * ({@link CircuitBreakerOpenException} or the configured open exception) reaches the caller.
 */
public final class Dispatcher {
    private static volatile CallHandler[] handlers = new CallHandler[0];
    private static final int MAX_REPORTED_KINDS = 16;
    private static final String[] REPORTED_KINDS = new String[MAX_REPORTED_KINDS];
    private static int reportedKinds;

    /**
     * The admission token of a call that runs its body once, without the engine: an unknown id, an
     * engine fault, or a call nested in a call of the same service, which is part of that call.
     */
    public static final Object PASS_THROUGH = new Object();

    /**
     * What {@link #exit} returns for an async method when the engine needs the call's arguments (to run
     * the method again later): woven code then calls {@link #exitWithArguments}. Asked only off the
     * success path, so a successful call allocates no argument array.
     */
    public static final Object NEED_ARGUMENTS = new Object();

    private Dispatcher() {
    }

    /** Called before the method body; see {@link CallHandler#enter}. */
    public static Object enter(int id, Class<?> owner) {
        CallHandler[] table = handlers;
        if (id < 0 || id >= table.length || table[id] == null) {
            return PASS_THROUGH;
        }
        Object admission;
        try {
            admission = table[id].enter(owner);
        } catch (Throwable t) {
            reportInternalError(t);
            return PASS_THROUGH;
        }
        if (admission instanceof Throwable rejection) {
            throw Dispatcher.<RuntimeException>sneakyThrow(rejection);
        }
        return admission;
    }

    /** Called after each run of the method body; see {@link CallHandler#exit}. */
    public static Object exit(int id, Class<?> owner, Object admission, Object returned, Throwable thrown) {
        if (admission == PASS_THROUGH || admission == null) {
            return null;
        }
        CallHandler[] table = handlers;
        if (id < 0 || id >= table.length || table[id] == null) {
            return null;
        }
        try {
            return table[id].exit(owner, admission, returned, thrown);
        } catch (Throwable t) {
            reportInternalError(t);
            return null;
        }
    }

    /**
     * {@link #exit}, again, with the receiver ({@code null} for a static method) and the original
     * arguments (primitives boxed), for an async method whose call will be retried.
     */
    public static Object exitWithArguments(int id, Class<?> owner, Object admission, Object returned, Throwable thrown,
            Object receiver, Object[] arguments) {
        CallHandler[] table = handlers;
        if (id < 0 || id >= table.length || table[id] == null) {
            return null;
        }
        try {
            return table[id].exitWithArguments(owner, admission, returned, thrown, receiver, arguments);
        } catch (Throwable t) {
            reportInternalError(t);
            return null;
        }
    }

    /** Installs the handler for {@code id} (null: the method runs unprotected), growing the table as needed. */
    public static synchronized void install(int id, CallHandler handler) {
        CallHandler[] table = handlers;
        if (id >= table.length) {
            CallHandler[] grown = new CallHandler[Math.max(id + 1, table.length * 2 + 8)];
            System.arraycopy(table, 0, grown, 0, table.length);
            table = grown;
        } else {
            table = table.clone();
        }
        table[id] = handler;
        handlers = table;
    }

    /** Removes every handler, for tests. */
    public static synchronized void clear() {
        handlers = new CallHandler[0];
    }

    /** One line for each kind of error, for the first {@value #MAX_REPORTED_KINDS} kinds. */
    private static void reportInternalError(Throwable t) {
        String kind = t.getClass().getName();
        synchronized (REPORTED_KINDS) {
            for (int i = 0; i < reportedKinds; i++) {
                if (REPORTED_KINDS[i].equals(kind)) {
                    return;
                }
            }
            if (reportedKinds == MAX_REPORTED_KINDS) {
                return;
            }
            REPORTED_KINDS[reportedKinds++] = kind;
        }
        System.err.println("ERROR resilience-agent internal error, the call completes unprotected: " + t);
    }

    /** Throws a checked open exception from a method that does not declare it, as the JVM allows. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.bootstrap.CallHandler;
import io.resilienceagent.bootstrap.Dispatcher;
import java.util.concurrent.Callable;

/**
 * Runs a {@link Callable} through a {@link CallHandler} exactly as instrumented code runs a method body:
 * enter once, then exit after each attempt until the handler completes the call. The same loop the
 * weaver produces in bytecode, in plain Java, so the engine can be tested and used without an agent.
 */
public final class ProtectedCall {
    private ProtectedCall() {
    }

    /** Calls {@code body} under {@code handler}; throws what the unprotected call would, or the rejection. */
    public static <T> T call(CallHandler handler, Callable<T> body) throws Exception {
        Object admission = handler.enter(null);
        if (admission instanceof Throwable rejection) {
            throw ProtectedCall.<Exception>sneaky(rejection);
        }
        if (admission == Dispatcher.PASS_THROUGH) {
            return body.call();
        }
        while (true) {
            T returned = null;
            Throwable thrown = null;
            try {
                returned = body.call();
            } catch (Throwable t) {
                thrown = t;
            }
            Object next = handler.exit(null, admission, returned, thrown);
            if (next == null) {
                if (thrown != null) {
                    throw ProtectedCall.<Exception>sneaky(thrown);
                }
                return returned;
            }
            if (next instanceof Throwable replacement) {
                throw ProtectedCall.<Exception>sneaky(replacement);
            }
            admission = next;
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}

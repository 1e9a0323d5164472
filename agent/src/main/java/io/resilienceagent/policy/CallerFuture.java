package io.resilienceagent.policy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The caller's side of an {@link AsyncCall}: the future the caller of an async method gets, and how the
 * call learns that the caller no longer waits for it. When the caller may get a plain
 * {@code CompletableFuture}, the call is that future itself, so the common case costs one object, not
 * a future, a call and a listener: its dependents are plain {@code CompletableFuture}s, and completing
 * or cancelling it from outside ({@code cancel}, {@code complete}, {@code completeExceptionally},
 * {@code orTimeout}, {@code completeOnTimeout}, {@code completeAsync}, {@code obtrude...}) stops the
 * call. Otherwise the caller's future is one of the method's declared subclass, watched by a listener
 * to the same effect.
 */
abstract class CallerFuture extends CompletableFuture<Object> {
    /** The caller's future: this one, or a future of the method's declared subclass. */
    private final CompletableFuture<Object> caller;
    /** Set before the agent completes a caller's future that is not this one, so its listener does not take it for the caller's doing. */
    private volatile boolean finishing;

    /** @param declared the caller's future when it must be of a subclass; null to make this the caller's future */
    CallerFuture(CompletableFuture<Object> declared) {
        this.caller = declared != null ? declared : this;
        if (declared != null) {
            declared.whenComplete((value, error) -> {
                if (!finishing) {
                    stop();
                }
            });
        }
    }

    /** The caller's future was completed, or cancelled, by someone other than the agent. */
    abstract void stop();

    /** The future the caller gets. */
    final CompletableFuture<Object> callerFuture() {
        return caller;
    }

    final void completeCaller(Object value) {
        if (caller == this) {
            super.complete(value);
        } else {
            finishing = true;
            caller.complete(value);
        }
        ended();
    }

    final void failCaller(Throwable error) {
        if (caller == this) {
            super.completeExceptionally(error);
        } else {
            finishing = true;
            caller.completeExceptionally(error);
        }
        ended();
    }

    /** Completes the caller's future exactly as the last attempt's future completed, with no wrapper of the agent's. */
    final void finish(Object value, Throwable error) {
        if (error != null) {
            failCaller(error);
        } else {
            completeCaller(value);
        }
    }

    /** The caller's future is complete: drop what the call kept of the application. */
    abstract void ended();

    @Override
    public final boolean complete(Object value) {
        return stopIfCompleted(super.complete(value));
    }

    @Override
    public final boolean completeExceptionally(Throwable error) {
        return stopIfCompleted(super.completeExceptionally(error));
    }

    @Override
    public final boolean cancel(boolean mayInterruptIfRunning) {
        return stopIfCompleted(super.cancel(mayInterruptIfRunning));
    }

    @Override
    public final void obtrudeValue(Object value) {
        super.obtrudeValue(value);
        stop();
    }

    @Override
    public final void obtrudeException(Throwable error) {
        super.obtrudeException(error);
        stop();
    }

    /**
     * Completing the caller's future through a supplier stops the call too (the JDK then completes it
     * without calling {@link #complete}); the call stops once the supplier has run, just before the
     * future completes. The overload without an executor comes here.
     */
    @Override
    public final CompletableFuture<Object> completeAsync(Supplier<?> supplier, Executor executor) {
        Supplier<Object> thenStop = () -> {
            try {
                return supplier.get();
            } finally {
                stop();
            }
        };
        return super.completeAsync(thenStop, executor);
    }

    /** Dependents of the caller's future are plain futures. */
    @Override
    public final <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }

    private boolean stopIfCompleted(boolean completed) {
        if (completed) {
            stop();
        }
        return completed;
    }
}

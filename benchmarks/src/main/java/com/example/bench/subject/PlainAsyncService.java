package com.example.bench.subject;

import java.util.concurrent.CompletableFuture;

/**
 * The direct baseline of the async benchmarks: the same bodies as {@link AsyncService}, in a class that no
 * config names, so it is never instrumented. resilience4j and Failsafe decorate calls to this class.
 */
public final class PlainAsyncService {
    private final CompletableFuture<Reply> done = CompletableFuture.completedFuture(new Reply(42));
    /** Set by a single-threaded set-up check before a call whose first attempt must fail. */
    private boolean failNext;

    /** Makes the next call's future fail with {@link Failures#CONNECT} once. */
    public void failNextCall() {
        failNext = true;
    }

    /** A future that has already succeeded: one shared instance, no allocation. */
    public CompletableFuture<Reply> done(int arg) {
        if (failNext) {
            failNext = false;
            return CompletableFuture.failedFuture(Failures.CONNECT);
        }
        return arg >= 0 ? done : null;
    }

    /** A new future, not yet complete, left in {@code slot} for the caller to complete after the call returns. */
    public CompletableFuture<Reply> pending(PendingSlot slot) {
        CompletableFuture<Reply> future = new CompletableFuture<>();
        slot.future = future;
        return future;
    }
}

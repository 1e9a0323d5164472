package com.example.bench.subject;

import java.util.concurrent.CompletableFuture;

/**
 * Where an async benchmark subject leaves the future its last call created, so that the benchmark can
 * complete it after the call returned (the caller of the protected method holds only the future it was
 * handed, which under the agent is another one). One per benchmark thread.
 */
public final class PendingSlot {
    public CompletableFuture<Reply> future;
}

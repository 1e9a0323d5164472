package com.example.sample;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@link AsyncTarget}'s methods do next, and what they did: shared by a test and the woven copy of the target. */
public final class AsyncScript {
    public static final AtomicInteger RUNS = new AtomicInteger();
    public static final Queue<Object> SCRIPT = new ConcurrentLinkedQueue<>();
    public static final ConcurrentLinkedDeque<CompletableFuture<?>> RETURNED = new ConcurrentLinkedDeque<>();
    public static volatile String lastKey;

    /** Marks a scripted outcome whose future the test completes later. */
    public static final Object PENDING = new Object();

    /** Marks a scripted outcome that is thrown by the method itself rather than by its future. */
    public record Thrown(Exception exception) {
    }

    private AsyncScript() {
    }

    public static void reset() {
        RUNS.set(0);
        SCRIPT.clear();
        RETURNED.clear();
        lastKey = null;
    }
}

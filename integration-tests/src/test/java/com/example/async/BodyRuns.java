package com.example.async;

import com.example.support.StepRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the protected bodies did during the current call, written by the bodies themselves on whatever
 * thread runs them: how often they ran ({@link StepRunner#BODY}), on which threads, the futures they
 * returned (and the HTTP futures beneath them), and the last failure they created.
 */
public final class BodyRuns {
    private static final ConcurrentLinkedQueue<String> THREADS = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<CompletableFuture<?>> RETURNED = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<CompletableFuture<?>> SENT = new ConcurrentLinkedQueue<>();
    private static final AtomicReference<Throwable> LAST_FAILURE = new AtomicReference<>();
    private static final Semaphore RUNS = new Semaphore(0);

    private BodyRuns() {
    }

    /** A body ran and returned {@code returned} (null: it throws), built on the HTTP future {@code sent} (may be null). */
    static void ran(CompletableFuture<?> returned, CompletableFuture<?> sent) {
        StepRunner.BODY.incrementAndGet();
        THREADS.add(Thread.currentThread().getName());
        if (returned != null) {
            RETURNED.add(returned);
        }
        if (sent != null) {
            SENT.add(sent);
        }
        RUNS.release();
    }

    /** Remembers {@code failure} as the last one a body created, and returns it. */
    static <T extends Throwable> T created(T failure) {
        LAST_FAILURE.set(failure);
        return failure;
    }

    static Throwable lastFailure() {
        return LAST_FAILURE.get();
    }

    /** Waits until bodies have run {@code count} times since {@link #reset()}; false after 20 s. */
    static boolean awaitRuns(int count) throws InterruptedException {
        if (!RUNS.tryAcquire(count, 20, TimeUnit.SECONDS)) {
            return false;
        }
        RUNS.release(count);
        return true;
    }

    /** The thread names, comma-separated, in the order the runs happened. */
    static String threads() {
        return String.join(",", THREADS);
    }

    /** For each future the bodies returned, in order, whether it was cancelled: {@code false,true}. */
    static String cancelled() {
        List<String> flags = new ArrayList<>();
        for (CompletableFuture<?> future : RETURNED) {
            flags.add(String.valueOf(future.isCancelled()));
        }
        return String.join(",", flags);
    }

    static List<CompletableFuture<?>> returned() {
        return new ArrayList<>(RETURNED);
    }

    static List<CompletableFuture<?>> sent() {
        return new ArrayList<>(SENT);
    }

    static void reset() {
        THREADS.clear();
        RETURNED.clear();
        SENT.clear();
        LAST_FAILURE.set(null);
        RUNS.drainPermits();
    }
}

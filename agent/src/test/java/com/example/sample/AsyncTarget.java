package com.example.sample;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Async methods for the weaver's and engine's tests: each run takes its outcome from
 * {@link AsyncScript#SCRIPT} (a value, a failure of the returned future, an exception thrown at once, a
 * future left pending) and records the arguments it saw. The state lives in {@link AsyncScript}, which
 * is not woven, so the test and the woven copy of this class share it.
 */
public class AsyncTarget {

    public CompletableFuture<String> fetch(String key) throws IOException {
        AsyncScript.lastKey = key;
        key = "reassigned";
        return next();
    }

    public CompletionStage<String> stage(String key) throws IOException {
        AsyncScript.lastKey = key;
        return next();
    }

    public Custom<String> custom(String key) throws IOException {
        AsyncScript.lastKey = key;
        Custom<String> future = new Custom<>();
        next().whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(error);
            } else {
                future.complete(value);
            }
        });
        return future;
    }

    public static CompletableFuture<String> staticSum(int a, long b, double c) throws IOException {
        AsyncScript.lastKey = a + "/" + b + "/" + c;
        return next();
    }

    /** A stage whose {@code isDone}, {@code getNow} and {@code cancel} throw, as {@code minimalCompletionStage()} makes. */
    public CompletionStage<String> minimal(String key) throws IOException {
        AsyncScript.lastKey = key;
        return next().minimalCompletionStage();
    }

    /** Not async: what an attempt timeout cannot apply to. */
    public String blocking(String key) {
        AsyncScript.lastKey = key;
        return "blocking " + key;
    }

    public Unbuildable unbuildable() {
        AsyncScript.RUNS.incrementAndGet();
        return new Unbuildable("tag");
    }

    @SuppressWarnings("unchecked")
    private static CompletableFuture<String> next() throws IOException {
        AsyncScript.RUNS.incrementAndGet();
        Object outcome = AsyncScript.SCRIPT.isEmpty() ? "ok" : AsyncScript.SCRIPT.poll();
        CompletableFuture<String> future = new CompletableFuture<>();
        AsyncScript.RETURNED.add(future);
        if (outcome instanceof AsyncScript.Thrown thrown) {
            if (thrown.exception() instanceof IOException io) {
                throw io;
            }
            throw (RuntimeException) thrown.exception();
        } else if (outcome instanceof Throwable failure) {
            future.completeExceptionally(failure);
        } else if (outcome != AsyncScript.PENDING) {
            future.complete((String) outcome);
        }
        return future;
    }

    /** A {@code CompletableFuture} subclass with a public no-argument constructor, as some libraries return. */
    public static class Custom<T> extends CompletableFuture<T> {
        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new Custom<>();
        }
    }

    /** A future the agent cannot build when the body does not run: no public no-argument constructor. */
    public static class Unbuildable extends CompletableFuture<String> {
        public Unbuildable(String tag) {
            super();
        }
    }
}

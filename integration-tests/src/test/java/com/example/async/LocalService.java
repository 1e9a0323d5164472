package com.example.async;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Async methods with no I/O, whose first run per key fails at once: {@link #failingFirst} returns an
 * already failed future (the agent judges it on the caller's thread, which must still not wait for the
 * backoff), {@link #throwingFirst} throws before returning any future, {@link #minimal} returns a minimal
 * stage of a future failed at once. {@link #bug} always throws an
 * exception that is no transient failure.
 */
public class LocalService {
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();

    public CompletableFuture<String> failingFirst(String key) {
        CompletableFuture<String> future = runs.merge(key, 1, Integer::sum) == 1
                ? CompletableFuture.failedFuture(BodyRuns.created(new UpstreamException(503, key)))
                : CompletableFuture.completedFuture("ok " + key);
        BodyRuns.ran(future, null);
        return future;
    }

    public CompletableFuture<String> throwingFirst(String key) throws ConnectException {
        BodyRuns.ran(null, null);
        if (runs.merge(key, 1, Integer::sum) == 1) {
            throw BodyRuns.created(new ConnectException("refused " + key));
        }
        return CompletableFuture.completedFuture("ok " + key);
    }

    /**
     * Declared {@code CompletionStage}, returning {@link CompletableFuture#minimalCompletionStage()}: a stage
     * whose {@code isDone()}, {@code get()} and {@code cancel()} throw {@code UnsupportedOperationException}.
     */
    public CompletionStage<String> minimal(String key) {
        CompletableFuture<String> future = runs.merge(key, 1, Integer::sum) == 1
                ? CompletableFuture.failedFuture(BodyRuns.created(new UpstreamException(503, key)))
                : CompletableFuture.completedFuture("ok " + key);
        BodyRuns.ran(future, null);
        return future.minimalCompletionStage();
    }

    public CompletableFuture<String> bug(String key) {
        BodyRuns.ran(null, null);
        throw BodyRuns.created(new IllegalStateException("bug " + key));
    }
}

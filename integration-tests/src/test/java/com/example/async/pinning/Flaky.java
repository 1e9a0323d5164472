package com.example.async.pinning;

import java.net.ConnectException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Protected methods whose first run per key fails with a transient failure: {@link #call} throws (the
 * agent retries it on the calling thread, sleeping through the backoff), {@link #callAsync} returns a
 * failed future (the agent retries it on its own scheduler).
 */
public class Flaky {
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();

    public String call(String key) throws ConnectException {
        if (runs.merge("sync " + key, 1, Integer::sum) == 1) {
            throw new ConnectException("refused " + key);
        }
        return "ok";
    }

    public CompletableFuture<String> callAsync(String key) {
        if (runs.merge("async " + key, 1, Integer::sum) == 1) {
            return CompletableFuture.failedFuture(new ConnectException("refused " + key));
        }
        return CompletableFuture.completedFuture("ok");
    }
}

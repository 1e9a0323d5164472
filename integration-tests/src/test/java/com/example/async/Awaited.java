package com.example.async;

import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls an async method as an application would and reports what the caller saw: whether the method
 * threw instead of returning a future ({@code threw}), how soon it returned ({@code returnedMs}), the
 * future's class ({@code type}), whether it is the very future the first run returned ({@code own}), the
 * threads the bodies ran on ({@code threads}) and which of their futures ended cancelled ({@code cancelled});
 * then waits for the
 * outcome with {@code get()}, whose {@link ExecutionException} is thrown on as it is, with
 * {@code sameInstance} telling whether its cause is the very exception the last body run created.
 */
final class Awaited {
    private Awaited() {
    }

    static Object outcome(Callable<? extends CompletionStage<?>> call, Map<String, String> extra) throws Exception {
        long start = System.nanoTime();
        CompletionStage<?> stage;
        try {
            stage = call.call();
        } catch (Exception | Error e) {
            extra.put("threw", "true");
            extra.put("threads", BodyRuns.threads());
            throw e;
        }
        extra.put("threw", "false");
        extra.put("returnedMs", String.valueOf((System.nanoTime() - start) / 1_000_000));
        extra.put("type", stage.getClass().getName());
        extra.put("own", String.valueOf(!BodyRuns.returned().isEmpty() && BodyRuns.returned().get(0) == stage));
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            extra.put("sameInstance", String.valueOf(e.getCause() == BodyRuns.lastFailure()));
            throw e;
        } finally {
            extra.put("threads", BodyRuns.threads());
            extra.put("cancelled", BodyRuns.cancelled());
        }
    }

    /** {@link #outcome} of a {@code CompletableFuture} of a {@link Reply}: its status and body. */
    static Object reply(Callable<CompletableFuture<Reply>> call, Map<String, String> extra) throws Exception {
        return outcome(call, extra).toString();
    }
}

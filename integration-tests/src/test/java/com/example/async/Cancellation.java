package com.example.async;

import com.example.support.StepRunner;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A caller that gives up: calls {@link AsyncClient#fetch}, waits until the second attempt has run (its
 * request sent, its answer delayed by the server), cancels its future, and reports whether the attempt in
 * flight was cancelled ({@code inFlightCancelled}). It then waits for that request's answer to arrive and
 * for {@link #GRACE_MS} more, many times the backoff, and reports how many times the body has run by then
 * ({@code runsAfterGrace}): a retry after the cancellation would have run.
 */
final class Cancellation {
    static final long GRACE_MS = 1_000;

    private Cancellation() {
    }

    static Object run(AsyncClient client, String url, Map<String, String> extra) throws Exception {
        CompletableFuture<String> caller = client.fetch(url);
        if (!BodyRuns.awaitRuns(2)) {
            throw new IllegalStateException("the second attempt never ran");
        }
        CompletableFuture<?> inFlight = BodyRuns.returned().get(1);
        CompletableFuture<?> secondRequest = BodyRuns.sent().get(1);
        extra.put("callerCancelled", String.valueOf(caller.cancel(true)));
        extra.put("inFlightCancelled", String.valueOf(settledAsCancelled(inFlight)));
        try {
            secondRequest.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException answeredWithAFailure) {
            // the server's answer arrived either way
        }
        Thread.sleep(GRACE_MS);
        extra.put("runsAfterGrace", String.valueOf(StepRunner.BODY.get()));
        return caller.isCancelled() ? "cancelled" : "not-cancelled";
    }

    /** Waits (at most 10 s) for {@code future} to complete and tells whether it was cancelled. */
    private static boolean settledAsCancelled(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(10, TimeUnit.SECONDS);
            return false;
        } catch (CancellationException e) {
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}

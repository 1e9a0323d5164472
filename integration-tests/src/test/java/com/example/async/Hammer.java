package com.example.async;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many async calls at once: {@code threads} threads, released together, each start {@code perThread}
 * calls of {@link AsyncClient#firstFails} without waiting; then every future is awaited. Reports
 * {@code calls}, {@code ok}, {@code failed} and the first unexpected outcome ({@code firstFailure}).
 */
final class Hammer {
    private Hammer() {
    }

    static Object run(AsyncClient client, String base, int threads, int perThread, Map<String, String> extra)
            throws InterruptedException {
        ConcurrentLinkedQueue<CompletableFuture<String>> futures = new ConcurrentLinkedQueue<>();
        AtomicInteger ids = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread caller = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    futures.add(client.firstFails(base, ids.incrementAndGet()));
                }
            }, "caller-" + t);
            callers.add(caller);
            caller.start();
        }
        start.countDown();
        for (Thread caller : callers) {
            caller.join(60_000);
        }
        int ok = 0;
        int failed = 0;
        String firstFailure = "-";
        for (CompletableFuture<String> future : futures) {
            try {
                future.get(60, TimeUnit.SECONDS);
                ok++;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                if (failed++ == 0) {
                    firstFailure = String.valueOf(e).replace(' ', '_');
                }
            }
        }
        extra.put("calls", String.valueOf(futures.size()));
        extra.put("ok", String.valueOf(ok));
        extra.put("failed", String.valueOf(failed));
        extra.put("firstFailure", firstFailure);
        return futures.size();
    }
}

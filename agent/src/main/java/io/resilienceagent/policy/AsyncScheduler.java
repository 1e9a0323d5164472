package io.resilienceagent.policy;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own scheduler for async methods: their backoff waits, retries and attempt timeouts.
 * A small fixed number of daemon threads ({@value #THREADS}), created on first use: no application
 * thread ever waits for a backoff, and no thread is started per call.
 */
final class AsyncScheduler {
    static final int THREADS = 2;

    private AsyncScheduler() {
    }

    /** Holds the executor, created the first time an async call needs it. */
    private static final class Holder {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, new DaemonThreads());
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return Holder.EXECUTOR.schedule(task, Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Names the threads so a thread dump tells them apart; daemon, so they never keep a JVM alive. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "resilience-agent-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

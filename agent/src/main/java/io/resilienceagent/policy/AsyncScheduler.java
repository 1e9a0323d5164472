package io.resilienceagent.policy;

import java.security.AccessController;
import java.security.PrivilegedAction;
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

    /**
     * Names the threads so a thread dump tells them apart; daemon, so they never keep a JVM alive. The
     * executor starts its threads on whichever thread schedules first, an application's: so a new thread
     * takes nothing from it that could hold the application's class loader for the JVM's lifetime (its
     * context class loader, its inheritable thread-locals, and on JDKs before 24 the protection domains
     * of the application's frames, which {@code doPrivileged} leaves out).
     */
    static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        @SuppressWarnings("removal") // AccessController: a no-op from JDK 24, still needed on 17 to 23
        public Thread newThread(Runnable task) {
            String name = "resilience-agent-async-" + count.incrementAndGet();
            PrivilegedAction<Thread> create = () -> new Thread(null, task, name, 0, false);
            Thread thread = AccessController.doPrivileged(create);
            thread.setContextClassLoader(null);
            thread.setDaemon(true);
            return thread;
        }
    }
}

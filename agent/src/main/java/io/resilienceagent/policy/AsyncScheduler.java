package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;
import java.security.AccessController;
import java.security.PrivilegedAction;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The agent's own threads for async methods: their backoff waits, retries and attempt timeouts, created
 * on first use, daemon. One timer thread keeps the time: when a wait or a timeout ends it hands the
 * task (a retry of the method, or judging a timed-out attempt, each of which may complete the caller's
 * future and so run its dependents) to a pool of worker threads made as needed, whose idle ones end
 * after {@value #IDLE_SECONDS} s; only when {@value #MAX_WORKERS} are busy does it run a task itself. So
 * no application thread ever waits for a backoff, and a dependent that blocks a worker (a {@code join()}
 * on another protected call, say) holds up no other call's retry or timeout.
 */
final class AsyncScheduler {
    static final int IDLE_SECONDS = 30;
    /**
     * The most workers at once; beyond, the timer thread runs a task itself (each is short unless a
     * dependent blocks, so this bounds threads when thousands of retries come due together).
     */
    static final int MAX_WORKERS = 256;

    private AsyncScheduler() {
    }

    /** Holds the executors, created the first time an async call needs them. */
    static final class Holder {
        /** Replaced when found shut down ({@link #workers()}). */
        private static volatile ThreadPoolExecutor workers = newWorkers();
        static final ScheduledThreadPoolExecutor TIMER = new Timer();

        /**
         * The worker pool; a new one when someone shut it down. An application server stopping a web
         * application shuts down the executor of any thread it finds running with that application's
         * class loader as its context class loader (Tomcat, with {@code clearReferencesStopThreads}): a
         * worker running one of its retries. That interrupts the retries in progress, as the server means
         * to, and lets the pool's threads end, which the server waits for (it would stop them otherwise,
         * which Java 20 and later refuse, failing the application's reload); later retries, of every
         * application, run on a new pool (one WARN line).
         */
        static ThreadPoolExecutor workers() {
            ThreadPoolExecutor current = workers;
            if (!current.isShutdown()) {
                return current;
            }
            synchronized (Holder.class) {
                if (workers == current) {
                    workers = newWorkers();
                    if (REPLACED.compareAndSet(false, true)) {
                        AgentLog.warn("resilience-agent's async threads were shut down by another component (an application "
                                + "server stopping a web application's threads, one of which ran that application's retry): "
                                + "the retries then running were interrupted, later ones run on new threads");
                    }
                }
                return workers;
            }
        }

        private static ThreadPoolExecutor newWorkers() {
            return new ThreadPoolExecutor(0, MAX_WORKERS, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                    new DaemonThreads("resilience-agent-async-"), new WhenBusy());
        }
    }

    private static final AtomicBoolean REPLACED = new AtomicBoolean();

    /** All workers busy: the timer thread runs the task itself; the pool shut down meanwhile: a new pool runs it. */
    private static final class WhenBusy implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor pool) {
            if (pool.isShutdown()) {
                Holder.workers().execute(task);
            } else {
                task.run();
            }
        }
    }

    /**
     * The timer thread's executor, which refuses to be shut down (one WARN line): its thread runs an
     * application's task only when all workers are busy, and shut down it would drop every retry waiting
     * for its time.
     */
    private static final class Timer extends ScheduledThreadPoolExecutor {
        Timer() {
            super(1, new DaemonThreads("resilience-agent-async-timer-"));
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public void shutdown() {
            refuseShutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            refuseShutdown();
            return List.of();
        }

        private static void refuseShutdown() {
            if (TIMER_REFUSED.compareAndSet(false, true)) {
                AgentLog.warn("resilience-agent refused to shut down its async timer thread, which serves every "
                        + "application in this JVM for as long as it runs");
            }
        }
    }

    private static final AtomicBoolean TIMER_REFUSED = new AtomicBoolean();

    /**
     * Runs {@code task} on a worker thread after {@code delayNanos}, with {@code contextLoader} as its
     * context class loader (the caller's, which a retry's body may rely on, as its first attempt did);
     * cancelling the returned future before then keeps it from running.
     */
    static ScheduledFuture<?> schedule(Runnable task, long delayNanos, ClassLoader contextLoader) {
        return Holder.TIMER.schedule(new HandOff(task, contextLoader), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Run first by the timer thread, which hands it to a worker; then by the worker, which runs the task. */
    private static final class HandOff implements Runnable {
        private final Runnable task;
        private final ClassLoader contextLoader;
        private boolean onWorker; // written by the timer thread before it hands this over

        HandOff(Runnable task, ClassLoader contextLoader) {
            this.task = task;
            this.contextLoader = contextLoader;
        }

        @Override
        public void run() {
            if (!onWorker) {
                onWorker = true;
                try {
                    Holder.workers().execute(this);
                    return;
                } catch (RuntimeException | OutOfMemoryError noThread) { // "unable to create native thread"
                    AgentLog.debug("resilience-agent ran an async task on its timer thread: " + noThread);
                }
            }
            Thread worker = Thread.currentThread();
            worker.setContextClassLoader(contextLoader);
            try {
                task.run();
            } finally {
                worker.setContextClassLoader(null); // a worker keeps no application's loader while idle
            }
        }
    }

    /**
     * Names the threads so a thread dump tells them apart; daemon, so they never keep a JVM alive. The
     * executors start their threads on whichever thread schedules first, an application's: so a new thread
     * takes nothing from it that could hold the application's class loader for the JVM's lifetime (its
     * context class loader, its inheritable thread-locals, and on JDKs before 24 the protection domains
     * of the application's frames, which {@code doPrivileged} leaves out).
     */
    static final class DaemonThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        DaemonThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        @SuppressWarnings("removal") // AccessController: a no-op from JDK 24, still needed on 17 to 23
        public Thread newThread(Runnable task) {
            String name = prefix + count.incrementAndGet();
            // all of it privileged: a security manager may deny the application's frames on the stack setting a
            // thread's context class loader, and the executor would then never start its thread
            PrivilegedAction<Thread> create = () -> {
                Thread thread = new Thread(null, task, name, 0, false);
                thread.setContextClassLoader(null);
                thread.setDaemon(true);
                return thread;
            };
            return AccessController.doPrivileged(create);
        }
    }
}

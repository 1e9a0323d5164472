package io.resilienceagent.bench.jmh;

import dev.failsafe.spi.Scheduler;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Failsafe {@link Scheduler} that runs a task due now on the calling thread. Failsafe's
 * {@code getStageAsync} hands even the first attempt to its scheduler (by default the common
 * {@code ForkJoinPool}: a thread hand-off per call); with this one the first attempt runs where the call is
 * made, as the agent's and resilience4j's do, so the benchmark compares the policies' own work. A delayed
 * task (a retry's backoff; none on the success path) goes to one daemon thread.
 */
final class InlineScheduler implements Scheduler {
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "bench-failsafe-later");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public ScheduledFuture<?> schedule(Callable<?> task, long delay, TimeUnit unit) {
        if (delay > 0) {
            return LATER.schedule(task, delay, unit);
        }
        try {
            task.call();
            return RanInline.OK;
        } catch (Exception e) {
            return new RanInline(e);
        }
    }

    /** A task that has already run; Failsafe keeps it only to cancel it, which is then a no-op. */
    private static final class RanInline implements ScheduledFuture<Object> {
        static final RanInline OK = new RanInline(null);
        private final Exception failure;

        RanInline(Exception failure) {
            this.failure = failure;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() throws java.util.concurrent.ExecutionException {
            if (failure != null) {
                throw new java.util.concurrent.ExecutionException(failure);
            }
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) throws java.util.concurrent.ExecutionException {
            return get();
        }
    }
}

package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The async scheduler's threads are started on an application's thread, the first to schedule; they
 * live as long as the JVM, so they must take nothing from it that holds the application's class loader.
 */
class AsyncSchedulerThreadsTest {
    private static final InheritableThreadLocal<Object> APPLICATION_VALUE = new InheritableThreadLocal<>();

    @Test
    void aSchedulerThreadTakesNeitherTheContextClassLoaderNorTheInheritableThreadLocalsOfTheThreadThatStartsIt()
            throws Exception {
        AtomicReference<Thread> created = new AtomicReference<>();
        AtomicReference<Object> seen = new AtomicReference<>("not run");
        AtomicReference<ClassLoader> seenLoader = new AtomicReference<>();
        Runnable task = () -> {
            seen.set(APPLICATION_VALUE.get());
            seenLoader.set(Thread.currentThread().getContextClassLoader());
        };
        try (URLClassLoader applicationLoader = new URLClassLoader(new URL[0], null)) {
            Thread application = new Thread(() -> {
                APPLICATION_VALUE.set(new Object());
                created.set(new AsyncScheduler.DaemonThreads("resilience-agent-async-").newThread(task));
            });
            application.setContextClassLoader(applicationLoader);
            application.start();
            application.join();
        }

        Thread scheduler = created.get();
        assertThat(scheduler.getContextClassLoader()).isNull();
        scheduler.start();
        scheduler.join();
        assertThat(seen.get()).as("the application's inheritable thread-local").isNull();
        assertThat(seenLoader.get()).isNull();
        assertThat(scheduler.isDaemon()).isTrue();
        assertThat(scheduler.getName()).startsWith("resilience-agent-async-");
    }

    @Test
    void aWorkerPoolShutDownAsAnApplicationServerDoesWhenItStopsAWebApplicationIsReplaced() throws Exception {
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        AsyncScheduler.schedule(first::countDown, 0, null);
        assertThat(first.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.concurrent.ThreadPoolExecutor shutDown = AsyncScheduler.Holder.workers();

        // what Tomcat does (clearReferencesStopThreads) to the executor of a worker running a stopped application's retry
        shutDown.shutdownNow();
        AsyncScheduler.Holder.TIMER.shutdownNow();

        java.util.concurrent.CountDownLatch later = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AsyncScheduler.schedule(() -> {
            ranOn.set(Thread.currentThread());
            later.countDown();
        }, 1_000_000, null);
        assertThat(later.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("a later retry still runs").isTrue();
        assertThat(AsyncScheduler.Holder.workers()).isNotSameAs(shutDown);
        assertThat(ranOn.get().getName()).as("on a worker, not the timer").doesNotContain("timer");
        assertThat(AsyncScheduler.Holder.TIMER.isShutdown()).isFalse();
    }

    @Test
    void aTaskThatBlocksItsThreadHoldsUpNoOtherTask() throws Exception {
        java.util.concurrent.CountDownLatch third = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch blockersReleased = new java.util.concurrent.CountDownLatch(2);
        Runnable blocker = () -> { // as a dependent of a caller's future that joins another protected call
            try {
                if (third.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    blockersReleased.countDown();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };

        AsyncScheduler.schedule(blocker, 0, null);
        AsyncScheduler.schedule(blocker, 0, null);
        AsyncScheduler.schedule(third::countDown, 1_000_000, null);

        assertThat(blockersReleased.await(30, java.util.concurrent.TimeUnit.SECONDS))
                .as("the third task ran while two others blocked their threads").isTrue();
    }

    @Test
    void aTaskRunsWithTheContextClassLoaderItWasScheduledWithAndItsThreadKeepsNone() throws Exception {
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        try (URLClassLoader applicationLoader = new URLClassLoader(new URL[0], null)) {
            AsyncScheduler.schedule(() -> {
                seen.set(Thread.currentThread().getContextClassLoader());
                thread.set(Thread.currentThread());
                ran.countDown();
            }, 0, applicationLoader);

            assertThat(ran.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(seen.get()).as("the caller's, as on the first attempt").isSameAs(applicationLoader);
        }
        for (int i = 0; i < 100 && thread.get().getContextClassLoader() != null; i++) {
            Thread.sleep(10); // the worker resets it right after the task, in a finally
        }
        assertThat(thread.get().getContextClassLoader()).as("an idle worker keeps no application's loader").isNull();
        assertThat(thread.get().getName()).startsWith("resilience-agent-async-");
        assertThat(thread.get().isDaemon()).isTrue();
    }
}

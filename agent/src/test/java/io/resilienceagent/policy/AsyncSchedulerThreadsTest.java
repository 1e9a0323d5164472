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
                created.set(new AsyncScheduler.DaemonThreads().newThread(task));
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
}

package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Calls counted per thread add up exactly, for threads still running and for threads that have ended. */
class ThreadCallCountsTest {
    private static final int SERVICE = newService();
    private static final int UNCOUNTED = newService();

    @Test
    void countsOfEndedAndRunningThreadsAddUpExactly() throws Exception {
        long before = ThreadCallCounts.total(SERVICE);
        List<Thread> ended = new ArrayList<>();
        for (int t = 0; t < 200; t++) {
            Thread thread = new Thread(() -> count(SERVICE, 1_000));
            thread.start();
            ended.add(thread);
        }
        for (Thread thread : ended) {
            thread.join();
        }
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        Thread running = new Thread(() -> {
            count(SERVICE, 77);
            counted.countDown();
            await(finish);
        });
        running.start();
        counted.await();

        assertThat(ThreadCallCounts.total(SERVICE) - before).isEqualTo(200 * 1_000 + 77);
        finish.countDown();
        running.join();
        assertThat(ThreadCallCounts.total(SERVICE) - before).as("after the last thread ended too").isEqualTo(200 * 1_000 + 77);
    }

    @Test
    void aServiceCountedByNoThreadHasNoCalls() {
        assertThat(ThreadCallCounts.total(UNCOUNTED)).isZero();
    }

    /** A fresh service index: counts of other tests' services do not mix in. */
    private static int newService() {
        return new ServiceGuard(Settings.service("counted", io.resilienceagent.config.RetrySettings.DEFAULTS,
                io.resilienceagent.config.BreakerSettings.DEFAULTS), Timing.SYSTEM, BreakerListener.NONE).index();
    }

    private static void count(int service, int calls) {
        ThreadCallCounts counts = ThreadCalls.current().counts;
        for (int i = 0; i < calls; i++) {
            counts.increment(service);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

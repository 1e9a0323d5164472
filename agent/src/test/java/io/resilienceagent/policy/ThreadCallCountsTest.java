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
    void manyLiveThreadsRegisteringSweepTheListAFewTimesNotOnceEveryFewThreads() throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        Thread live = new Thread(() -> await(finish));
        live.start();
        long before = ThreadCallCounts.sweeps();
        for (int i = 0; i < 20_000; i++) {
            ThreadCallCounts.register(live);
        }
        // each sweep walks the whole list: one every 64 registrations was 312 sweeps of up to 20,000 live
        // threads (a virtual thread per request); one whenever the list has doubled is about log2(20,000 / 64)
        assertThat(ThreadCallCounts.sweeps() - before).isBetween(1L, 16L);
        finish.countDown();
        live.join();
    }

    @Test
    void theCountsOfManyEndedThreadsAreFoldedAndTheListShrinks() throws Exception {
        long before = ThreadCallCounts.total(SERVICE);
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        for (int i = 0; i < 5_000; i++) {
            ThreadCallCounts counts = ThreadCallCounts.register(ended);
            counts.increment(SERVICE); // as its owner did before it ended
        }

        assertThat(ThreadCallCounts.total(SERVICE) - before).isEqualTo(5_000);
        assertThat(ThreadCallCounts.registered()).as("the ended thread's counts left the list").isLessThan(5_000);
        assertThat(ThreadCallCounts.total(SERVICE) - before).as("folded once, not again").isEqualTo(5_000);
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

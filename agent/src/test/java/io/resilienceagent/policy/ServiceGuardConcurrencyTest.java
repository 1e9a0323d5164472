package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.CircuitBreakerOpenException;
import io.resilienceagent.log.AgentLogCapture;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** 64 threads hammer one service through an outage and a recovery; nothing may be lost or doubled. */
class ServiceGuardConcurrencyTest {
    private static final int THREADS = 64;
    private static final int HALF_OPEN_MAX_CALLS = 3;

    @RegisterExtension
    final AgentLogCapture agentLog = new AgentLogCapture();

    private final ManualClock clock = new ManualClock();
    private final Timing timing = new Timing(clock, nanos -> { }, () -> 0.5);
    private final AtomicBoolean serviceUp = new AtomicBoolean(true);
    private final AtomicInteger bodyRuns = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();
    private ExecutorService pool;
    private MethodGuard guard;

    @BeforeEach
    void setUp() {
        pool = Executors.newFixedThreadPool(THREADS);
        ServiceGuard service = new ServiceGuard(Settings.service("shared",
                Settings.retry(2, Duration.ZERO, Duration.ZERO),
                Settings.breaker(10, Duration.ofSeconds(30), HALF_OPEN_MAX_CALLS, HALF_OPEN_MAX_CALLS)),
                timing, new TransitionLog());
        guard = new MethodGuard("Client.call", service);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private void call(Callable<String> body) {
        try {
            ProtectedCall.call(guard, body);
            succeeded.incrementAndGet();
        } catch (CircuitBreakerOpenException e) {
            rejected.incrementAndGet();
        } catch (Exception e) {
            failed.incrementAndGet();
        }
    }

    private String remoteCall() throws ConnectException {
        bodyRuns.incrementAndGet();
        if (!serviceUp.get()) {
            throw new ConnectException("Connection refused");
        }
        return "ok";
    }

    /** Runs {@code callsEach} calls on every thread, all threads released together. */
    private void hammer(int callsEach, Callable<String> body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < callsEach; i++) {
                    call(body);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get(60, TimeUnit.SECONDS);
        }
    }

    private long logLines(String text) {
        return agentLog.text().lines().filter(line -> line.contains(text)).count();
    }

    @Test
    void anOutageAndARecoveryUnder64ThreadsCountEveryCallExactlyOnce() throws Exception {
        hammer(50, this::remoteCall);
        int healthyCalls = THREADS * 50;
        assertThat(succeeded).hasValue(healthyCalls);

        serviceUp.set(false);
        hammer(50, this::remoteCall);
        BreakerStats afterOutage = guard.service().stats();
        assertThat(afterOutage.state()).isEqualTo(BreakerState.OPEN);
        assertThat(logLines("CLOSED -> OPEN")).as("the breaker opens once").isEqualTo(1);
        assertThat(failed.get() + rejected.get()).isEqualTo(THREADS * 50);
        assertThat(afterOutage.totalFailures()).as("every failed attempt reached the service")
                .isEqualTo(bodyRuns.get() - healthyCalls);

        serviceUp.set(true);
        clock.advance(Duration.ofSeconds(30));
        CountDownLatch admitted = new CountDownLatch(HALF_OPEN_MAX_CALLS);
        CountDownLatch releaseTrials = new CountDownLatch(1);
        AtomicInteger trialCalls = new AtomicInteger();
        int rejectedBefore = rejected.get();
        Future<?> trials = pool.submit(() -> {
            hammerWithoutPool(() -> {
                trialCalls.incrementAndGet();
                admitted.countDown();
                releaseTrials.await();
                return remoteCall();
            });
            return null;
        });
        assertThat(admitted.await(30, TimeUnit.SECONDS)).isTrue();
        waitUntil(() -> rejected.get() - rejectedBefore == THREADS - HALF_OPEN_MAX_CALLS);
        releaseTrials.countDown();
        trials.get(60, TimeUnit.SECONDS);

        assertThat(trialCalls).as("HALF_OPEN admits exactly halfOpenMaxCalls trial calls").hasValue(HALF_OPEN_MAX_CALLS);
        assertThat(guard.service().stats().state()).isEqualTo(BreakerState.CLOSED);
        assertThat(logLines("OPEN -> HALF_OPEN")).isEqualTo(1);
        assertThat(logLines("HALF_OPEN -> CLOSED")).isEqualTo(1);

        hammer(50, this::remoteCall);
        BreakerStats stats = guard.service().stats();
        int callerCalls = THREADS * 50 * 3 + THREADS;
        assertThat(succeeded.get() + failed.get() + rejected.get()).isEqualTo(callerCalls);
        assertThat(stats.totalCalls()).as("calls = first attempts + retries").isEqualTo(callerCalls + stats.totalRetries());
        assertThat(stats.totalCalls() - stats.totalRejected()).as("every admitted attempt ran the body")
                .isEqualTo(bodyRuns.get());
        assertThat(stats.totalRejected()).as("each rejection, of a first attempt or a retry, reaches one caller")
                .isEqualTo(rejected.get());
        assertThat(stats.failureCount()).isZero();
    }

    /** The trial phase: every thread calls once, on the threads of a second pool. */
    private void hammerWithoutPool(Callable<String> body) throws Exception {
        ExecutorService trialPool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(trialPool.submit(() -> {
                    start.await();
                    call(body);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            trialPool.shutdownNow();
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 30 s");
            }
            Thread.onSpinWait();
        }
    }
}

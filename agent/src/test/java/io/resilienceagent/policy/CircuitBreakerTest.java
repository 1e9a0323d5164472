package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.policy.BreakerTransition.Cause;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final ManualClock clock = new ManualClock();
    private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();

    private CircuitBreaker breaker(int failureThreshold, int successThreshold, int halfOpenMaxCalls) {
        return new CircuitBreaker("svc", Settings.breaker(failureThreshold, Duration.ofSeconds(60), successThreshold,
                halfOpenMaxCalls), clock, transitions::add);
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int i = 0; i < times; i++) {
            breaker.onFailure(breaker.tryAcquire());
        }
    }

    @Test
    void aHalfOpenPeriodWhoseTrialFailedAdmitsNoOneElse() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(61));
        Object trial = breaker.tryAcquire();
        assertThat(trial).isInstanceOf(HalfOpenTrials.class);

        breaker.onFailure(trial);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(((HalfOpenTrials) trial).tryAdmit())
                .as("a caller that read HALF_OPEN just before: the trial's freed place is not its to take").isFalse();
    }

    @Test
    void lateOutcomesOfTheClosedPeriodBeforeOpenDoNotMoveTheFailureCountReported() {
        CircuitBreaker breaker = breaker(3, 1, 1);
        Object slowSuccess = breaker.tryAcquire();
        Object slowFailure = breaker.tryAcquire();
        fail(breaker, 3);
        assertThat(breaker.failureCount()).isEqualTo(3);

        breaker.onSuccess(slowSuccess);
        breaker.onFailure(slowFailure);

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.failureCount()).as("as when it opened").isEqualTo(3);
        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.failureCount()).isEqualTo(3);
        breaker.onSuccess(breaker.tryAcquire());
        assertThat(breaker.failureCount()).as("a new CLOSED period").isZero();
    }

    @Test
    void opensAfterFailureThresholdConsecutiveFailures() {
        CircuitBreaker breaker = breaker(5, 2, 2);

        fail(breaker, 4);
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.failureCount()).isEqualTo(4);

        fail(breaker, 1);
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).containsExactly(
                new BreakerTransition("svc", BreakerState.CLOSED, BreakerState.OPEN, Cause.FAILURES, 5));
    }

    @Test
    void aSuccessResetsTheConsecutiveCount() {
        CircuitBreaker breaker = breaker(3, 2, 2);

        fail(breaker, 2);
        breaker.onSuccess(breaker.tryAcquire());
        fail(breaker, 2);

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.failureCount()).isEqualTo(2);
    }

    @Test
    void failuresOfCallsAdmittedInAnEarlierClosedPeriodDoNotCountInTheNext() {
        CircuitBreaker breaker = breaker(2, 1, 1);
        Object slowFirst = breaker.tryAcquire();
        Object slowSecond = breaker.tryAcquire();
        fail(breaker, 2); // OPEN, while the two slow calls still run
        clock.advance(Duration.ofSeconds(61));
        breaker.onSuccess(breaker.tryAcquire()); // the trial succeeds: CLOSED again

        breaker.onFailure(slowFirst);
        breaker.onFailure(slowSecond);

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.failureCount()).isZero();
        fail(breaker, 2);
        assertThat(breaker.refreshState()).as("this period's own failures open it").isEqualTo(BreakerState.OPEN);
        assertThat(transitions).extracting(BreakerTransition::cause)
                .containsExactly(Cause.FAILURES, Cause.RECOVERY_TIMEOUT, Cause.TRIALS_SUCCEEDED, Cause.FAILURES);
    }

    @Test
    void ignoredOutcomesCountNeitherWay() {
        CircuitBreaker breaker = breaker(3, 2, 2);

        fail(breaker, 2);
        breaker.onIgnored(breaker.tryAcquire());

        assertThat(breaker.failureCount()).isEqualTo(2);
    }

    @Test
    void rejectsWhileOpenAndTurnsHalfOpenAfterTheRecoveryTimeout() {
        CircuitBreaker breaker = breaker(1, 2, 2);
        fail(breaker, 1);

        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.nanosUntilAdmission()).isEqualTo(Duration.ofSeconds(60).toNanos());
        clock.advance(Duration.ofSeconds(59));
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(breaker.nanosUntilAdmission()).isEqualTo(Duration.ofSeconds(1).toNanos());

        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.nanosUntilAdmission()).isZero();
        assertThat(transitions).extracting(BreakerTransition::to)
                .containsExactly(BreakerState.OPEN, BreakerState.HALF_OPEN);
    }

    @Test
    void closesAfterSuccessThresholdTrialSuccesses() {
        CircuitBreaker breaker = breaker(1, 2, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));

        breaker.onSuccess(breaker.tryAcquire());
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.successCount()).isEqualTo(1);
        breaker.onSuccess(breaker.tryAcquire());

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.failureCount()).isZero();
        assertThat(transitions).extracting(BreakerTransition::cause)
                .containsExactly(Cause.FAILURES, Cause.RECOVERY_TIMEOUT, Cause.TRIALS_SUCCEEDED);
    }

    @Test
    void aTrialFailureReopensForAnotherRecoveryTimeout() {
        CircuitBreaker breaker = breaker(1, 2, 2);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));

        breaker.onFailure(breaker.tryAcquire());

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();
        assertThat(transitions.get(2))
                .isEqualTo(new BreakerTransition("svc", BreakerState.HALF_OPEN, BreakerState.OPEN, Cause.TRIAL_FAILED, 1));
        clock.advance(Duration.ofSeconds(60));
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void halfOpenAdmitsOnlyHalfOpenMaxCallsAtOnce() {
        CircuitBreaker breaker = breaker(1, 3, 2);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));

        Object first = breaker.tryAcquire();
        Object second = breaker.tryAcquire();
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(breaker.tryAcquire()).isNull();

        breaker.onIgnored(first);
        assertThat(breaker.tryAcquire()).as("a released trial slot admits the next caller").isNotNull();
    }

    @Test
    void halfOpenNeverAdmitsMoreTrialsThanNeededToClose() {
        CircuitBreaker breaker = breaker(1, 2, 2);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));
        Object first = breaker.tryAcquire();
        Object second = breaker.tryAcquire();

        breaker.onSuccess(first);

        assertThat(breaker.tryAcquire()).isNull();
        breaker.onSuccess(second);
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void anOutcomeFromAnEarlierStateIsIgnored() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        Object admittedWhileClosed = breaker.tryAcquire();
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));
        Object trial = breaker.tryAcquire();

        breaker.onFailure(admittedWhileClosed);

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
        breaker.onSuccess(trial);
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void resetClosesAndForceOpenOpens() {
        CircuitBreaker breaker = breaker(5, 2, 2);

        breaker.forceOpen();
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).isNull();

        breaker.reset();
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.CLOSED);
        assertThat(breaker.tryAcquire()).isNotNull();
        assertThat(transitions).extracting(BreakerTransition::cause).containsExactly(Cause.FORCED_OPEN, Cause.RESET);
    }

    @Test
    void forcingAnOpenBreakerOpenStartsItsRecoveryAgain() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(30));

        breaker.forceOpen();

        assertThat(breaker.nanosUntilAdmission()).as("recoveryTimeout from the force").isEqualTo(Duration.ofSeconds(60).toNanos());
        assertThat(transitions).as("no state change to report").extracting(BreakerTransition::cause).containsExactly(Cause.FAILURES);
    }

    @Test
    void forcingOpenABreakerWhoseRecoveryTimeHasPassedKeepsItOpen() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(61)); // no call since: still OPEN, HALF_OPEN at the next read

        breaker.forceOpen();

        assertThat(breaker.refreshState()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.tryAcquire()).as("no trial call").isNull();
    }

    @Test
    void peekingTheStateNeverMovesTheBreaker() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(61));

        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(transitions).hasSize(1);
        assertThat(breaker.refreshState()).isEqualTo(BreakerState.HALF_OPEN);
    }

    @Test
    void lastStateChangeFollowsTransitions() {
        CircuitBreaker breaker = breaker(1, 1, 1);
        long created = breaker.lastStateChangeMillis();

        clock.advance(Duration.ofSeconds(5));
        fail(breaker, 1);

        assertThat(breaker.lastStateChangeMillis()).isEqualTo(created + 5_000);
    }

    @Test
    void manyThreadsFailingTogetherOpenTheBreakerExactlyOnce() throws Exception {
        CircuitBreaker breaker = breaker(5, 2, 2);
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 1_000; i++) {
                        Object permit = breaker.tryAcquire();
                        if (permit != null) {
                            breaker.onFailure(permit);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(transitions).containsExactly(
                new BreakerTransition("svc", BreakerState.CLOSED, BreakerState.OPEN, Cause.FAILURES, transitions.get(0).failures()));
        assertThat(transitions.get(0).failures()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void halfOpenAdmitsExactlyHalfOpenMaxCallsConcurrentTrialsUnderManyThreads() throws Exception {
        int maxCalls = 3;
        CircuitBreaker breaker = breaker(1, 10, maxCalls);
        fail(breaker, 1);
        clock.advance(Duration.ofSeconds(60));
        int threads = 64;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        try {
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    Object permit = breaker.tryAcquire();
                    if (permit == null) {
                        rejected.incrementAndGet();
                        return null;
                    }
                    admitted.incrementAndGet();
                    release.await();
                    breaker.onIgnored(permit);
                    return null;
                }));
            }
            start.countDown();
            while (admitted.get() + rejected.get() < threads) {
                Thread.onSpinWait();
            }
            assertThat(admitted.get()).isEqualTo(maxCalls);
            assertThat(rejected.get()).isEqualTo(threads - maxCalls);
            release.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}

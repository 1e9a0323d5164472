package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The retry budget: retries <= ratio x first attempts + minPerSecond x window seconds, over a sliding window. */
class RetryBudgetWindowTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicLong firstAttempts = new AtomicLong();

    private RetryBudgetWindow budget(double ratio, double minPerSecond, Duration window) {
        return new RetryBudgetWindow(ratio, minPerSecond, window.toNanos(), clock, firstAttempts::get);
    }

    private static int take(RetryBudgetWindow budget, int wanted) {
        int taken = 0;
        for (int i = 0; i < wanted; i++) {
            taken += budget.tryAcquire() ? 1 : 0;
        }
        return taken;
    }

    @Test
    void aChangedBudgetKeepsTheCountsOfTheWindowBeforeAndJudgesThemByItsNewLimits() {
        RetryBudgetWindow before = budget(1, 0, Duration.ofSeconds(10));
        before.tryAcquire();
        firstAttempts.addAndGet(10);
        clock.advance(Duration.ofMillis(1));
        assertThat(take(before, 100)).isEqualTo(10);

        RetryBudgetWindow doubled = new RetryBudgetWindow(2, 0, Duration.ofSeconds(10).toNanos(), clock, firstAttempts::get, before);
        assertThat(take(doubled, 100)).as("10 first attempts allow 20 retries, 10 of them spent").isEqualTo(10);

        RetryBudgetWindow longer = new RetryBudgetWindow(3, 0, Duration.ofSeconds(20).toNanos(), clock, firstAttempts::get, doubled);
        assertThat(take(longer, 100)).as("in a longer window too: 30 allowed, 20 spent").isEqualTo(10);

        clock.advance(Duration.ofSeconds(6));
        RetryBudgetWindow shorter = new RetryBudgetWindow(3, 0, Duration.ofSeconds(5).toNanos(), clock, firstAttempts::get, longer);
        firstAttempts.addAndGet(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(take(shorter, 100)).as("what is older than the shorter window no longer counts: 1 first attempt, 3 retries")
                .isEqualTo(3);
    }

    @Test
    void aShorterWindowKeepsWhatABucketOfTheLongerOneCountedWithinIt() {
        RetryBudgetWindow minute = budget(1, 0, Duration.ofMinutes(1)); // buckets of 6 s
        minute.tryAcquire();
        clock.advance(Duration.ofMillis(1600)); // into the minute's bucket that began up to 6 s before the reload
        firstAttempts.addAndGet(100);
        clock.advance(Duration.ofMillis(1));
        assertThat(take(minute, 200)).isEqualTo(100);
        clock.advance(Duration.ofMillis(4400));

        RetryBudgetWindow fiveSeconds = new RetryBudgetWindow(0.1, 1, Duration.ofSeconds(5).toNanos(), clock, firstAttempts::get,
                minute);

        assertThat(take(fiveSeconds, 100)).as("100 retries of the last 5 s against 0.1 x 100 + 5 allowed").isZero();
    }

    @Test
    void aQuietServiceMayRetryAtTheFloorRate() {
        RetryBudgetWindow budget = budget(0.2, 10, Duration.ofSeconds(10));

        assertThat(take(budget, 150)).as("10 per second over 10 s").isEqualTo(100);
    }

    @Test
    void retriesMayAddTheRatioOnTopOfFirstAttempts() {
        RetryBudgetWindow budget = budget(0.2, 0, Duration.ofSeconds(10));
        budget.tryAcquire(); // the window starts counting first attempts from here
        firstAttempts.addAndGet(1_000);
        clock.advance(Duration.ofMillis(1)); // a reading less than a millisecond old is not taken again

        assertThat(take(budget, 500)).isEqualTo(200);
    }

    @Test
    void aDeniedRetryTakesNothingAndTheCountIsReadAgainBeforeDenyingOnAReadingOlderThanAMillisecond() {
        RetryBudgetWindow budget = budget(1, 0, Duration.ofSeconds(10));
        budget.tryAcquire();
        assertThat(budget.tryAcquire()).isFalse();

        firstAttempts.addAndGet(5);
        assertThat(budget.tryAcquire()).as("a reading less than a millisecond old stands").isFalse();
        clock.advance(Duration.ofMillis(1));

        assertThat(take(budget, 10)).as("the new first attempts count a millisecond later, not a bucket later").isEqualTo(5);
    }

    @Test
    void firstAttemptsMadeBeforeTheFirstRetryOfTheWindowCount() {
        RetryBudgetWindow budget = budget(0.5, 0, Duration.ofSeconds(10));
        firstAttempts.addAndGet(4);
        clock.advance(Duration.ofSeconds(3));

        assertThat(take(budget, 5)).as("4 first attempts within the window allow 2 retries").isEqualTo(2);
    }

    @Test
    void afterAQuietSpellOnlyTheWindowsShareOfTheFirstAttemptsCounts() {
        RetryBudgetWindow budget = budget(0.2, 0, Duration.ofSeconds(10));
        // 1,000 first attempts at an even rate over 100 s, no retry asked meanwhile
        clock.advance(Duration.ofSeconds(100));
        firstAttempts.addAndGet(1_000);

        assertThat(take(budget, 100)).as("90 to 100 of them fall in the window (its oldest bucket began 9 to 10 s ago)")
                .isBetween(18, 20);
    }

    @Test
    void retriesLeaveTheWindowAsItSlides() {
        RetryBudgetWindow budget = budget(0.2, 1, Duration.ofSeconds(10));
        assertThat(take(budget, 20)).isEqualTo(10);

        clock.advance(Duration.ofSeconds(5));
        assertThat(budget.tryAcquire()).as("still within the window").isFalse();
        clock.advance(Duration.ofSeconds(6));

        assertThat(take(budget, 20)).as("the first retries have left the window").isEqualTo(10);
    }
}

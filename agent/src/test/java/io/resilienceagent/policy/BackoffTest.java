package io.resilienceagent.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.resilienceagent.config.Jitter;
import io.resilienceagent.config.RetrySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void defaultCurveWaitsOneTwoFourEightThenClampsAtMaxWait() {
        Backoff backoff = new Backoff(RetrySettings.DEFAULTS, () -> 0.5);

        assertThat(backoff.waitNanos(1, 0)).isEqualTo(1 * SECOND);
        assertThat(backoff.waitNanos(2, 0)).isEqualTo(2 * SECOND);
        assertThat(backoff.waitNanos(3, 0)).isEqualTo(4 * SECOND);
        assertThat(backoff.waitNanos(4, 0)).isEqualTo(8 * SECOND);
        assertThat(backoff.waitNanos(5, 0)).isEqualTo(10 * SECOND);
        assertThat(backoff.waitNanos(60, 0)).isEqualTo(10 * SECOND);
    }

    @Test
    void minWaitRaisesSmallWaitsAndMultiplierScalesTheCurve() {
        Backoff backoff = new Backoff(
                Settings.retry(5, Duration.ofMillis(300), Duration.ofSeconds(10), 0.1, Jitter.NONE), () -> 0.5);

        assertThat(backoff.waitNanos(1, 0)).isEqualTo(300_000_000L);
        assertThat(backoff.waitNanos(2, 0)).isEqualTo(300_000_000L);
        assertThat(backoff.waitNanos(3, 0)).isEqualTo(400_000_000L);
        assertThat(backoff.waitNanos(4, 0)).isEqualTo(800_000_000L);
    }

    @Test
    void fullJitterStaysBetweenZeroAndTheWait() {
        RetrySettings settings = Settings.retry(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, Jitter.FULL);

        assertThat(new Backoff(settings, () -> 0.0).waitNanos(3, 0)).isZero();
        assertThat(new Backoff(settings, () -> 0.999_999).waitNanos(3, 0)).isBetween(3_999_990_000L, 4 * SECOND);
    }

    @Test
    void equalJitterStaysBetweenHalfTheWaitAndTheWait() {
        RetrySettings settings = Settings.retry(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, Jitter.EQUAL);

        assertThat(new Backoff(settings, () -> 0.0).waitNanos(3, 0)).isEqualTo(2 * SECOND);
        assertThat(new Backoff(settings, () -> 0.999_999).waitNanos(3, 0)).isBetween(3_999_990_000L, 4 * SECOND);
    }

    @Test
    void decorrelatedJitterStaysBetweenMinWaitAndThreeTimesThePreviousWaitCappedAtMaxWait() {
        RetrySettings settings = Settings.retry(5, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, Jitter.DECORRELATED);

        assertThat(new Backoff(settings, () -> 0.0).waitNanos(2, 2 * SECOND)).isEqualTo(SECOND);
        assertThat(new Backoff(settings, () -> 0.999_999).waitNanos(2, 2 * SECOND)).isBetween(5_999_990_000L, 6 * SECOND);
        assertThat(new Backoff(settings, () -> 0.999_999).waitNanos(3, 6 * SECOND)).isEqualTo(10 * SECOND);
    }

    @Test
    void jitteredWaitsNeverLeaveTheirBoundsWithRealRandomness() {
        for (Jitter jitter : Jitter.values()) {
            Backoff backoff = new Backoff(
                    Settings.retry(5, Duration.ofMillis(100), Duration.ofSeconds(2), 1, jitter), RandomSource.DEFAULT);
            long previous = 0;
            for (int i = 0; i < 10_000; i++) {
                long wait = backoff.waitNanos(1 + i % 6, previous);
                assertThat(wait).as(jitter.name()).isBetween(0L, 2 * SECOND);
                if (jitter == Jitter.DECORRELATED) {
                    assertThat(wait).isGreaterThanOrEqualTo(100_000_000L);
                }
                previous = wait;
            }
        }
    }

    @Test
    void retryAfterIsCappedAtMaxWait() {
        Backoff backoff = new Backoff(RetrySettings.DEFAULTS, () -> 0.5);

        assertThat(backoff.capNanos(3 * SECOND)).isEqualTo(3 * SECOND);
        assertThat(backoff.capNanos(120 * SECOND)).isEqualTo(10 * SECOND);
    }
}

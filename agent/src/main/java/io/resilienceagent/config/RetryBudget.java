package io.resilienceagent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A cap on retries across all calls of a service, so that an outage is not multiplied by
 * {@code maxAttempts}: over a sliding {@code window}, a retry is allowed while
 * {@code retries <= ratio * first attempts + minPerSecond * window seconds}.
 *
 * @param ratio retries may add at most this fraction on top of first attempts; above 0, at most 10
 * @param minPerSecond retries always allowed per second of the window, so that a quiet service can retry; >= 0
 * @param window how far back attempts are counted; above 0
 */
public record RetryBudget(double ratio, double minPerSecond, Duration window) {
    /** {@code minPerSecond} when the config does not set it. */
    public static final double DEFAULT_MIN_PER_SECOND = 10;
    /** {@code window} when the config does not set it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    public RetryBudget {
        Objects.requireNonNull(window, "window");
        boolean valid = ratio > 0 && ratio <= 10 && minPerSecond >= 0 && Double.isFinite(minPerSecond)
                && !window.isNegative() && !window.isZero();
        if (!valid) {
            throw new IllegalArgumentException("a retry budget needs 0 < ratio <= 10, minPerSecond >= 0 and a window > 0");
        }
    }
}

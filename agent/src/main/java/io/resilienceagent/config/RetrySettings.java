package io.resilienceagent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The retry part of one service's settings, after defaults are merged and values validated.
 *
 * @param maxAttempts total attempts including the first; 1 means no retry
 * @param minWait lower clamp of the backoff wait
 * @param maxWait upper clamp of the backoff wait, also the cap on a {@code Retry-After} wait
 * @param multiplier the {@code multiplier} of {@code multiplier * 2^(n-1)} seconds
 * @param jitter how the clamped wait is randomised
 * @param retryOn exception class names retried in addition to the built-in transient set
 * @param abortOn exception class names never retried, even when transient
 * @param retryOnStatus HTTP statuses that count as transient failures
 */
public record RetrySettings(
        int maxAttempts,
        Duration minWait,
        Duration maxWait,
        double multiplier,
        Jitter jitter,
        List<String> retryOn,
        List<String> abortOn,
        StatusSet retryOnStatus) {

    /** The values a service gets when neither {@code defaults} nor the service set them. */
    public static final RetrySettings DEFAULTS = new RetrySettings(
            3, Duration.ofSeconds(1), Duration.ofSeconds(10), 1.0, Jitter.NONE,
            List.of(), List.of(), StatusSet.parseDefault());

    public RetrySettings {
        Objects.requireNonNull(minWait, "minWait");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(retryOnStatus, "retryOnStatus");
        retryOn = List.copyOf(retryOn);
        abortOn = List.copyOf(abortOn);
    }
}

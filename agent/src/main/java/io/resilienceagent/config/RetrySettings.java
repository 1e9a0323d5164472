package io.resilienceagent.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param statusAccessors method names read for an HTTP status before the built-in ones
 * @param attemptTimeout for async methods, how long an attempt's future may take before it counts as a
 *        transient failure ({@code TimeoutException}) and is cancelled; empty for no limit
 * @param budget the cap on retries across the service's calls; empty for none
 */
public record RetrySettings(
        int maxAttempts,
        Duration minWait,
        Duration maxWait,
        double multiplier,
        Jitter jitter,
        List<String> retryOn,
        List<String> abortOn,
        StatusSet retryOnStatus,
        List<String> statusAccessors,
        Optional<Duration> attemptTimeout,
        Optional<RetryBudget> budget) {

    /** The values a service gets when neither {@code defaults} nor the service set them. */
    public static final RetrySettings DEFAULTS = new RetrySettings(
            3, Duration.ofSeconds(1), Duration.ofSeconds(10), 1.0, Jitter.NONE,
            List.of(), List.of(), StatusSet.parseDefault(), List.of());

    public RetrySettings {
        Objects.requireNonNull(minWait, "minWait");
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(retryOnStatus, "retryOnStatus");
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        Objects.requireNonNull(budget, "budget");
        retryOn = List.copyOf(retryOn);
        abortOn = List.copyOf(abortOn);
        statusAccessors = List.copyOf(statusAccessors);
    }

    /** Settings without an attempt timeout or a retry budget. */
    public RetrySettings(int maxAttempts, Duration minWait, Duration maxWait, double multiplier, Jitter jitter,
            List<String> retryOn, List<String> abortOn, StatusSet retryOnStatus, List<String> statusAccessors) {
        this(maxAttempts, minWait, maxWait, multiplier, jitter, retryOn, abortOn, retryOnStatus, statusAccessors,
                Optional.empty(), Optional.empty());
    }

    /** A builder starting from {@code base}: {@code RetrySettings.from(DEFAULTS).maxAttempts(5).build()}. */
    public static Builder from(RetrySettings base) {
        return new Builder(base);
    }

    /** Changes some values of a base: how the config merges a section over what it inherits, and how tests build settings. */
    public static final class Builder {
        private int maxAttempts;
        private Duration minWait;
        private Duration maxWait;
        private double multiplier;
        private Jitter jitter;
        private List<String> retryOn;
        private List<String> abortOn;
        private StatusSet retryOnStatus;
        private List<String> statusAccessors;
        private Optional<Duration> attemptTimeout;
        private Optional<RetryBudget> budget;

        private Builder(RetrySettings base) {
            maxAttempts = base.maxAttempts;
            minWait = base.minWait;
            maxWait = base.maxWait;
            multiplier = base.multiplier;
            jitter = base.jitter;
            retryOn = base.retryOn;
            abortOn = base.abortOn;
            retryOnStatus = base.retryOnStatus;
            statusAccessors = base.statusAccessors;
            attemptTimeout = base.attemptTimeout;
            budget = base.budget;
        }

        public Builder maxAttempts(int value) {
            maxAttempts = value;
            return this;
        }

        public Builder minWait(Duration value) {
            minWait = value;
            return this;
        }

        public Builder maxWait(Duration value) {
            maxWait = value;
            return this;
        }

        /** Both wait bounds at once. */
        public Builder waits(Duration min, Duration max) {
            return minWait(min).maxWait(max);
        }

        public Builder multiplier(double value) {
            multiplier = value;
            return this;
        }

        public Builder jitter(Jitter value) {
            jitter = value;
            return this;
        }

        public Builder retryOn(List<String> value) {
            retryOn = value;
            return this;
        }

        public Builder abortOn(List<String> value) {
            abortOn = value;
            return this;
        }

        public Builder retryOnStatus(StatusSet value) {
            retryOnStatus = value;
            return this;
        }

        public Builder statusAccessors(List<String> value) {
            statusAccessors = value;
            return this;
        }

        /** The attempt timeout, or empty for none. */
        public Builder attemptTimeout(Optional<Duration> value) {
            attemptTimeout = value;
            return this;
        }

        /** The retry budget, or empty for none. */
        public Builder budget(Optional<RetryBudget> value) {
            budget = value;
            return this;
        }

        public RetrySettings build() {
            return new RetrySettings(maxAttempts, minWait, maxWait, multiplier, jitter, retryOn, abortOn,
                    retryOnStatus, statusAccessors, attemptTimeout, budget);
        }
    }
}

package io.resilienceagent.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The circuit-breaker part of one service's settings, after defaults are merged and values validated.
 *
 * @param failureThreshold consecutive transient failures that open the breaker
 * @param recoveryTimeout how long the breaker stays OPEN before it admits trial calls (HALF_OPEN)
 * @param successThreshold successful trial calls in HALF_OPEN that close it again
 * @param halfOpenMaxCalls trial calls admitted at once while HALF_OPEN; the rest are rejected
 * @param openException class name thrown instead of {@code CircuitBreakerOpenException}, if set
 */
public record BreakerSettings(
        int failureThreshold,
        Duration recoveryTimeout,
        int successThreshold,
        int halfOpenMaxCalls,
        Optional<String> openException) {

    /** The values a service gets when neither {@code defaults} nor the service set them. */
    public static final BreakerSettings DEFAULTS =
            new BreakerSettings(5, Duration.ofSeconds(60), 2, 2, Optional.empty());

    public BreakerSettings {
        Objects.requireNonNull(recoveryTimeout, "recoveryTimeout");
        Objects.requireNonNull(openException, "openException");
    }

    /** A builder starting from {@code base}: {@code BreakerSettings.from(DEFAULTS).failureThreshold(3).build()}. */
    public static Builder from(BreakerSettings base) {
        return new Builder(base);
    }

    /** Changes some values of a base: how the config merges a section over what it inherits, and how tests build settings. */
    public static final class Builder {
        private int failureThreshold;
        private Duration recoveryTimeout;
        private int successThreshold;
        private int halfOpenMaxCalls;
        private Optional<String> openException;

        private Builder(BreakerSettings base) {
            failureThreshold = base.failureThreshold;
            recoveryTimeout = base.recoveryTimeout;
            successThreshold = base.successThreshold;
            halfOpenMaxCalls = base.halfOpenMaxCalls;
            openException = base.openException;
        }

        public Builder failureThreshold(int value) {
            failureThreshold = value;
            return this;
        }

        public Builder recoveryTimeout(Duration value) {
            recoveryTimeout = value;
            return this;
        }

        public Builder successThreshold(int value) {
            successThreshold = value;
            return this;
        }

        public Builder halfOpenMaxCalls(int value) {
            halfOpenMaxCalls = value;
            return this;
        }

        /** The class thrown while open, or empty for {@code CircuitBreakerOpenException}. */
        public Builder openException(Optional<String> value) {
            openException = value;
            return this;
        }

        public BreakerSettings build() {
            return new BreakerSettings(failureThreshold, recoveryTimeout, successThreshold, halfOpenMaxCalls,
                    openException);
        }
    }
}

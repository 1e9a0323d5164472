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
}

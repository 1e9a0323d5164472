package io.resilienceagent.config;

import java.util.Objects;

/**
 * Everything the engine needs to protect one service: its name, retry and breaker settings.
 *
 * @param name the service name, as written under {@code services}
 * @param retry the merged retry settings
 * @param circuitBreaker the merged circuit-breaker settings
 */
public record ServiceSettings(String name, RetrySettings retry, BreakerSettings circuitBreaker) {
    public ServiceSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
    }
}

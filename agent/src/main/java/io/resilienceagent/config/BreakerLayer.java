package io.resilienceagent.config;

import java.time.Duration;
import java.util.Optional;

/**
 * The circuit-breaker keys one section of the file sets; merged key by key over a base.
 * {@code openException} is {@code Optional.of(Optional.empty())} when the section says {@code null}.
 */
record BreakerLayer(
        Optional<Integer> failureThreshold,
        Optional<Duration> recoveryTimeout,
        Optional<Integer> successThreshold,
        Optional<Integer> halfOpenMaxCalls,
        Optional<Optional<String>> openException) {

    static final BreakerLayer EMPTY =
            new BreakerLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    BreakerSettings over(BreakerSettings base) {
        return new BreakerSettings(
                failureThreshold.orElse(base.failureThreshold()),
                recoveryTimeout.orElse(base.recoveryTimeout()),
                successThreshold.orElse(base.successThreshold()),
                halfOpenMaxCalls.orElse(base.halfOpenMaxCalls()),
                openException.orElse(base.openException()));
    }
}

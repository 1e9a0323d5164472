package io.resilienceagent.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The retry keys one section of the file sets; merged key by key over a base. {@code valid} is false
 * when a key was present but wrong, so checks across keys do not report on a stand-in value.
 */
record RetryLayer(
        Optional<Integer> maxAttempts,
        Optional<Duration> minWait,
        Optional<Duration> maxWait,
        Optional<Double> multiplier,
        Optional<Jitter> jitter,
        Optional<List<String>> retryOn,
        Optional<List<String>> abortOn,
        Optional<StatusSet> retryOnStatus,
        Optional<List<String>> statusAccessors,
        boolean valid) {

    static final RetryLayer EMPTY = new RetryLayer(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true);

    RetrySettings over(RetrySettings base) {
        return new RetrySettings(
                maxAttempts.orElse(base.maxAttempts()),
                minWait.orElse(base.minWait()),
                maxWait.orElse(base.maxWait()),
                multiplier.orElse(base.multiplier()),
                jitter.orElse(base.jitter()),
                retryOn.orElse(base.retryOn()),
                abortOn.orElse(base.abortOn()),
                retryOnStatus.orElse(base.retryOnStatus()),
                statusAccessors.orElse(base.statusAccessors()));
    }

    boolean setsWaitBounds() {
        return minWait.isPresent() || maxWait.isPresent();
    }
}

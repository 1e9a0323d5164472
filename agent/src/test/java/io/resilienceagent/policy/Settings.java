package io.resilienceagent.policy;

import io.resilienceagent.config.BreakerSettings;
import io.resilienceagent.config.Jitter;
import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.ServiceSettings;
import io.resilienceagent.config.StatusSet;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Builds settings for tests, starting from the documented defaults. */
final class Settings {
    private Settings() {
    }

    static RetrySettings retry(int maxAttempts, Duration minWait, Duration maxWait) {
        return RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(maxAttempts).waits(minWait, maxWait).build();
    }

    static RetrySettings retry(int maxAttempts, Duration minWait, Duration maxWait, double multiplier, Jitter jitter) {
        return RetrySettings.from(RetrySettings.DEFAULTS).maxAttempts(maxAttempts).waits(minWait, maxWait)
                .multiplier(multiplier).jitter(jitter).build();
    }

    static RetrySettings retryOn(List<String> retryOn, List<String> abortOn, StatusSet statuses) {
        return RetrySettings.from(RetrySettings.DEFAULTS).retryOn(retryOn).abortOn(abortOn).retryOnStatus(statuses).build();
    }

    static BreakerSettings breaker(int failureThreshold, Duration recovery, int successThreshold, int halfOpenMaxCalls) {
        return new BreakerSettings(failureThreshold, recovery, successThreshold, halfOpenMaxCalls, Optional.empty());
    }

    static BreakerSettings breakerWithOpenException(String className) {
        BreakerSettings d = BreakerSettings.DEFAULTS;
        return new BreakerSettings(1, d.recoveryTimeout(), d.successThreshold(), d.halfOpenMaxCalls(),
                Optional.of(className));
    }

    static ServiceSettings service(String name, RetrySettings retry, BreakerSettings breaker) {
        return new ServiceSettings(name, retry, breaker);
    }
}

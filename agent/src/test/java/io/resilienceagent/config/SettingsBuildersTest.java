package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsBuildersTest {

    @Test
    void aBreakerBuilderChangesOnlyWhatItIsTold() {
        BreakerSettings busy = BreakerSettings.from(BreakerSettings.DEFAULTS)
                .failureThreshold(3).openException(Optional.of("com.example.Busy")).build();

        assertThat(busy).isEqualTo(new BreakerSettings(3, Duration.ofSeconds(60), 2, 2, Optional.of("com.example.Busy")));
        assertThat(BreakerSettings.from(busy).recoveryTimeout(Duration.ofSeconds(5)).successThreshold(1).halfOpenMaxCalls(4)
                .openException(Optional.empty()).build())
                .isEqualTo(new BreakerSettings(3, Duration.ofSeconds(5), 1, 4, Optional.empty()));
    }

    @Test
    void aRetryBuilderKeepsTheBaseValuesItIsNotToldToChange() {
        RetryBudget budget = new RetryBudget(0.2, 10, Duration.ofSeconds(10));
        RetrySettings base = RetrySettings.from(RetrySettings.DEFAULTS).retryOn(List.of("com.example.Flaky")).build();

        RetrySettings changed = RetrySettings.from(base).minWait(Duration.ZERO).attemptTimeout(Optional.of(Duration.ofSeconds(2)))
                .budget(Optional.of(budget)).build();

        assertThat(changed.minWait()).isZero();
        assertThat(changed.maxWait()).isEqualTo(base.maxWait());
        assertThat(changed.retryOn()).containsExactly("com.example.Flaky");
        assertThat(changed.attemptTimeout()).contains(Duration.ofSeconds(2));
        assertThat(changed.budget()).contains(budget);
        assertThat(RetrySettings.from(changed).attemptTimeout(Optional.empty()).budget(Optional.empty()).build())
                .isEqualTo(RetrySettings.from(base).minWait(Duration.ZERO).build());
    }
}

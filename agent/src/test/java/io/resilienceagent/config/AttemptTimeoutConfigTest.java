package io.resilienceagent.config;

import static io.resilienceagent.config.Yamls.onlyProblem;
import static io.resilienceagent.config.Yamls.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttemptTimeoutConfigTest {

    @Test
    void thereIsNoAttemptTimeoutUnlessOneIsSet() throws ConfigException {
        ResilienceConfig config = parse("services:\n  api: {}\n");

        assertThat(config.services().get("api").retry().attemptTimeout()).isEmpty();
        assertThat(RetrySettings.DEFAULTS.attemptTimeout()).isEmpty();
    }

    @Test
    void aTimeoutInDefaultsIsInheritedOverriddenOrClearedWithNullPerService() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                  retry: { attemptTimeout: 2s, maxAttempts: 4 }
                services:
                  inherits: {}
                  shorter:
                    retry: { attemptTimeout: 250ms }
                  seconds:
                    retry: { attemptTimeout: 1.5 }
                  cleared:
                    retry: { attemptTimeout: null }
                  cleared_by_tilde:
                    retry:
                      attemptTimeout: ~
                """);

        assertThat(config.services().get("inherits").retry().attemptTimeout()).contains(Duration.ofSeconds(2));
        assertThat(config.services().get("shorter").retry().attemptTimeout()).contains(Duration.ofMillis(250));
        assertThat(config.services().get("seconds").retry().attemptTimeout()).contains(Duration.ofMillis(1500));
        assertThat(config.services().get("cleared").retry().attemptTimeout()).isEmpty();
        assertThat(config.services().get("cleared_by_tilde").retry().attemptTimeout()).isEmpty();
        assertThat(config.services().get("cleared").retry().maxAttempts()).as("other keys still merge").isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "attemptTimeout: 0      | 4 | 23 | expected a duration greater than 0, such as 30s, found 0",
            "attemptTimeout: 0ms    | 4 | 23 | expected a duration greater than 0, such as 30s, found 0ms",
            "attemptTimeout: -1s    | 4 | 23 | a duration cannot be negative, found '-1s'",
            "attemptTimeout: 25h    | 4 | 23 | a duration can be at most 24h, found '25h'",
            "attemptTimeout: soon   | 4 | 23 | expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found 'soon'",
            "attemptTimeout: true   | 4 | 23 | wrong type: expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, or null, found the boolean true",
            "attemptTimeout: [1s]   | 4 | 23 | wrong type: expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, or null, found a list",
    })
    void aBadAttemptTimeoutIsReportedAtItsValue(String entry, int line, int column, String message) {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      " + entry + "\n");

        assertThat(problem.line()).isEqualTo(line);
        assertThat(problem.column()).isEqualTo(column);
        assertThat(problem.keyPath()).isEqualTo("services.api.retry.attemptTimeout");
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void aBadAttemptTimeoutInDefaultsIsReportedOnceOnTheDefaults() {
        ConfigProblem problem = onlyProblem("defaults:\n  retry: { attemptTimeout: 0 }\nservices:\n  a: {}\n  b: {}\n");

        assertThat(problem.keyPath()).isEqualTo("defaults.retry.attemptTimeout");
        assertThat(problem.line()).isEqualTo(2);
        assertThat(problem.column()).isEqualTo(28);
    }

    @Test
    void aMisspeltAttemptTimeoutIsAnUnknownKeyWithASuggestion() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry: { atemptTimeout: 2s }\n");

        assertThat(problem.keyPath()).isEqualTo("services.api.retry.atemptTimeout");
        assertThat(problem.message()).startsWith("unknown key; did you mean 'attemptTimeout'? Valid keys: ");
    }
}

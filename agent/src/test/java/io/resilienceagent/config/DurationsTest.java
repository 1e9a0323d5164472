package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "250ms, 250",
            "1s, 1000",
            "1.5s, 1500",
            "2m, 120000",
            "1h, 3600000",
            "0.5, 500",
            "3, 3000",
            ".25s, 250",
            "0, 0",
            "0ms, 0",
            "10 s, 10000",
            "2M, 120000",
            "24h, 86400000",
    })
    void acceptedForms(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void subMillisecondPrecisionIsKept() {
        assertThat(Durations.parse("0.0000015s")).isEqualTo(Duration.ofNanos(1500));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "fast", "1d", "1 sec", "1s2", "1e3s", "PT1S", "1,5s", "--1s", "1.2.3s"})
    void otherFormsAreRejectedWithTheAcceptedOnesListed(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse(text))
                .withMessageStartingWith("expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found '");
    }

    @Test
    void negativeAndOverADayAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("-5ms"))
                .withMessage("a duration cannot be negative, found '-5ms'");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("1441m"))
                .withMessage("a duration can be at most 24h, found '1441m'");
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parse("9".repeat(30)))
                .withMessageStartingWith("a duration can be at most 24h");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0, 0s", "250, 250ms", "1000, 1s", "1500, 1.5s", "120000, 2m", "3600000, 1h", "90000, 90s"})
    void formatGivesTheShortestExactForm(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
    }

    @Test
    void yamlNumbersAndNumericStringsAreSeconds() throws ConfigException {
        ResilienceConfig config = Yamls.parse("""
                services:
                  a: { retry: { minWait: 0.5, maxWait: 2 } }
                  b: { retry: { minWait: "0.25", maxWait: 1_0 }, circuitBreaker: { recoveryTimeout: 1.5 } }
                """);

        assertThat(config.services().get("a").retry().minWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.services().get("a").retry().maxWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.services().get("b").retry().minWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.services().get("b").retry().maxWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.services().get("b").circuitBreaker().recoveryTimeout()).isEqualTo(Duration.ofMillis(1500));
    }
}

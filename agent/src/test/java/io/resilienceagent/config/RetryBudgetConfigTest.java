package io.resilienceagent.config;

import static io.resilienceagent.config.Yamls.onlyProblem;
import static io.resilienceagent.config.Yamls.parse;
import static io.resilienceagent.config.Yamls.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBudgetConfigTest {
    private static final String MISSING_RATIO = "missing the required key 'ratio' (retries may add at most this "
            + "fraction on top of first attempts), for example budget: { ratio: 0.2 }";

    @Test
    void thereIsNoBudgetUnlessOneIsSet() throws ConfigException {
        assertThat(parse("services:\n  api: {}\n").services().get("api").retry().budget()).isEmpty();
        assertThat(RetrySettings.DEFAULTS.budget()).isEmpty();
    }

    @Test
    void aBudgetWithEveryKeyIsReadAsWritten() throws ConfigException {
        ResilienceConfig config = parse("""
                services:
                  api:
                    retry:
                      budget: { ratio: 0.2, minPerSecond: 2.5, window: 30s }
                """);

        assertThat(config.services().get("api").retry().budget())
                .contains(new RetryBudget(0.2, 2.5, Duration.ofSeconds(30)));
    }

    @Test
    void aRatioAloneGetsTenRetriesASecondOverTenSeconds() throws ConfigException {
        ResilienceConfig config = parse("services:\n  api:\n    retry:\n      budget:\n        ratio: 10\n");

        assertThat(config.services().get("api").retry().budget())
                .contains(new RetryBudget(10, RetryBudget.DEFAULT_MIN_PER_SECOND, RetryBudget.DEFAULT_WINDOW));
        assertThat(RetryBudget.DEFAULT_MIN_PER_SECOND).isEqualTo(10);
        assertThat(RetryBudget.DEFAULT_WINDOW).hasSeconds(10);
    }

    @Test
    void aServiceMergesItsBudgetKeysOverTheBudgetInDefaultsOrSwitchesItOffWithNull() throws ConfigException {
        ResilienceConfig config = parse("""
                defaults:
                  retry:
                    budget: { ratio: 0.1, window: 1m }
                services:
                  inherits: {}
                  more_per_second:
                    retry: { budget: { minPerSecond: 0 } }
                  own_ratio:
                    retry: { budget: { ratio: 0.5 } }
                  unchanged:
                    retry: { budget: {} }
                  off:
                    retry: { budget: null, maxAttempts: 2 }
                """);

        RetryBudget fromDefaults = new RetryBudget(0.1, 10, Duration.ofMinutes(1));
        assertThat(config.services().get("inherits").retry().budget()).contains(fromDefaults);
        assertThat(config.services().get("more_per_second").retry().budget()).contains(new RetryBudget(0.1, 0, Duration.ofMinutes(1)));
        assertThat(config.services().get("own_ratio").retry().budget()).contains(new RetryBudget(0.5, 10, Duration.ofMinutes(1)));
        assertThat(config.services().get("unchanged").retry().budget()).contains(fromDefaults);
        assertThat(config.services().get("off").retry().budget()).isEmpty();
        assertThat(config.services().get("off").retry().maxAttempts()).isEqualTo(2);
    }

    @Test
    void aBudgetWithoutARatioToInheritNeedsOne() {
        ConfigProblem problem = onlyProblem("""
                services:
                  api:
                    retry:
                      budget: { minPerSecond: 5 }
                """);

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(7);
        assertThat(problem.keyPath()).isEqualTo("services.api.retry.budget");
        assertThat(problem.message()).isEqualTo(MISSING_RATIO);
    }

    @Test
    void anEmptyBudgetInDefaultsNeedsARatioTooAndIsReportedOnce() {
        ConfigProblem problem = onlyProblem("defaults:\n  retry:\n    budget: {}\nservices:\n  a: {}\n  b: {}\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(5);
        assertThat(problem.keyPath()).isEqualTo("defaults.retry.budget");
        assertThat(problem.message()).isEqualTo(MISSING_RATIO);
    }

    @Test
    void aServiceThatSwitchedTheBudgetOffCannotChangeOnlyPartOfIt() {
        ConfigProblem problem = onlyProblem("""
                defaults:
                  retry: { budget: null }
                services:
                  api: { retry: { budget: { window: 5s } } }
                """);

        assertThat(problem.keyPath()).isEqualTo("services.api.retry.budget");
        assertThat(problem.message()).isEqualTo(MISSING_RATIO);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ratio: 0             | ratio        | 24 | expected a number > 0 and <= 10, found 0",
            "ratio: -0.5          | ratio        | 24 | expected a number > 0 and <= 10, found -0.5",
            "ratio: 10.5          | ratio        | 24 | expected a number > 0 and <= 10, found 10.5",
            "ratio: lots          | ratio        | 24 | wrong type: expected a number > 0 and <= 10, found the string 'lots'",
            "ratio: .inf          | ratio        | 24 | expected a number > 0 and <= 10 written in decimal, such as 2 or 1.5, found '.inf'",
            "ratio: 0.2, minPerSecond: -1    | minPerSecond | 43 | expected a number >= 0, found -1",
            "ratio: 0.2, minPerSecond: true  | minPerSecond | 43 | wrong type: expected a number >= 0, found the boolean true",
            "ratio: 0.2, window: 0           | window       | 37 | expected a duration greater than 0, such as 30s, found 0",
            "ratio: 0.2, window: -5s         | window       | 37 | a duration cannot be negative, found '-5s'",
            "ratio: 0.2, window: always      | window       | 37 | expected a duration such as 250ms, 1.5s, 2m, 1h or a number of seconds such as 0.5, found 'always'",
    })
    void aBadBudgetValueIsReportedAtTheValue(String keys, String key, int column, String message) {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      budget: { " + keys + " }\n");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(column);
        assertThat(problem.keyPath()).isEqualTo("services.api.retry.budget." + key);
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void anUnknownBudgetKeyNamesTheValidOnes() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry:\n      budget: { ratio: 0.2, windw: 5s }\n");

        assertThat(problem.line()).isEqualTo(4);
        assertThat(problem.column()).isEqualTo(29);
        assertThat(problem.keyPath()).isEqualTo("services.api.retry.budget.windw");
        assertThat(problem.message()).isEqualTo("unknown key; did you mean 'window'? Valid keys: ratio, minPerSecond, window");
    }

    @Test
    void aBudgetThatIsNoMappingIsAWrongType() {
        ConfigProblem problem = onlyProblem("services:\n  api:\n    retry: { budget: 0.2 }\n");

        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(22);
        assertThat(problem.keyPath()).isEqualTo("services.api.retry.budget");
        assertThat(problem.message())
                .isEqualTo("wrong type: expected a mapping with the keys ratio, minPerSecond, window, or null, found the number 0.2");
    }

    @Test
    void everyBadBudgetValueIsReportedAndABadRatioIsNotAlsoMissing() {
        List<ConfigProblem> problems = problems("""
                services:
                  api:
                    retry:
                      budget:
                        ratio: 0
                        minPerSecond: -1
                        window: 0s
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::keyPath).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, "services.api.retry.budget.ratio"),
                org.assertj.core.groups.Tuple.tuple(6, "services.api.retry.budget.minPerSecond"),
                org.assertj.core.groups.Tuple.tuple(7, "services.api.retry.budget.window"));
    }

    @Test
    void aBudgetValueObjectRefusesWhatTheConfigRefuses() {
        assertThatThrownBy(() -> new RetryBudget(0, 10, Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBudget(0.2, -1, Duration.ofSeconds(10))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBudget(0.2, 10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}

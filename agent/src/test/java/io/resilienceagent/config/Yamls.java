package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

/** Test helpers: parse inline YAML and get the config or the problems. */
final class Yamls {
    static final String SOURCE = "test.yaml";

    private Yamls() {
    }

    static ResilienceConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, SOURCE);
    }

    static ConfigException failure(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, SOURCE));
        assertThat(e).as("expected the config to be rejected").isNotNull();
        return e;
    }

    static List<ConfigProblem> problems(String yaml) {
        return failure(yaml).problems();
    }

    static ConfigProblem onlyProblem(String yaml) {
        List<ConfigProblem> problems = problems(yaml);
        assertThat(problems).as("problems").hasSize(1);
        return problems.get(0);
    }
}

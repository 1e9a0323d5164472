package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {
    private static final String NL = System.lineSeparator();

    @Test
    void messageIsAHeaderAndOneLinePerProblemSortedByPosition() {
        ConfigException e = new ConfigException("/etc/r.yaml", List.of(
                new ConfigProblem("/etc/r.yaml", 12, 20, "services.b.circuitBreaker.failureThreshold", "expected a whole number >= 1, found 0"),
                new ConfigProblem("/etc/r.yaml", 7, 7, "services.a.retry.maxAtempts", "unknown key")));

        assertThat(e.getMessage()).isEqualTo("Invalid resilience-agent config /etc/r.yaml (2 problems):" + NL
                + "  /etc/r.yaml:7:7: services.a.retry.maxAtempts: unknown key" + NL
                + "  /etc/r.yaml:12:20: services.b.circuitBreaker.failureThreshold: expected a whole number >= 1, found 0");
        assertThat(e.problems()).extracting(ConfigProblem::line).containsExactly(7, 12);
        assertThat(e.problemCount()).isEqualTo(2);
    }

    @Test
    void singleProblemWithoutPositionOrKey() {
        ConfigException e = ConfigException.of("r.yaml", "file not found");

        assertThat(e.getMessage()).isEqualTo("Invalid resilience-agent config r.yaml (1 problem):" + NL + "  r.yaml: file not found");
        assertThat(e.source()).isEqualTo("r.yaml");
    }

    @Test
    void listingStopsAtTwentyProblems() {
        List<ConfigProblem> problems = new ArrayList<>();
        for (int line = 1; line <= 25; line++) {
            problems.add(new ConfigProblem("r.yaml", line, 1, "k" + line, "bad"));
        }

        ConfigException e = new ConfigException("r.yaml", problems);

        assertThat(e.getMessage().split(NL)).hasSize(22);
        assertThat(e.getMessage()).startsWith("Invalid resilience-agent config r.yaml (25 problems):")
                .contains("r.yaml:20:1: k20: bad").doesNotContain("k21").endsWith("  ... and 5 more problems");
        assertThat(e.problems()).hasSize(25);
    }

    @Test
    void hugeNumbersOfProblemsAreCountedButNotAllKept() {
        StringBuilder yaml = new StringBuilder("services:\n  api:\n    retry:\n      retryOnStatus: [");
        for (int i = 0; i < 3000; i++) {
            yaml.append(i == 0 ? "" : ",").append("1");
        }
        ConfigException e = Yamls.failure(yaml.append("]\n").toString());

        assertThat(e.problemCount()).isEqualTo(3000);
        assertThat(e.problems()).hasSize(Problems.MAX_KEPT);
        assertThat(e.getMessage()).contains("(3000 problems)").endsWith("... and 2980 more problems");
    }

    @Test
    void needsAtLeastOneProblemAndValidPositions() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConfigException("r.yaml", List.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> new ConfigProblem("r.yaml", -1, 0, "", "x"));
    }
}

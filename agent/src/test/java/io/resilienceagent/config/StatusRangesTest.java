package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusRangesTest {

    private static StatusSet statuses(String list) throws ConfigException {
        return Yamls.parse("services:\n  api:\n    retry:\n      retryOnStatus: " + list + "\n")
                .services().get("api").retry().retryOnStatus();
    }

    @Test
    void intsQuotedSinglesAndRangesMix() throws ConfigException {
        StatusSet set = statuses("[408, \"429\", \"500-502\", 599-599, ' 520 - 521 ']");

        assertThat(set.contains(408)).isTrue();
        assertThat(set.contains(429)).isTrue();
        assertThat(set.contains(500)).isTrue();
        assertThat(set.contains(502)).isTrue();
        assertThat(set.contains(503)).isFalse();
        assertThat(set.contains(521)).isTrue();
        assertThat(set.contains(599)).isTrue();
        assertThat(set.contains(404)).isFalse();
    }

    @Test
    void boundsAreInclusive() throws ConfigException {
        StatusSet set = statuses("[\"100-599\"]");

        assertThat(set.contains(100)).isTrue();
        assertThat(set.contains(599)).isTrue();
        assertThat(set.contains(600)).isFalse();
    }

    @Test
    void theDefaultIs408429AndThe5xxRange() throws ConfigException {
        StatusSet set = Yamls.parse("services:\n  api: {}\n").services().get("api").retry().retryOnStatus();

        assertThat(set).isEqualTo(StatusSet.parseDefault());
        assertThat(set.contains(503)).isTrue();
        assertThat(set.contains(404)).isFalse();
    }

    @Test
    void anEmptyListRetriesNoStatus() throws ConfigException {
        assertThat(statuses("[]").isEmpty()).isTrue();
    }

    @Test
    void everyBadEntryIsReported() {
        assertThat(Yamls.problems("services:\n  api:\n    retry:\n      retryOnStatus: [600, \"599-500\", abc, 503, 1.5]\n"))
                .extracting(ConfigProblem::keyPath)
                .containsExactly("services.api.retry.retryOnStatus[0]", "services.api.retry.retryOnStatus[1]",
                        "services.api.retry.retryOnStatus[2]", "services.api.retry.retryOnStatus[4]");
    }
}

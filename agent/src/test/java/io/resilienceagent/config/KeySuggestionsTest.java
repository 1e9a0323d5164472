package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    private static final List<String> KEYS = SchemaReader.RETRY_KEYS;

    @Test
    void distance_counts_insertions_deletions_substitutions_and_swaps() {
        assertThat(KeySuggestions.distance("maxAttempts", "maxAttempts")).isZero();
        assertThat(KeySuggestions.distance("maxAtempts", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("maxAttemtps", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("maxAttemptz", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void closest_key_within_two_edits_or_equal_ignoring_case_and_separators() {
        assertThat(KeySuggestions.closest("maxAtempts", KEYS)).contains("maxAttempts");
        assertThat(KeySuggestions.closest("MAXWAIT", KEYS)).contains("maxWait");
        assertThat(KeySuggestions.closest("retry_on_status", KEYS)).contains("retryOnStatus");
        assertThat(KeySuggestions.closest("minWiat", KEYS)).contains("minWait");
    }

    @Test
    void nothing_is_suggested_for_unrelated_or_exact_input() {
        assertThat(KeySuggestions.closest("timeout", KEYS)).isEmpty();
        assertThat(KeySuggestions.closest("maxAttempts", KEYS)).isEmpty();
        assertThat(KeySuggestions.closest("x".repeat(10_000), KEYS)).isEmpty();
    }

    @Test
    void short_inputs_need_a_closer_match() {
        assertThat(KeySuggestions.closest("ab", List.of("api"))).isEmpty();
        assertThat(KeySuggestions.closest("apj", List.of("api"))).contains("api");
    }

    @Test
    void the_closest_of_several_candidates_wins() {
        assertThat(KeySuggestions.closest("minWaitt", KEYS)).contains("minWait");
        assertThat(KeySuggestions.didYouMean("jiter", KEYS)).isEqualTo("; did you mean 'jitter'?");
        assertThat(KeySuggestions.didYouMean("zzz", KEYS)).isEmpty();
    }
}

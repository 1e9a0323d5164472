package io.resilienceagent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggestionsTest {
    private static final List<String> KEYS = SchemaReader.RETRY_KEYS;

    @Test
    void distanceCountsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(KeySuggestions.distance("maxAttempts", "maxAttempts")).isZero();
        assertThat(KeySuggestions.distance("maxAtempts", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("maxAttemtps", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("maxAttemptz", "maxAttempts")).isEqualTo(1);
        assertThat(KeySuggestions.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void closestKeyWithinTwoEditsOrEqualIgnoringCaseAndSeparators() {
        assertThat(KeySuggestions.closest("maxAtempts", KEYS)).contains("maxAttempts");
        assertThat(KeySuggestions.closest("MAXWAIT", KEYS)).contains("maxWait");
        assertThat(KeySuggestions.closest("retry_on_status", KEYS)).contains("retryOnStatus");
        assertThat(KeySuggestions.closest("minWiat", KEYS)).contains("minWait");
    }

    @Test
    void nothingIsSuggestedForUnrelatedOrExactInput() {
        assertThat(KeySuggestions.closest("timeout", KEYS)).isEmpty();
        assertThat(KeySuggestions.closest("maxAttempts", KEYS)).isEmpty();
        assertThat(KeySuggestions.closest("x".repeat(10_000), KEYS)).isEmpty();
    }

    @Test
    void shortInputsNeedACloserMatch() {
        assertThat(KeySuggestions.closest("ab", List.of("api"))).isEmpty();
        assertThat(KeySuggestions.closest("apj", List.of("api"))).contains("api");
    }

    @Test
    void theClosestOfSeveralCandidatesWins() {
        assertThat(KeySuggestions.closest("minWaitt", KEYS)).contains("minWait");
        assertThat(KeySuggestions.didYouMean("jiter", KEYS)).isEqualTo("; did you mean 'jitter'?");
        assertThat(KeySuggestions.didYouMean("zzz", KEYS)).isEmpty();
    }
}

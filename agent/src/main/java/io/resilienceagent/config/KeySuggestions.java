package io.resilienceagent.config;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names: the closest candidate within a small edit distance. */
final class KeySuggestions {
    static final int MAX_DISTANCE = 2;
    private static final int MAX_COMPARED_LENGTH = 100;
    private static final int MAX_CANDIDATES = 200;

    private KeySuggestions() {
    }

    /**
     * The candidate the input most likely meant: equal ignoring case, {@code _} and {@code -}, or
     * within Damerau-Levenshtein distance 2 (1 for inputs of three characters or fewer). Long inputs
     * and large candidate sets get no suggestion, which keeps a hostile file cheap to check.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        if (input.length() > MAX_COMPARED_LENGTH || candidates.size() > MAX_CANDIDATES) {
            return Optional.empty();
        }
        String normalisedInput = normalise(input);
        int limit = input.length() <= 3 ? 1 : MAX_DISTANCE;
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(input)) {
                continue;
            }
            int score;
            if (normalise(candidate).equals(normalisedInput)) {
                score = 0;
            } else if (Math.abs(candidate.length() - input.length()) > limit) {
                continue;
            } else {
                int distance = distance(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
                if (distance > limit) {
                    continue;
                }
                score = distance;
            }
            if (score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "; did you mean 'x'?" or an empty string. */
    /** The message for an unknown key: the valid key it is close to, or the section it belongs in, and the valid keys. */
    static String unknownKey(String key, List<String> validKeys) {
        String suggestion = didYouMean(key, validKeys);
        if (suggestion.isEmpty()) {
            suggestion = SchemaReader.sectionOf(key).map(section -> " here; it belongs under " + section + ".").orElse("");
        }
        return "unknown key" + suggestion + (suggestion.isEmpty() ? "; valid keys: " : " Valid keys: ") + String.join(", ", validKeys);
    }

    static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "; did you mean " + NodeText.quote(c) + "?").orElse("");
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int value = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    value = Math.min(value, d[i - 2][j - 2] + 1);
                }
                d[i][j] = value;
            }
        }
        return d[a.length()][b.length()];
    }
}

package io.resilienceagent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How a computed backoff wait is randomised, with the definitions of the AWS Architecture Blog
 * article "Exponential Backoff And Jitter".
 */
public enum Jitter {
    /** The wait is exactly the clamped exponential value. */
    NONE,
    /** A uniform random wait in {@code [0, wait]}. */
    FULL,
    /** Half the wait plus a uniform random part of the other half: {@code [wait/2, wait]}. */
    EQUAL,
    /** {@code min(maxWait, random(minWait, previousWait * 3))}, independent of the attempt number. */
    DECORRELATED;

    /** The names as the config writes them: {@code none, full, equal, decorrelated}. */
    static final String NAMES = "none, full, equal, decorrelated";

    /** The name as written in the config file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The jitter a config names, in any letter case.
     *
     * @throws IllegalArgumentException naming the valid values, and the one meant if the name is misspelt
     */
    static Jitter parse(String written) {
        String name = written.strip();
        List<String> names = new ArrayList<>();
        for (Jitter jitter : values()) {
            if (jitter.configName().equalsIgnoreCase(name)) {
                return jitter;
            }
            names.add(jitter.configName());
        }
        String suggestion = KeySuggestions.didYouMean(name, names);
        throw new IllegalArgumentException("unknown jitter " + NodeText.quote(name) + suggestion
                + (suggestion.isEmpty() ? "; valid" : " Valid") + " values: " + NAMES);
    }
}

package io.resilienceagent.config;

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

    /** The name as written in the config file. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

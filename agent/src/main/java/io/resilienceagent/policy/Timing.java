package io.resilienceagent.policy;

/**
 * The engine's sources of time and chance, injected together so that tests can run every
 * timing-dependent path without sleeping.
 */
public record Timing(Clock clock, Sleeper sleeper, RandomSource random) {
    /** Real time, real sleeps, thread-local randomness. */
    public static final Timing SYSTEM = new Timing(Clock.SYSTEM, Sleeper.SYSTEM, RandomSource.DEFAULT);
}

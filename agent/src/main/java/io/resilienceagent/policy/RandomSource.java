package io.resilienceagent.policy;

import java.util.concurrent.ThreadLocalRandom;

/** Uniform randomness for jitter; tests inject fixed values to check the bounds of each mode. */
@FunctionalInterface
public interface RandomSource {
    /** {@link ThreadLocalRandom}: no contention, no allocation. */
    RandomSource DEFAULT = () -> ThreadLocalRandom.current().nextDouble();

    /** A value in {@code [0, 1)}. */
    double nextDouble();
}

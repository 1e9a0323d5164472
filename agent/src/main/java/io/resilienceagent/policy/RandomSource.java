package io.resilienceagent.policy;

import java.util.concurrent.ThreadLocalRandom;

/** Uniform randomness for jitter; tests inject fixed values to check the bounds of each mode. */
@FunctionalInterface
public interface RandomSource {
    /** {@link ThreadLocalRandom}: no contention, no allocation. */
    RandomSource DEFAULT = new ThreadLocalSource();

    /** A value in {@code [0, 1)}. */
    double nextDouble();

    /** A class rather than a lambda: a lambda costs a generated class at start-up, before {@code main}. */
    final class ThreadLocalSource implements RandomSource {
        private ThreadLocalSource() {
        }

        @Override
        public double nextDouble() {
            return ThreadLocalRandom.current().nextDouble();
        }
    }
}

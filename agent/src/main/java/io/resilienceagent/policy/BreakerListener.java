package io.resilienceagent.policy;

/** Told of every breaker state change, on the thread that caused it; must not throw. */
@FunctionalInterface
public interface BreakerListener {
    BreakerListener NONE = transition -> { };

    void onTransition(BreakerTransition transition);
}

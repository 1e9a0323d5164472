package io.resilienceagent.bootstrap;

/**
 * A decision of the engine for an async method: return {@link #value} from the woven method instead of
 * running the body (an OPEN breaker: a failed future) or instead of what the body returned (the caller's
 * future, which the agent completes with the outcome of the attempts). Woven code checks for it with
 * {@code instanceof} after {@link Dispatcher#enter} and {@link Dispatcher#exit}.
 */
public final class Replacement {
    /** What the woven method returns; always of the method's declared return type. */
    public final Object value;

    public Replacement(Object value) {
        this.value = value;
    }
}

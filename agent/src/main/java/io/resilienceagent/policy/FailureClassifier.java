package io.resilienceagent.policy;

import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.StatusSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether an outcome is a transient failure: an exception in the built-in set or
 * {@code retryOn} (on the exception or anywhere along its cause chain) that no {@code abortOn} class
 * vetoes, or a returned or thrown object whose HTTP status is in {@code retryOnStatus}.
 *
 * <p>Classes are matched by name against the class and its superclasses, so the names in the config
 * file never need loading and work whichever class loader the exception comes from.
 */
public final class FailureClassifier {
    private static final int MAX_CAUSE_DEPTH = 32;

    private final List<String> retryOn;
    private final List<String> abortOn;
    private final StatusSet retryOnStatus;

    public FailureClassifier(RetrySettings settings) {
        this.retryOn = settings.retryOn();
        this.abortOn = settings.abortOn();
        this.retryOnStatus = settings.retryOnStatus();
    }

    /** Whether a successfully returned value is a failure by its status. */
    public boolean isFailingStatus(int status) {
        return status != StatusExtractor.NO_STATUS && retryOnStatus.contains(status);
    }

    /** Whether {@code thrown} is worth another attempt. */
    public boolean isTransient(Throwable thrown) {
        List<Throwable> chain = causeChain(thrown);
        for (Throwable t : chain) {
            for (String name : abortOn) {
                if (isInstanceOf(t.getClass(), name)) {
                    return false;
                }
            }
        }
        for (Throwable t : chain) {
            if (TransientExceptions.matches(t) || isFailingStatus(StatusExtractor.statusOf(t))) {
                return true;
            }
            for (String name : retryOn) {
                if (isInstanceOf(t.getClass(), name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The exception and its causes, without repeats, at most {@value #MAX_CAUSE_DEPTH} deep. */
    static List<Throwable> causeChain(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        java.util.ArrayList<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null && chain.size() < MAX_CAUSE_DEPTH && seen.put(t, Boolean.TRUE) == null;
                t = causeOf(t)) {
            chain.add(t);
        }
        return chain;
    }

    /** An application's {@code getCause()} may throw; the chain then ends there. */
    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | LinkageError broken) {
            return null;
        }
    }

    /** Whether {@code type} is the class named {@code className} or one of its subclasses. */
    static boolean isInstanceOf(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }
}

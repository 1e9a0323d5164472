package io.resilienceagent.policy;

import io.resilienceagent.config.RetrySettings;
import io.resilienceagent.config.StatusSet;
import java.util.List;

/**
 * Decides whether an outcome is a transient failure: an exception in the built-in set or
 * {@code retryOn} (on the exception or anywhere along its cause chain) that no {@code abortOn} class
 * vetoes, or a returned or thrown object whose HTTP status is in {@code retryOnStatus}.
 *
 * <p>Classes are matched by name against the class and its superclasses, so the names in the config
 * file never need loading and work whichever class loader the exception comes from.
 */
public final class FailureClassifier {
    static final int MAX_CAUSE_DEPTH = 32;

    private final List<String> retryOn;
    private final List<String> abortOn;
    private final StatusSet retryOnStatus;
    private final StatusReader statusReader;

    public FailureClassifier(RetrySettings settings) {
        this.retryOn = settings.retryOn();
        this.abortOn = settings.abortOn();
        this.retryOnStatus = settings.retryOnStatus();
        this.statusReader = StatusReader.withAccessors(settings.statusAccessors());
    }

    /** Reads statuses with the service's {@code statusAccessor} names and the built-in ones. */
    public StatusReader statusReader() {
        return statusReader;
    }

    /** Whether a successfully returned value is a failure by its status. */
    public boolean isFailingStatus(int status) {
        return status != StatusReader.NO_STATUS && retryOnStatus.contains(status);
    }

    /**
     * Whether {@code thrown} is worth another attempt. Walks the cause chain at most
     * {@value #MAX_CAUSE_DEPTH} links deep (a cyclic chain merely repeats checks) and allocates nothing.
     */
    public boolean isTransient(Throwable thrown) {
        if (!abortOn.isEmpty()) {
            Throwable t = thrown;
            for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = causeOf(t)) {
                for (String name : abortOn) {
                    if (isInstanceOf(t.getClass(), name)) {
                        return false;
                    }
                }
            }
        }
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = causeOf(t)) {
            if (TransientExceptions.matches(t) || isFailingStatus(statusReader.statusOf(t))) {
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

    /** An application's {@code getCause()} may throw; the chain then ends there. */
    static Throwable causeOf(Throwable t) {
        try {
            Throwable cause = t.getCause();
            return cause == t ? null : cause;
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

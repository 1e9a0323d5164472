package io.resilienceagent.policy;

import java.lang.ref.WeakReference;

/**
 * Remembers, per thread, the last failure that a protected method gave up on after using all its
 * attempts. When an outer protected method on the same thread sees that same failure (or a wrapper of
 * it), it records it but does not retry it: nested protection costs at most {@code maxAttempts}
 * attempts, not {@code maxAttempts} squared. Touched only on failure paths.
 */
final class ExhaustedOutcomes {
    private static final ThreadLocal<WeakReference<Object>> LAST = new ThreadLocal<>();

    private ExhaustedOutcomes() {
    }

    static void remember(Object outcome) {
        if (outcome != null) {
            LAST.set(new WeakReference<>(outcome));
        }
    }

    /** Whether {@code returned}, or {@code thrown} or one of its causes, was already given up on. */
    static boolean contains(Object returned, Throwable thrown) {
        WeakReference<Object> ref = LAST.get();
        Object last = ref == null ? null : ref.get();
        if (last == null) {
            return false;
        }
        if (thrown == null) {
            return returned == last;
        }
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < FailureClassifier.MAX_CAUSE_DEPTH; depth++, t = FailureClassifier.causeOf(t)) {
            if (t == last) {
                return true;
            }
        }
        return false;
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.CircuitBreakerOpenException;

/**
 * One protected call in progress on one thread, from its first attempt to its outcome: the woven
 * code's admission token, handed from attempt to attempt. Frames belong to their thread's
 * {@link ThreadCalls} and are reused call after call; a call writes only primitive fields of its
 * frame unless it fails, is a trial call, or has other settings or another breaker period than the
 * frame's previous call (another service, a reload since, a breaker OPEN since), so it allocates
 * nothing and, call after call of one service, costs no GC write barrier.
 */
final class CallFrame {
    final ThreadCalls thread;
    /** Position on the thread's stack of calls: 0 for the outermost call. */
    final int index;

    /** {@link ServiceGuard#index()} of the call's service; -1 while the frame is free. */
    int service = -1;
    /**
     * The service's settings the call started with, kept for all its attempts. Written only when it
     * differs from the frame's previous call's, so a thread calling one service writes no reference.
     */
    ServicePolicy policy;
    /**
     * The breaker's permit for the attempt in progress. Kept when the call ends: in the CLOSED state it
     * is the same object call after call, so a thread calling one service writes no reference.
     */
    Object permit;
    int failedAttempts;
    long previousWaitNanos;
    /**
     * What a nested call of another service ended with during this attempt: a failure it gave up on (its
     * own retries exhausted), which this call records but does not retry again; or, when
     * {@link #insideRejected}, the rejection its breaker gave, which is no failure, so this call neither
     * counts nor retries it, whatever its class or wrapping. One field, so that a call's end clears one.
     */
    Object inside;
    boolean insideRejected;
    /** For an attempt that retries an async call (run by the agent's scheduler): that call; else null. */
    AsyncCall asyncCall;

    CallFrame(ThreadCalls thread, int index) {
        this.thread = thread;
        this.index = index;
    }

    void begin(int service, Object permit, ServicePolicy policy) {
        this.service = service;
        if (this.policy != policy) {
            this.policy = policy;
        }
        if (this.permit != permit) {
            this.permit = permit;
        }
        this.failedAttempts = 0;
        this.previousWaitNanos = 0;
    }

    /** Whether {@code returned}, or {@code thrown} or one of its causes, is what a nested call gave up on. */
    boolean gaveUpInsideOn(Object returned, Throwable thrown) {
        Object given = inside;
        if (given == null || insideRejected) {
            return false;
        }
        return thrown == null ? returned == given : inChain(given, thrown);
    }

    /**
     * The breaker's rejection {@code thrown} is, or holds among its causes as the rejection a nested call
     * got; null when it is none.
     */
    Throwable rejectionIn(Throwable thrown) {
        if (thrown instanceof CircuitBreakerOpenException) {
            return thrown;
        }
        Object rejection = inside;
        return rejection != null && insideRejected && inChain(rejection, thrown) ? (Throwable) rejection : null;
    }

    private static boolean inChain(Object wanted, Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < FailureClassifier.MAX_CAUSE_DEPTH; depth++, t = FailureClassifier.causeOf(t)) {
            if (t == wanted) {
                return true;
            }
        }
        return false;
    }

    /** Ends the call: the frame and any frames still above it are free again. */
    void end() {
        thread.popTo(this);
    }

    /** Ends the call after giving up on {@code failure}, which the enclosing call will not retry. */
    void endGivingUp(Object failure) {
        CallFrame enclosing = thread.enclosing(this);
        if (enclosing != null) {
            enclosing.inside = failure;
            enclosing.insideRejected = false;
        }
        end();
    }

    /** A call nested in this one was rejected by its breaker: this call may get {@code rejection}, wrapped or not. */
    void rejectedInside(Throwable rejection) {
        inside = rejection;
        insideRejected = true;
    }

    /** Frees the frame; drops references to application objects, so an idle thread holds none alive. */
    void clear() {
        service = -1;
        if (inside != null) {
            inside = null;
        }
        if (asyncCall != null) {
            asyncCall = null;
        }
    }
}

package io.resilienceagent.policy;

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
     * A failure that a nested call of another service gave up on during this attempt (its own retries
     * exhausted): this call records it but does not retry it again.
     */
    Object gaveUpInside;
    /**
     * The rejection a nested call of another service got from its breaker during this attempt: a
     * rejection is no failure, so this call does not count or retry it, whatever its class or wrapping.
     */
    Throwable rejectedInside;
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
        Object given = gaveUpInside;
        if (given == null) {
            return false;
        }
        return thrown == null ? returned == given : inChain(given, thrown);
    }

    /** Whether {@code thrown} or one of its causes is the rejection a nested call got. */
    boolean rejectedInsideOn(Throwable thrown) {
        Throwable rejection = rejectedInside;
        return rejection != null && inChain(rejection, thrown);
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
            enclosing.gaveUpInside = failure;
        }
        end();
    }

    /** Frees the frame; drops references to application objects, so an idle thread holds none alive. */
    void clear() {
        service = -1;
        if (gaveUpInside != null) {
            gaveUpInside = null;
        }
        if (rejectedInside != null) {
            rejectedInside = null;
        }
        if (asyncCall != null) {
            asyncCall = null;
        }
    }
}

package io.resilienceagent.policy;

/**
 * The protected calls in progress on one thread, outermost first, and the thread's call counts.
 * Woven methods nest on a thread in strict order (each attempt ends before its caller's does), so
 * this is a stack. It tells whether a call is nested inside a call of the same service (and so is
 * part of it), and lets a nested call tell its enclosing call what it gave up on.
 *
 * <p>Frames are created once per depth and thread and reused; a call's end clears what its frame
 * referenced, so an idle thread keeps no application object alive.
 */
final class ThreadCalls {
    /** An anonymous class rather than {@code withInitial(lambda)}: a lambda costs a generated class. */
    private static final ThreadLocal<ThreadCalls> CURRENT = new ThreadLocal<>() {
        @Override
        protected ThreadCalls initialValue() {
            return new ThreadCalls();
        }
    };

    /**
     * The calls of recently active threads, by thread id modulo the length: a hit skips the thread-local
     * map, the largest single cost of a call's path. An entry is checked against its thread (held
     * weakly, through the counts), so a collision or an id a {@code Thread} subclass makes up only costs
     * the slower lookup. Written racily: any entry read is a whole, valid one.
     */
    private static final ThreadCalls[] RECENT = new ThreadCalls[256];

    final ThreadCallCounts counts = ThreadCallCounts.forCurrentThread();
    /** Lookups of this thread that missed {@link #RECENT}; touched by the owner only. */
    private int misses;
    private CallFrame[] frames = new CallFrame[0];
    private int depth;
    /** The async call whose retry the agent's scheduler is about to run on this thread, until its method takes it. */
    private AsyncCall pendingRetry;
    private Class<?> pendingRetryOwner;

    static ThreadCalls current() {
        Thread thread = Thread.currentThread();
        int slot = (int) thread.getId() & (RECENT.length - 1);
        ThreadCalls calls = RECENT[slot];
        if (calls != null && calls.counts.isOwnedBy(thread)) {
            return calls;
        }
        calls = CURRENT.get();
        // cached at a thread's 2nd, 4th, 8th... miss: a thread that makes one call (a virtual thread per
        // request) never writes the shared table, and two threads that share a slot rarely do
        int miss = ++calls.misses;
        if (miss > 1 && (miss & (miss - 1)) == 0) {
            RECENT[slot] = calls;
        }
        return calls;
    }

    /** Whether a call of the service {@code service} ({@link ServiceGuard#index()}) is in progress on this thread. */
    boolean isInside(int service) {
        for (int i = 0; i < depth; i++) {
            if (frames[i].service == service) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a call above the ones in progress; {@code permit} null stands for a CLOSED breaker's;
     * {@code policy} is the service's settings the call runs with.
     */
    CallFrame push(int service, Object permit, ServicePolicy policy) {
        if (depth == frames.length) {
            grow();
        }
        CallFrame frame = frames[depth++];
        frame.begin(service, permit, policy);
        return frame;
    }

    /**
     * Ends {@code frame}'s call. Frames above it are ended too: they can only be left there by a call
     * whose end was never reported (a stack overflow in the woven code itself), and must not make later
     * calls look nested.
     */
    void popTo(CallFrame frame) {
        for (int i = depth - 1; i >= frame.index; i--) {
            frames[i].clear();
        }
        if (frame.index < depth) {
            depth = frame.index;
        }
    }

    /** The innermost call in progress on this thread, or null. */
    CallFrame innermost() {
        return depth > 0 ? frames[depth - 1] : null;
    }

    /** The call {@code frame} is nested in, or null for an outermost call. */
    CallFrame enclosing(CallFrame frame) {
        return frame.index > 0 && frame.index <= depth ? frames[frame.index - 1] : null;
    }

    /** Marks the next entry of {@code call}'s method, of class {@code owner}, on this thread as that call's retry. */
    void expectRetry(AsyncCall call, Class<?> owner) {
        pendingRetry = call;
        pendingRetryOwner = owner;
    }

    /**
     * The call whose retry is expected for {@code method} of class {@code owner}, taken (it is expected
     * once); null if none. The same method of the same class takes it under another handler too: a
     * reload that re-wove the class gave it a new one, and the call goes on with the guard it started with.
     */
    AsyncCall takeRetry(AsyncMethodGuard method, Class<?> owner) {
        AsyncCall call = pendingRetry;
        if (call != null && (call.method == method || owner == pendingRetryOwner && call.method.isSameMethodAs(method))) {
            pendingRetry = null;
            pendingRetryOwner = null;
            return call;
        }
        return null;
    }

    int depth() {
        return depth;
    }

    private void grow() {
        CallFrame[] grown = new CallFrame[Math.max(4, frames.length * 2)];
        System.arraycopy(frames, 0, grown, 0, frames.length);
        for (int i = frames.length; i < grown.length; i++) {
            grown[i] = new CallFrame(this, i);
        }
        frames = grown;
    }
}

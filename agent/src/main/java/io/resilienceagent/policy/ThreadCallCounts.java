package io.resilienceagent.policy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * One thread's count of calls per service, written only by that thread: counting a call is a plain
 * increment, where a shared counter would cost an atomic instruction on every call (the largest single
 * cost of the success path). A total adds up every thread's counts; the counts of threads that have
 * ended are folded into a running total, so the list of threads stays within twice those alive when it
 * was last swept.
 *
 * <p>The owner writes with opaque stores, so every increment reaches memory and a reader sees counts
 * that are exact once the counting calls have completed (as a test or an operator observes them).
 */
final class ThreadCallCounts {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** The fewest threads that register between two sweeps of the list. */
    private static final int SWEEP_EVERY = 64;

    /** Guarded by itself. */
    private static final List<ThreadCallCounts> REGISTERED = new ArrayList<>();
    /** Counts of ended threads, per service; guarded by {@link #REGISTERED}. */
    private static long[] ended = new long[0];
    /**
     * Registrations left before the next sweep: as many as the list kept at the last one (at least
     * {@value #SWEEP_EVERY}), so that the sweeps cost a constant per registration however many threads
     * are alive (a virtual thread per request), and the list holds at most twice the threads alive at the
     * last sweep and {@value #SWEEP_EVERY} more; guarded by {@link #REGISTERED}.
     */
    private static int registrationsUntilSweep = SWEEP_EVERY;
    /** Sweeps so far, for tests; guarded by {@link #REGISTERED}. */
    private static long sweeps;

    private final WeakReference<Thread> owner;
    /** Per service index; replaced by a longer copy, only by the owner, when a new service is counted. */
    private volatile long[] counts = new long[0];
    /** The owner's own view of {@link #counts}, read without a volatile load. */
    private long[] mine = counts;

    private ThreadCallCounts(Thread owner) {
        this.owner = new WeakReference<>(owner);
    }

    /** Whether these are {@code thread}'s counts. */
    boolean isOwnedBy(Thread thread) {
        return owner.get() == thread;
    }

    static ThreadCallCounts forCurrentThread() {
        return register(Thread.currentThread());
    }

    /** New counts owned by {@code owner}, the current thread but in tests. */
    static ThreadCallCounts register(Thread owner) {
        ThreadCallCounts counts = new ThreadCallCounts(owner);
        synchronized (REGISTERED) {
            if (--registrationsUntilSweep <= 0) {
                sweep();
            }
            REGISTERED.add(counts);
        }
        return counts;
    }

    /** How many counts are registered, of live threads and of threads ended since the last sweep; for tests. */
    static int registered() {
        synchronized (REGISTERED) {
            return REGISTERED.size();
        }
    }

    /** How many times the list was swept so far; for tests. */
    static long sweeps() {
        synchronized (REGISTERED) {
            return sweeps;
        }
    }

    /** Counts one call of {@code service}; only on the owner thread. */
    void increment(int service) {
        long[] slots = mine;
        if (service >= slots.length) {
            slots = grow(service);
        }
        SLOT.setOpaque(slots, service, slots[service] + 1);
    }

    /** Calls of {@code service} counted by all threads. */
    static long total(int service) {
        synchronized (REGISTERED) {
            sweep();
            long sum = service < ended.length ? ended[service] : 0;
            for (ThreadCallCounts counts : REGISTERED) {
                sum += counts.read(service);
            }
            return sum;
        }
    }

    private long read(int service) {
        long[] slots = counts;
        return service < slots.length ? (long) SLOT.getOpaque(slots, service) : 0;
    }

    private long[] grow(int service) {
        long[] grown = new long[Math.max(service + 1, mine.length * 2 + 4)];
        System.arraycopy(mine, 0, grown, 0, mine.length);
        mine = grown;
        counts = grown;
        return grown;
    }

    /**
     * Folds the counts of threads that have ended (their last counts are visible once {@code isAlive}
     * says so) and keeps the others, in one pass over the list.
     */
    private static void sweep() {
        int kept = 0;
        for (int i = 0, n = REGISTERED.size(); i < n; i++) {
            ThreadCallCounts counts = REGISTERED.get(i);
            Thread thread = counts.owner.get();
            if (thread != null && thread.isAlive()) {
                REGISTERED.set(kept++, counts);
                continue;
            }
            long[] slots = counts.counts;
            if (slots.length > ended.length) {
                long[] grown = new long[slots.length];
                System.arraycopy(ended, 0, grown, 0, ended.length);
                ended = grown;
            }
            for (int s = 0; s < slots.length; s++) {
                ended[s] += (long) SLOT.getOpaque(slots, s);
            }
        }
        REGISTERED.subList(kept, REGISTERED.size()).clear();
        registrationsUntilSweep = Math.max(SWEEP_EVERY, kept);
        sweeps++;
    }
}

package io.resilienceagent.policy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One thread's count of calls per service, written only by that thread: counting a call is a plain
 * increment, where a shared counter would cost an atomic instruction on every call (the largest single
 * cost of the success path). A total adds up every thread's counts; the counts of threads that have
 * ended are folded into a running total, so the list of threads stays as long as the live ones.
 *
 * <p>The owner writes with opaque stores, so every increment reaches memory and a reader sees counts
 * that are exact once the counting calls have completed (as a test or an operator observes them).
 */
final class ThreadCallCounts {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    /** How many threads may register before the list is swept of ended threads. */
    private static final int SWEEP_EVERY = 64;

    /** Guarded by itself. */
    private static final List<ThreadCallCounts> REGISTERED = new ArrayList<>();
    /** Counts of ended threads, per service; guarded by {@link #REGISTERED}. */
    private static long[] ended = new long[0];
    private static int registrationsSinceSweep;

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
        ThreadCallCounts counts = new ThreadCallCounts(Thread.currentThread());
        synchronized (REGISTERED) {
            if (++registrationsSinceSweep >= SWEEP_EVERY) {
                registrationsSinceSweep = 0;
                sweep();
            }
            REGISTERED.add(counts);
        }
        return counts;
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

    /** Folds the counts of threads that have ended (their last counts are visible once {@code isAlive} says so). */
    private static void sweep() {
        for (Iterator<ThreadCallCounts> it = REGISTERED.iterator(); it.hasNext();) {
            ThreadCallCounts counts = it.next();
            Thread thread = counts.owner.get();
            if (thread == null || !thread.isAlive()) {
                long[] slots = counts.counts;
                if (slots.length > ended.length) {
                    long[] grown = new long[slots.length];
                    System.arraycopy(ended, 0, grown, 0, ended.length);
                    ended = grown;
                }
                for (int i = 0; i < slots.length; i++) {
                    ended[i] += (long) SLOT.getOpaque(slots, i);
                }
                it.remove();
            }
        }
    }
}

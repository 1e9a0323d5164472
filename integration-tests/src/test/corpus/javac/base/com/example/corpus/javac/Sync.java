package com.example.corpus.javac;

import com.example.corpus.support.Flaky;

/** synchronized methods and blocks: the monitor is held on every attempt and released in the end. */
public final class Sync {
    private static int staticCounter;
    private final Object lock = new Object();
    private int counter;

    public synchronized String syncMethod(int a) {
        Flaky.step("javac.sync.method");
        counter += a;
        return "held=" + Thread.holdsLock(this) + ",counter=" + counter;
    }

    public static synchronized int staticSync(int a) {
        Flaky.step("javac.sync.static");
        staticCounter += a;
        return Thread.holdsLock(Sync.class) ? a * 2 : -1;
    }

    public int syncBlock(int a) {
        synchronized (lock) {
            Flaky.step("javac.sync.block");
            counter += a;
        }
        return Thread.holdsLock(lock) ? -1 : a * 3;
    }

    /** True when no monitor of this object is left held by the current thread. */
    public boolean released() {
        return !Thread.holdsLock(this) && !Thread.holdsLock(lock) && !Thread.holdsLock(Sync.class);
    }
}

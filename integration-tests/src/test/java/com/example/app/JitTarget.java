package com.example.app;

import java.net.ConnectException;

/**
 * The class {@link ManyLoadersApp} defines again and again; its {@code call()} fails its first attempt in
 * each copy, so a copy that answers "attempts=2" was woven.
 */
public final class JitTarget {
    private static int attempts;

    private JitTarget() {
    }

    public static String call() throws ConnectException {
        if (++attempts == 1) {
            throw new ConnectException("first attempt of this copy");
        }
        return "ok";
    }

    public static int attempts() {
        return attempts;
    }
}

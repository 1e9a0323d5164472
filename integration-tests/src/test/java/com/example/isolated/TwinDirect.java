package com.example.isolated;

import java.net.ConnectException;

/**
 * Refuses twice (a transient {@link ConnectException}), then answers; the count is static, so each copy
 * of this class (one per class loader) counts for itself. The config names this class itself.
 */
public class TwinDirect {
    private static int attempts;

    public static String call() throws Exception {
        attempts++;
        if (attempts <= 2) {
            throw new ConnectException("Connection refused (simulated)");
        }
        return "twin-direct-ok";
    }

    public static int attempts() {
        return attempts;
    }
}

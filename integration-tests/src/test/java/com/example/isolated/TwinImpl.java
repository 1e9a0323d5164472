package com.example.isolated;

import java.net.ConnectException;

/** Implements {@link TwinRemote}: refuses twice, then answers; counts in a static field per class copy. */
public class TwinImpl implements TwinRemote {
    private static int attempts;

    @Override
    public String call() throws Exception {
        attempts++;
        if (attempts <= 2) {
            throw new ConnectException("Connection refused (simulated)");
        }
        return "twin-impl-ok";
    }

    public static int attempts() {
        return attempts;
    }
}

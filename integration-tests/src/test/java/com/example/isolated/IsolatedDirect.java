package com.example.isolated;

import java.net.ConnectException;

/** Like {@link IsolatedClient}, but the config names this class itself, and it implements nothing. */
public class IsolatedDirect {
    private int attempts;

    public String call() throws Exception {
        attempts++;
        if (attempts <= 2) {
            throw new ConnectException("Connection refused (simulated)");
        }
        return "direct-ok";
    }

    public int attempts() {
        return attempts;
    }
}

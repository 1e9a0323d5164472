package com.example.isolated;

import java.net.ConnectException;

/**
 * Implements {@link IsolatedRemote}: refuses twice (a transient {@link ConnectException}), then answers.
 * The test app loads a copy of this class through a {@code URLClassLoader} whose parent is the platform
 * class loader, so neither the application class loader nor the agent's own loader can see it.
 */
public class IsolatedClient implements IsolatedRemote {
    private int attempts;

    @Override
    public String call() throws Exception {
        attempts++;
        if (attempts <= 2) {
            throw new ConnectException("Connection refused (simulated)");
        }
        return "isolated-ok";
    }

    @Override
    public int attempts() {
        return attempts;
    }
}

package com.example.modular.bundled;

import java.net.ConnectException;

/**
 * The protected class, loaded by a module system's class loader (an OSGi bundle's, a JBoss module's):
 * it sees nothing of the application's class path, so it counts its own runs for the launcher to read.
 */
public class ModularClient {
    /** Runs of the methods' bodies. */
    public static int runs;
    private static int calls;

    /** Fails with a transient failure twice, then answers. */
    public String call() throws ConnectException {
        runs++;
        if (++calls % 3 != 0) {
            throw new ConnectException("refused " + calls);
        }
        return "fine";
    }

    /**
     * Whether {@link #down} is rejected by the agent's open breaker, as the module's own code tells: it
     * names the agent's exception class, which the module's class loader must find.
     */
    public String rejectedByBreaker() throws ClassNotFoundException {
        try {
            down();
            return "ran";
        } catch (RuntimeException | ConnectException e) {
            return String.valueOf(e.getClass() == Class.forName("io.resilienceagent.CircuitBreakerOpenException"));
        }
    }

    /** Always fails. */
    public String down() throws ConnectException {
        runs++;
        throw new ConnectException("down");
    }
}

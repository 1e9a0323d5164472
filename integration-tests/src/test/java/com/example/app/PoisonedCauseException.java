package com.example.app;

import java.net.ConnectException;

/**
 * A refused connection whose {@link #getCause()} throws: walking its cause chain fails inside the agent.
 * The application must still see this exception, as if no agent were there.
 */
public class PoisonedCauseException extends ConnectException {
    private static final long serialVersionUID = 1L;

    public PoisonedCauseException() {
        super("Connection refused (simulated, with a poisoned cause)");
    }

    @Override
    public synchronized Throwable getCause() {
        throw new IllegalStateException("getCause() exploded");
    }
}

package com.example.app;

import java.io.IOException;

/** A thrown exception whose status accessor throws; not transient, so it must reach the caller at once. */
public class StatusBombException extends IOException {
    private static final long serialVersionUID = 1L;

    public StatusBombException() {
        super("failed with an unreadable status");
    }

    public int statusCode() {
        throw new IllegalStateException("statusCode() exploded");
    }
}

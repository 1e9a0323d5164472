package com.example.app;

/** What an SDK throws for an HTTP error status; the agent reads the status through {@link #statusCode()}. */
public class ApiStatusException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiStatusException(int status) {
        super("HTTP " + status);
        this.status = status;
    }

    public int statusCode() {
        return status;
    }
}

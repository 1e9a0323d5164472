package com.example.nested;

/** What the SDK throws for an HTTP error status; the agent reads {@link #statusCode()}. */
public class ApiException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status) {
        super("HTTP " + status);
        this.status = status;
    }

    public int statusCode() {
        return status;
    }
}

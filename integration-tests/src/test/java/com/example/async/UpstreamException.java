package com.example.async;

import java.io.IOException;

/**
 * The application's own failure for an HTTP error status, carrying it in {@link #statusCode()} (so the
 * agent sees a 503 as transient); the test checks that the caller gets this very instance back.
 */
public class UpstreamException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public UpstreamException(int status, String path) {
        super("HTTP " + status + " for " + path);
        this.status = status;
    }

    public int statusCode() {
        return status;
    }
}

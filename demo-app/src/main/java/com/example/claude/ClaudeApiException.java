package com.example.claude;

import java.net.http.HttpHeaders;

/**
 * The completion API answered with a status other than 200.
 *
 * <p>Carries the status and the response headers, so callers (and tools watching calls) can tell
 * a transient refusal such as 429 or 503 from a request that will never succeed.
 */
public class ClaudeApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;
    private final transient HttpHeaders headers;

    public ClaudeApiException(int statusCode, HttpHeaders headers) {
        super("HTTP " + statusCode);
        this.statusCode = statusCode;
        this.headers = headers;
    }

    public int statusCode() {
        return statusCode;
    }

    public HttpHeaders headers() {
        return headers;
    }
}

package io.resilienceagent.policy;

import io.resilienceagent.log.AgentLog;
import java.net.http.HttpResponse;

/**
 * Releases a failing return value that the caller will never see, because a later attempt or a
 * rejection supersedes it: a response left open would keep its connection (OkHttp reports such a
 * response as leaked, and every retry would open a new connection). The value handed to the caller is
 * never closed.
 */
final class FailedValues {
    /** Google HTTP Client's response, which is released by {@code disconnect()}, found by name (the agent has no such library). */
    static final String GOOGLE_RESPONSE = "com.google.api.client.http.HttpResponse";

    private FailedValues() {
    }

    /**
     * Closes {@code value} if it is {@link AutoCloseable}, or the body of a {@code java.net.http} response if
     * that is; disconnects Google HTTP Client's response.
     */
    static void release(Object value) {
        Object closeable = value;
        if (StatusReader.isHttpResponse(value)) {
            closeable = ((HttpResponse<?>) value).body();
        }
        try {
            if (closeable instanceof AutoCloseable resource) {
                resource.close();
            } else if (closeable != null && closeable.getClass().getName().equals(GOOGLE_RESPONSE)) {
                closeable.getClass().getMethod("disconnect").invoke(closeable);
            }
        } catch (Exception | LinkageError e) {
            AgentLog.debug("Could not close a superseded " + closeable.getClass().getName() + ": " + e);
        }
    }
}

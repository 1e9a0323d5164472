package com.example.demo;

import java.net.http.HttpResponse;

/** How one call ended, as the caller saw it. */
record Outcome(Kind kind, String detail) {

    private static final String BREAKER_OPEN = "io.resilienceagent.CircuitBreakerOpenException";

    enum Kind { OK, FAILED, REJECTED }

    static Outcome ok(String detail) {
        return new Outcome(Kind.OK, detail);
    }

    static Outcome of(HttpResponse<?> response) {
        int status = response.statusCode();
        return status / 100 == 2
                ? new Outcome(Kind.OK, "HTTP " + status)
                : new Outcome(Kind.FAILED, "HTTP " + status + " (returned)");
    }

    /** A thrown exception; the agent's "breaker open" exception is recognised by name alone. */
    static Outcome of(Throwable thrown) {
        String name = thrown.getClass().getSimpleName();
        String message = firstMessage(thrown);
        return new Outcome(isBreakerOpen(thrown.getClass()) ? Kind.REJECTED : Kind.FAILED,
                message == null ? name : name + ": " + message);
    }

    private static String firstMessage(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getMessage();
            }
        }
        return null;
    }

    private static boolean isBreakerOpen(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(BREAKER_OPEN)) {
                return true;
            }
        }
        return false;
    }
}

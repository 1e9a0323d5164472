package com.example.async;

/** A value an async method completes with normally, whatever the status: the agent reads {@link #statusCode()}. */
public final class Reply {
    private final int status;
    private final String body;

    public Reply(int status, String body) {
        this.status = status;
        this.body = body;
    }

    public int statusCode() {
        return status;
    }

    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return status + ":" + body;
    }
}

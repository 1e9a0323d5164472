package com.example.bench.subject;

/** What the benchmarked method returns: a small application object with no HTTP status accessor. */
public final class Reply {
    private final int value;

    public Reply(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}

package com.example.bench.startup;

/** The other protected method of the start-up app (service {@code quotes}). */
public final class QuoteClient {
    private static final String[] QUOTES = {"Retry wraps the breaker.", "Fail fast when open."};

    public String fetch(int id) {
        return QUOTES[id & 1];
    }
}

package com.example.bench.startup;

import java.net.ConnectException;

/** One of the two protected methods of the start-up app (service {@code greetings}). */
public final class GreetingClient {
    private boolean failNext;

    public GreetingClient(boolean failFirstCall) {
        this.failNext = failFirstCall;
    }

    public String fetch(String name) throws ConnectException {
        if (failNext) {
            failNext = false;
            throw new ConnectException("Connection refused (start-up check)");
        }
        return name == null ? "hello" : "hello, world";
    }
}

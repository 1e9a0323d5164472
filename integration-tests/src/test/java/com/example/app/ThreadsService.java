package com.example.app;

import java.net.ConnectException;

/** A protected method whose service is down: every attempt is refused (simulated, no network). */
public final class ThreadsService {
    public String call() throws ConnectException {
        throw new ConnectException("Connection refused (simulated)");
    }
}

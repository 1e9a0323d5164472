package com.example.reload;

import java.net.ConnectException;

/** A client the reload tests protect from the start; {@code peek} is a second method of the same class. */
public class QuoteClient {
    public String quote(String mode) throws ConnectException, InterruptedException {
        return Behaviour.run("quote", mode);
    }

    public String peek(String mode) throws ConnectException, InterruptedException {
        return Behaviour.run("peek", mode);
    }
}

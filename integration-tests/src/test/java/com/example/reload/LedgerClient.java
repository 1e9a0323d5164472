package com.example.reload;

import java.net.ConnectException;

/**
 * A client that is loaded and called before a reload may add (or after one may remove) the pattern
 * that protects it: the agent must weave it again while it stays loaded.
 */
public class LedgerClient {
    public String post(String mode) throws ConnectException, InterruptedException {
        return Behaviour.run("ledger", mode);
    }
}

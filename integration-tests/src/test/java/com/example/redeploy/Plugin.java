package com.example.redeploy;

import java.net.ConnectException;

/**
 * A class that a redeploying application loads again and again, each time in a new class loader. Its
 * first run in each copy fails with a transient failure, so each copy shows whether it was woven.
 */
public class Plugin {
    public static int runs;

    public String call() throws ConnectException {
        if (runs++ == 0) {
            throw new ConnectException("first run of this copy");
        }
        return "ok";
    }
}

package com.example.secured;

import com.example.support.StepRunner;
import java.net.ConnectException;

/** A client whose odd-numbered runs fail with a transient failure. */
public class SecuredClient {
    private int runs;

    public String call() throws ConnectException {
        StepRunner.BODY.incrementAndGet();
        if (++runs % 2 == 1) {
            throw new ConnectException("refused " + runs);
        }
        return "ok " + runs;
    }
}

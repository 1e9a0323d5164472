package com.example.secured;

import com.example.support.StepRunner;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;

/** A client whose odd-numbered runs fail with a transient failure, one that always fails, and an async one. */
public class SecuredClient {
    private int runs;
    private int asyncRuns;

    public String call() throws ConnectException {
        StepRunner.BODY.incrementAndGet();
        if (++runs % 2 == 1) {
            throw new ConnectException("refused " + runs);
        }
        return "ok-" + runs;
    }

    public String down() throws ConnectException {
        StepRunner.BODY.incrementAndGet();
        throw new ConnectException("down");
    }

    public CompletableFuture<String> callAsync() {
        StepRunner.BODY.incrementAndGet();
        return ++asyncRuns % 2 == 1 ? CompletableFuture.failedFuture(new ConnectException("refused"))
                : CompletableFuture.completedFuture("async-ok");
    }
}

package com.example.tomcat.webapp;

import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;

/**
 * The protected client of the web application, loaded by its web application class loader: each call's
 * first attempt fails with a transient failure; with {@code slow}, the retry then holds its thread for
 * a while (announced through a system property, as the launcher sees nothing of the web application).
 */
public class AsyncQuotes {
    private static int attempts;

    public CompletableFuture<String> quote(boolean slow) {
        if (++attempts % 2 == 1) {
            return CompletableFuture.failedFuture(new ConnectException("refused"));
        }
        if (slow) {
            System.setProperty("tomcat.retryRunning", "true");
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return CompletableFuture.completedFuture("quote on " + Thread.currentThread().getName());
    }
}

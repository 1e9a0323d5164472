package com.example.app;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

/** The one method {@link HammerApp}'s threads call; the config protects it. */
public final class HammerClient {

    /**
     * GETs {@code url}; counts each run of the body (each attempt that got past the breaker) in
     * {@code bodyRuns} and runs {@code beforeRequest} before sending.
     */
    public HttpResponse<Void> call(String url, AtomicInteger bodyRuns, Runnable beforeRequest)
            throws IOException, InterruptedException {
        bodyRuns.incrementAndGet();
        beforeRequest.run();
        return Http.CLIENT.send(HttpRequest.newBuilder(Http.uri(url)).timeout(Http.DEFAULT_TIMEOUT).build(),
                HttpResponse.BodyHandlers.discarding());
    }
}

package com.example.app;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A client class that {@link InteractiveApp} loads only when a {@code lazy} command first uses it, so
 * a test can see the agent's {@code InstrumentedMethods} and {@code UnmatchedPatterns} before and
 * after the class is transformed. No other class refers to it.
 */
public class LazyClient {
    public int fetch(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(Http.uri(url)).timeout(Http.DEFAULT_TIMEOUT).GET().build();
        return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

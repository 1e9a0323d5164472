package com.example.app;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Extends {@link AbstractSource}; the config never names this class. */
public class HttpSource extends AbstractSource {
    @Override
    public int load(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(Http.uri(url)).timeout(Http.DEFAULT_TIMEOUT).GET().build();
        return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}

package com.example.async;

import com.example.support.StepRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A synchronous method beside the async ones: {@code retry.attemptTimeout} does not apply to it. */
public class SyncClient {
    private final HttpClient http;

    public SyncClient(HttpClient http) {
        this.http = http;
    }

    public int get(String url) throws IOException, InterruptedException {
        StepRunner.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

package com.example.budget;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The application's client for an inventory service; the config protects {@link #get}. */
public final class BudgetClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** Body runs of {@link #get} on this thread since the last {@link #takeRuns()}. */
    private static final ThreadLocal<int[]> RUNS = ThreadLocal.withInitial(() -> new int[1]);

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        RUNS.get()[0]++;
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** How many times the body of {@link #get} ran on this thread since the last call; resets the count. */
    static int takeRuns() {
        int[] runs = RUNS.get();
        int n = runs[0];
        runs[0] = 0;
        return n;
    }
}

package com.example.async;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An application's async HTTP client, with no resilience code: each method sends one GET with
 * {@code HttpClient.sendAsync} and returns at once a future of the outcome. The end-to-end tests name
 * its methods in the agent's config. An error status fails the future with the application's own
 * {@link UpstreamException}, except in {@link #status}, which completes with a {@link Reply} whatever the status.
 */
public class AsyncClient {
    private final HttpClient http;
    /** Runs of {@link #firstFails} per call id. */
    private final Map<Integer, Integer> runsById = new ConcurrentHashMap<>();

    public AsyncClient(HttpClient http) {
        this.http = http;
    }

    public CompletableFuture<String> fetch(String url) {
        return fetchInto(url, new CompletableFuture<>());
    }

    public CompletionStage<String> stage(String url) {
        return fetchInto(url, new CompletableFuture<>());
    }

    public TrackedFuture<String> tracked(String url) {
        return fetchInto(url, new TrackedFuture<>());
    }

    /** Completes normally with the status and body, a 503 included. */
    public CompletableFuture<Reply> status(String url) {
        CompletableFuture<HttpResponse<String>> sent = send(url);
        CompletableFuture<Reply> reply = sent.thenApply(response -> new Reply(response.statusCode(), response.body()));
        BodyRuns.ran(reply, sent);
        return reply;
    }

    /**
     * Call {@code id}'s first run asks {@code base/first}, every later run {@code base/again}: with a server
     * that fails the first path, every call fails its first attempt and succeeds on its retry.
     */
    public CompletableFuture<String> firstFails(String base, int id) {
        int run = runsById.merge(id, 1, Integer::sum);
        return fetchInto(base + (run == 1 ? "/first" : "/again"), new CompletableFuture<>());
    }

    private <F extends CompletableFuture<String>> F fetchInto(String url, F result) {
        CompletableFuture<HttpResponse<String>> sent = send(url);
        sent.whenComplete((response, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (response.statusCode() >= 500) {
                result.completeExceptionally(BodyRuns.created(new UpstreamException(response.statusCode(), response.uri().getPath())));
            } else {
                result.complete(response.body());
            }
        });
        BodyRuns.ran(result, sent);
        return result;
    }

    private CompletableFuture<HttpResponse<String>> send(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }
}

package com.example.app;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The application's HTTP client: plain calls, one request per call, no resilience code. The tests
 * map these methods to services in their resilience.yaml; {@code get} has two overloads, so a pattern
 * without parameter types covers both.
 */
public class ApiClient {

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        return send(url, Http.DEFAULT_TIMEOUT);
    }

    /** Independent of the other overload (no delegation), so one call is one protected method. */
    public HttpResponse<String> get(String url, long timeoutMillis) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        return send(url, Duration.ofMillis(timeoutMillis));
    }

    /** Sends {@code body} (a prompt, say: data the agent must never log). */
    public HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(Http.uri(url))
                .timeout(Http.DEFAULT_TIMEOUT)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Like an SDK: a status of 400 or more becomes an {@link ApiStatusException}; returns the status otherwise. */
    public int getOrThrow(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(Http.uri(url)).timeout(Http.DEFAULT_TIMEOUT).GET().build();
        HttpResponse<String> response = Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new ApiStatusException(response.statusCode());
        }
        return response.statusCode();
    }

    /** The same request as {@link #get(String)}, for a second service. */
    public HttpResponse<String> alpha(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        return send(url, Http.DEFAULT_TIMEOUT);
    }

    /** The same request as {@link #get(String)}, for a third service. */
    public HttpResponse<String> beta(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        return send(url, Http.DEFAULT_TIMEOUT);
    }

    /** The same request as {@link #get(String)}, for a fourth service. */
    public HttpResponse<String> gamma(String url) throws IOException, InterruptedException {
        Attempts.BODY.incrementAndGet();
        return send(url, Http.DEFAULT_TIMEOUT);
    }

    private static HttpResponse<String> send(String url, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(Http.uri(url)).timeout(timeout).GET().build();
        return Http.CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}

package com.example.claude;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a text-completion API for a completion of a prompt.
 *
 * <p>One attempt per call: a status other than 200 becomes a {@link ClaudeApiException}, and
 * network failures surface as the {@link IOException} the HTTP client threw.
 */
public class ClaudeClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final URI completeUri;
    private final Duration requestTimeout;
    private final HttpClient http;

    public ClaudeClient(URI baseUri) {
        this(baseUri, DEFAULT_REQUEST_TIMEOUT);
    }

    public ClaudeClient(URI baseUri, Duration requestTimeout) {
        this.completeUri = URI.create(withoutTrailingSlash(baseUri) + "/v1/complete");
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** Returns the API's JSON answer for {@code prompt}. */
    public String complete(String prompt) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(completeUri)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\": " + Json.quote(prompt) + "}"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new ClaudeApiException(response.statusCode(), response.headers());
        }
        return response.body();
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

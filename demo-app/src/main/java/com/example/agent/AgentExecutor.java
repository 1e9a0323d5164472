package com.example.agent;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Performs the HTTP requests an automated agent decides to make against a tool server.
 *
 * <p>Returns every response as it came, whatever its status: judging the answer is the caller's
 * business. Network failures surface as the {@link IOException} the HTTP client threw.
 */
public class AgentExecutor {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String baseUrl;
    private final Duration requestTimeout;
    private final HttpClient http;

    public AgentExecutor(URI baseUri) {
        this(baseUri, DEFAULT_REQUEST_TIMEOUT);
    }

    public AgentExecutor(URI baseUri, Duration requestTimeout) {
        this.baseUrl = withoutTrailingSlash(baseUri);
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /**
     * Sends {@code method} to {@code path} (which starts with {@code /}) with an optional body.
     *
     * @param body the request body, or {@code null} for none
     */
    public HttpResponse<String> makeHttpRequest(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}

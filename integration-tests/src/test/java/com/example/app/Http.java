package com.example.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;

/** The application's one {@link HttpClient}; not protected itself. */
final class Http {
    /** {@code -Dit.httpVersion=HTTP_2} switches to the JDK default (h2c upgrade attempt); HTTP/1.1 otherwise. */
    static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.valueOf(System.getProperty("it.httpVersion", "HTTP_1_1")))
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** The request timeout unless a step names its own. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private Http() {
    }

    static URI uri(String url) {
        return URI.create(url);
    }
}

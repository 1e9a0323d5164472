package com.example.nested;

import com.example.support.StepRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Sends one GET per call; an error status becomes an {@link ApiException}. */
public class MessagesImpl implements Messages {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Override
    public int create(String url, int timeoutMillis) throws ApiException {
        StepRunner.BODY.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeoutMillis)).build();
        int status;
        try {
            status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (status >= 400) {
            throw new ApiException(status);
        }
        return status;
    }
}

package io.resilienceagent.policy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A {@link HttpResponse} with a status and optional headers, as a protected method might return. */
record FakeResponse(int statusCode, HttpHeaders headers) implements HttpResponse<String> {
    FakeResponse(int statusCode) {
        this(statusCode, HttpHeaders.of(Map.of(), (a, b) -> true));
    }

    FakeResponse(int statusCode, String header, String value) {
        this(statusCode, Map.of(header, List.of(value)));
    }

    FakeResponse(int statusCode, Map<String, List<String>> headers) {
        this(statusCode, HttpHeaders.of(headers, (a, b) -> true));
    }

    @Override
    public HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).build();
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public String body() {
        return "";
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return Optional.empty();
    }

    @Override
    public URI uri() {
        return URI.create("http://127.0.0.1/");
    }

    @Override
    public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
    }
}

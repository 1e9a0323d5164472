package com.example.springapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * Fetches a quote from the upstream's {@code /quotes/{id}}. The scoped proxy makes Spring inject a
 * generated subclass, {@code QuoteService$$SpringCGLIB$$0}, that forwards to the real bean: the case of
 * a configured class that also has a framework-generated subclass.
 */
@Service
@Scope(proxyMode = ScopedProxyMode.TARGET_CLASS)
public class QuoteService {
    private final RestClient client;

    public QuoteService(RestClient.Builder builder, @Value("${upstream.url}") String upstreamUrl) {
        this.client = builder.baseUrl(upstreamUrl).build();
    }

    /** One GET; a 4xx or 5xx answer surfaces as Spring's {@code RestClientResponseException}. */
    public String quote(int id) {
        return client.get().uri("/quotes/{id}", id).retrieve().body(String.class);
    }
}

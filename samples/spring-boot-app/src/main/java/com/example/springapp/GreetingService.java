package com.example.springapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/** Fetches a greeting from the upstream's {@code /greeting}; a plain singleton bean (no proxy). */
@Service
public class GreetingService {
    private final RestClient client;

    public GreetingService(RestClient.Builder builder, @Value("${upstream.url}") String upstreamUrl) {
        this.client = builder.baseUrl(upstreamUrl).build();
    }

    /** One GET; a 4xx or 5xx answer surfaces as Spring's {@code RestClientResponseException}. */
    public String greeting(String name) {
        return client.get().uri("/greeting?name={name}", name).retrieve().body(String.class);
    }
}

package com.example.spring;

import com.example.support.StepRunner;
import org.springframework.web.client.RestClient;

/** The application's upstream calls through Spring's {@code RestClient}: one GET per run, the body as text. */
public class RestClientGateway {
    private final RestClient client;

    public RestClientGateway(String baseUrl) {
        this.client = RestClient.builder().baseUrl(baseUrl).build();
    }

    public String fetch(String path) {
        StepRunner.BODY.incrementAndGet();
        return client.get().uri(path).retrieve().body(String.class);
    }
}

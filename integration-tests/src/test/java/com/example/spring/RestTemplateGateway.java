package com.example.spring;

import com.example.support.StepRunner;
import org.springframework.web.client.RestTemplate;

/** The application's upstream calls through Spring's {@code RestTemplate}: one GET per run, the body as text. */
public class RestTemplateGateway {
    private final RestTemplate template = new RestTemplate();
    private final String baseUrl;

    public RestTemplateGateway(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String fetch(String path) {
        StepRunner.BODY.incrementAndGet();
        return template.getForObject(baseUrl + path, String.class);
    }
}

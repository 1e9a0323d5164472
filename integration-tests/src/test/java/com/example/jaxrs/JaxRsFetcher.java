package com.example.jaxrs;

import com.example.support.StepRunner;
import jakarta.ws.rs.client.Client;

/**
 * The application's JAX-RS call: the body as a {@code String}, so that the client throws a
 * {@code WebApplicationException} (holding the response) for a 4xx or 5xx.
 */
public class JaxRsFetcher {
    private final Client client;

    public JaxRsFetcher(Client client) {
        this.client = client;
    }

    public String fetch(String url) {
        StepRunner.BODY.incrementAndGet();
        return client.target(url).request().get(String.class);
    }
}

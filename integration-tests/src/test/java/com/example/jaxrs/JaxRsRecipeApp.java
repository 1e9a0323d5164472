package com.example.jaxrs;

import com.example.support.StepRunner;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import java.util.Arrays;

/**
 * {@code JaxRsRecipeApp BASE_URL STEP...}, an application on a JAX-RS client (Jersey, its default
 * connector): {@code fetch PATH} calls {@link JaxRsFetcher#fetch}, whose value is the body.
 */
public final class JaxRsRecipeApp {
    private JaxRsRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        Client client = ClientBuilder.newClient();
        JaxRsFetcher fetcher = new JaxRsFetcher(client);
        String base = args[0];
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> fetcher.fetch(base + a[0]));
        client.close();
    }
}

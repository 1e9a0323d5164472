package com.example.spring;

import com.example.support.StepRunner;
import java.util.Arrays;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@code SpringRecipeApp BASE_URL STEP...}, an application calling an upstream through Spring 6
 * (spring-web alone, no Spring Boot): {@code restClient PATH} through {@link RestClientGateway},
 * {@code restTemplate PATH} through {@link RestTemplateGateway}. With only spring-web on the class path,
 * {@code RestClient} sends through {@code java.net.http.HttpClient} and {@code RestTemplate} through
 * {@code HttpURLConnection}. A call prints the body; a 4xx or 5xx answer adds the exception's {@code status}.
 */
public final class SpringRecipeApp {
    private SpringRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        RestClientGateway restClient = new RestClientGateway(args[0]);
        RestTemplateGateway restTemplate = new RestTemplateGateway(args[0]);
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            try {
                return switch (op) {
                    case "restClient" -> restClient.fetch(a[0]);
                    case "restTemplate" -> restTemplate.fetch(a[0]);
                    default -> throw new IllegalArgumentException("unknown step " + op);
                };
            } catch (RestClientResponseException e) {
                extra.put("status", String.valueOf(e.getStatusCode().value()));
                throw e;
            }
        });
    }
}

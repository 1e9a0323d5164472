package com.example.jdkhttp;

import com.example.support.StepRunner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Arrays;

/**
 * {@code JdkHttpRecipeApp BASE_URL STEP...}: {@code send PATH} calls {@code java.net.http.HttpClient.send}
 * directly (a GET, the body as text) on a client with the JDK's defaults (HTTP/2 preferred), as most
 * code on the JDK's client does. The library method is
 * the protected one here, so {@code attempts} counts the responses {@code send} received during a call
 * (its body handler is asked once per response; an attempt that ended in a reset got none).
 */
public final class JdkHttpRecipeApp {
    private JdkHttpRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        BodyHandler<String> counted = info -> {
            StepRunner.BODY.incrementAndGet();
            return BodyHandlers.ofString().apply(info);
        };
        String base = args[0];
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            if (!op.equals("send")) {
                throw new IllegalArgumentException("unknown step " + op);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + a[0])).timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = client.send(request, counted);
            return response.statusCode();
        });
    }
}

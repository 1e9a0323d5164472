package com.example.apache;

import com.example.support.StepRunner;
import java.util.Arrays;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.pool.PoolStats;

/**
 * {@code ApacheRecipeApp BASE_URL STEP...}, an application on Apache HttpClient 5, both through its
 * own {@link ApacheFetcher#fetch}: {@code fetch PATH} on a client built with
 * {@code disableAutomaticRetries()} (Apache's own retries turned off in code), {@code fetchDefault PATH}
 * on {@code HttpClients.createDefault()} (which retries a 429 or 503 once by itself, after
 * {@code Retry-After} or 1 s). Each call reads and closes the response it gets; a {@code fetch} call
 * reports {@code connects} (connections its pool created during the call) and its pool afterwards:
 * {@code pooled} connections and how many of them are still {@code leased} (a response nobody closed
 * keeps its connection leased, and the next attempt has to open another).
 */
public final class ApacheRecipeApp {
    private ApacheRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        ConnectionCounter connections = new ConnectionCounter();
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(connections).build();
        try (CloseableHttpClient plain = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build();
                CloseableHttpClient withOwnRetries = HttpClients.createDefault()) {
            ApacheFetcher fetcher = new ApacheFetcher(plain);
            ApacheFetcher retryingFetcher = new ApacheFetcher(withOwnRetries);
            String base = args[0];
            StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
                boolean own = switch (op) {
                    case "fetch" -> false;
                    case "fetchDefault" -> true;
                    default -> throw new IllegalArgumentException("unknown step " + op);
                };
                int connectsBefore = connections.created();
                try (ClassicHttpResponse response = (own ? retryingFetcher : fetcher).fetch(base + a[0])) {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                } finally {
                    if (!own) {
                        PoolStats stats = pool.getTotalStats();
                        extra.put("connects", String.valueOf(connections.created() - connectsBefore));
                        extra.put("pooled", String.valueOf(stats.getAvailable() + stats.getLeased()));
                        extra.put("leased", String.valueOf(stats.getLeased()));
                    }
                }
            });
        }
    }
}

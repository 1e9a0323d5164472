package com.example.okhttp;

import com.example.support.StepRunner;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * {@code OkHttpApp BASE_URL STEP...}: {@code fetch PATH} calls {@link OkFetcher#fetch}, reads and closes
 * the response it gets, and reports {@code connects} (TCP connections OkHttp opened during the call)
 * and {@code inUse} (pooled connections still held by a response after the call: a response nobody
 * closed holds its connection for good).
 */
public final class OkHttpApp {
    private static final AtomicInteger CONNECTS = new AtomicInteger();

    private OkHttpApp() {
    }

    public static void main(String[] args) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder()
                .retryOnConnectionFailure(false)
                .eventListener(new EventListener() {
                    @Override
                    public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                        CONNECTS.incrementAndGet();
                    }
                })
                .build();
        OkFetcher fetcher = new OkFetcher(client);
        String base = args[0];
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            int connectsBefore = CONNECTS.get();
            int code;
            try (Response response = fetcher.fetch(base + a[0])) {
                response.body().string();
                code = response.code();
            }
            // unreachable responses of earlier attempts: OkHttp reports their connections as leaked
            System.gc();
            extra.put("connects", String.valueOf(CONNECTS.get() - connectsBefore));
            extra.put("inUse", String.valueOf(client.connectionPool().connectionCount()
                    - client.connectionPool().idleConnectionCount()));
            return code;
        });
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}

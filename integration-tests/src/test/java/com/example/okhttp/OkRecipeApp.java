package com.example.okhttp;

import com.example.support.StepRunner;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * {@code OkRecipeApp BASE_URL STEP...}, an application on an OkHttp client with OkHttp's defaults:
 * {@code fetch PATH} calls the application's own {@link OkFetcher#fetch} (which counts its runs);
 * {@code timed PATH} does the same on the client with a call timeout of 500 ms;
 * {@code execute PATH} calls {@code client.newCall(request).execute()} directly, and counts how many
 * times a {@code Call} really started (OkHttp's {@code callStart} event, fired inside
 * {@code RealCall.execute}). Each call reads and closes the response it gets, and reports
 * {@code connects} (TCP connections opened during the call) and {@code inUse} (pooled connections still
 * held afterwards: a response nobody closed holds its connection).
 */
public final class OkRecipeApp {
    private static final AtomicInteger CONNECTS = new AtomicInteger();
    private static volatile boolean countCallStarts;

    private OkRecipeApp() {
    }

    public static void main(String[] args) throws Exception {
        OkHttpClient client = new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void callStart(Call call) {
                if (countCallStarts) {
                    StepRunner.BODY.incrementAndGet();
                }
            }

            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                CONNECTS.incrementAndGet();
            }
        }).build();
        OkFetcher fetcher = new OkFetcher(client);
        // the same client with a call timeout, which OkHttp reports as InterruptedIOException("timeout")
        OkFetcher timed = new OkFetcher(client.newBuilder().callTimeout(java.time.Duration.ofMillis(500)).build());
        String base = args[0];
        StepRunner.run(Arrays.copyOfRange(args, 1, args.length), (op, a, extra) -> {
            int connectsBefore = CONNECTS.get();
            countCallStarts = op.equals("execute");
            int code;
            try (Response response = op.equals("execute")
                    ? client.newCall(new Request.Builder().url(base + a[0]).build()).execute()
                    : (op.equals("timed") ? timed : fetcher).fetch(base + a[0])) {
                response.body().string();
                code = response.code();
            } finally {
                // make unreachable responses of earlier attempts visible: OkHttp reports their connections as leaked
                System.gc();
                extra.put("connects", String.valueOf(CONNECTS.get() - connectsBefore));
                extra.put("inUse", String.valueOf(client.connectionPool().connectionCount()
                        - client.connectionPool().idleConnectionCount()));
            }
            return code;
        });
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}

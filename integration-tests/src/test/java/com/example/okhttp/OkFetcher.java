package com.example.okhttp;

import com.example.support.StepRunner;
import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** The application's OkHttp call: one new {@code Call} per method run, returning the open response. */
public class OkFetcher {
    private final OkHttpClient client;

    public OkFetcher(OkHttpClient client) {
        this.client = client;
    }

    public Response fetch(String url) throws IOException {
        StepRunner.BODY.incrementAndGet();
        return client.newCall(new Request.Builder().url(url).build()).execute();
    }
}

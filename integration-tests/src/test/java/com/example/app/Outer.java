package com.example.app;

import java.io.IOException;
import java.net.http.HttpResponse;

/** A protected method that calls another protected method ({@link ApiClient#get(String, long)}) on the same thread. */
public class Outer {
    private final ApiClient client = new ApiClient();

    public int call(String url) throws IOException, InterruptedException {
        Attempts.OUTER.incrementAndGet();
        HttpResponse<String> response = client.get(url, 5_000);
        return response.statusCode();
    }
}

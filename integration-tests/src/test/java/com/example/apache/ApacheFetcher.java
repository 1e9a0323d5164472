package com.example.apache;

import com.example.support.StepRunner;
import java.io.IOException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;

/** The application's Apache HttpClient call: one GET per run, returning the open response to the caller. */
public class ApacheFetcher {
    private final CloseableHttpClient client;

    public ApacheFetcher(CloseableHttpClient client) {
        this.client = client;
    }

    public ClassicHttpResponse fetch(String url) throws IOException {
        StepRunner.BODY.incrementAndGet();
        return client.executeOpen(null, new HttpGet(url), null);
    }
}

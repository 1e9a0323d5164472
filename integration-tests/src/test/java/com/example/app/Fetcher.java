package com.example.app;

import java.io.IOException;

/** An interface the config names; the protected code lives in {@link HttpFetcher}. */
public interface Fetcher {
    int fetch(String url) throws IOException, InterruptedException;
}

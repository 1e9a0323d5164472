package com.example.springproxy;

import java.util.concurrent.CompletableFuture;

/** An interface whose implementation Spring runs on an executor, as {@code @Async} does. */
public interface AsyncApi {
    CompletableFuture<String> fetchAsync(String what);
}

package com.example.springproxy;

import com.example.support.StepRunner;
import java.net.ConnectException;
import java.util.concurrent.CompletableFuture;

/** The implementation of {@link AsyncApi}; its future fails while {@link ApiService#failuresLeft} lasts. */
public class AsyncApiService implements AsyncApi {
    @Override
    public CompletableFuture<String> fetchAsync(String what) {
        StepRunner.BODY.incrementAndGet();
        if (ApiService.failuresLeft-- > 0) {
            return CompletableFuture.failedFuture(new ConnectException("down"));
        }
        return CompletableFuture.completedFuture("fetched-" + what);
    }
}
